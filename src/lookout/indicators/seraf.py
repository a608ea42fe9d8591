"""The SERAF-like combination of indicators into a score and a level, as data (`seraf.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from lookout.indicators.catalogue import CatalogueError
from lookout.indicators.vocabulary import LEVELS

__all__ = ["SERAF_FILE", "ScoringRules", "load_scoring_rules"]

SERAF_FILE = Path(__file__).parent / "seraf.yaml"


@dataclass(frozen=True)
class ScoringRules:
    """Windows, points, bands and the two rules that raise or cap a level."""

    guidance: tuple[str, ...]
    current_days: int
    recent_days: int
    vulnerability_points: int
    moderate_points: int
    significant_current_points: int
    significant_recent_points: int
    bands: dict[str, int]
    age_at_most: int
    age_raises_to: str
    high_needs_agencies: int


def load_scoring_rules(path: Path = SERAF_FILE) -> ScoringRules:
    """Read and check the scoring rules; a problem names the file and the field."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise CatalogueError(path, None, None, f"is not valid YAML ({error})") from error

    def get(dotted: str) -> int | str | list:
        node = raw
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                raise CatalogueError(path, None, dotted, "is required")
            node = node[part]
        return node

    def whole(dotted: str) -> int:
        value = get(dotted)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise CatalogueError(path, None, dotted, f"must be a whole number, not {value!r}")
        return value

    guidance = get("guidance")
    if not isinstance(guidance, list) or not guidance:
        raise CatalogueError(path, None, "guidance", "must cite the guidance the scoring follows")
    bands = {level: whole(f"bands.{level}") for level in LEVELS[1:]}
    if not bands["low"] < bands["medium"] < bands["high"]:
        raise CatalogueError(path, None, "bands", "low, medium and high must rise in that order")
    current, recent = whole("windows.current_days"), whole("windows.recent_days")
    if not 0 < current < recent:
        raise CatalogueError(path, None, "windows", "current_days must be shorter than recent_days")
    raises_to = get("age_rule.raises_to")
    if raises_to not in LEVELS[1:]:
        raise CatalogueError(path, None, "age_rule.raises_to", f"{raises_to!r} is not a level")
    return ScoringRules(tuple(map(str, guidance)), current, recent, whole("points.vulnerability"),
                        whole("points.moderate"), whole("points.significant_current"),
                        whole("points.significant_recent"), bands, whole("age_rule.at_most"),
                        str(raises_to), whole("corroboration.high_needs_agencies"))
