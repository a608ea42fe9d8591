"""The accountability catalogue: `catalogue/checks.yaml` read and checked.

Each check is data a reviewer can read: what it looks for, the guidance it stands on, what
should be done, and its limits (hours, days, ages, outcome codes) as parameters. A mistake in
the file stops the load with an error naming the check and the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["CHECKS_FILE", "Check", "load_checks"]

CHECKS_FILE = Path(__file__).parent / "catalogue" / "checks.yaml"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_KEYS = {"id", "version", "title", "timed", "guidance", "practitioner", "action", "params"}


@dataclass(frozen=True)
class Check:
    """One accountability check: what it finds, why it matters, and its limits."""

    id: str
    version: int
    title: str
    timed: bool
    guidance: tuple[str, ...]
    practitioner: str
    action: str
    params: dict[str, Any]


def load_checks(path: Path = CHECKS_FILE) -> list[Check]:
    """Every check of the catalogue, checked; ids are unique."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML ({error})") from error
    if not isinstance(document, dict) or not isinstance(document.get("checks"), list):
        raise ValueError(f"{path}: the file must hold a list named `checks`")
    checks: list[Check] = []
    for number, raw in enumerate(document["checks"], 1):
        check = _check(path, number, raw)
        if any(c.id == check.id for c in checks):
            raise ValueError(f"{path}, check {check.id!r}: the id is used twice")
        checks.append(check)
    return checks


def _check(path: Path, number: int, raw: Any) -> Check:
    name = raw.get("id") if isinstance(raw, dict) else None
    where = f"{path}, check {name!r}" if name else f"{path}, check #{number}"
    if not isinstance(name, str) or not _ID.match(name):
        raise ValueError(f"{where}: needs an id of lower-case letters, digits and _")
    unknown = set(raw) - _KEYS
    if unknown:
        raise ValueError(f"{where}, field {sorted(unknown)[0]!r}: not a field of a check "
                         f"(known: {', '.join(sorted(_KEYS))})")
    for key in ("version", "title", "timed", "guidance", "practitioner", "action", "params"):
        if key not in raw:
            raise ValueError(f"{where}, field {key!r}: is required")
    if not isinstance(raw["version"], int) or isinstance(raw["version"], bool) or raw["version"] < 1:
        raise ValueError(f"{where}, field 'version': must be a whole number from 1")
    if not isinstance(raw["timed"], bool):
        raise ValueError(f"{where}, field 'timed': must be true or false")
    for key in ("title", "practitioner", "action"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise ValueError(f"{where}, field {key!r}: must be non-empty text")
    guidance = raw["guidance"]
    if not isinstance(guidance, list) or not guidance or not all(isinstance(g, str) and g.strip() for g in guidance):
        raise ValueError(f"{where}, field 'guidance': must list at least one source, as text")
    params = raw["params"]
    if not isinstance(params, dict):
        raise ValueError(f"{where}, field 'params': must be a mapping of names to values")
    for key, value in params.items():
        ok = (isinstance(value, int) and not isinstance(value, bool) and value >= 0) or (
            isinstance(value, list) and value and all(isinstance(v, str) and re.match(r"^[A-Za-z0-9_]+$", v)
                                                      for v in value))
        if not ok:
            raise ValueError(f"{where}, field 'params.{key}': must be a whole number or a list of codes, "
                             f"not {value!r}")
    return Check(name, raw["version"], " ".join(raw["title"].split()), raw["timed"],
                 tuple(" ".join(g.split()) for g in guidance), " ".join(raw["practitioner"].split()),
                 " ".join(raw["action"].split()), dict(params))
