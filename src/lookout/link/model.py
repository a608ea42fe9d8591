"""Training the linkage model from the data, and keeping it as versioned JSON.

No labels are needed (Splink docs, "Estimating model parameters"): the prior comes from
near-certain deterministic matches, u probabilities from random pairs (almost all of which are
different people), m probabilities by expectation maximisation over blocked pairs (Dempster,
Laird and Rubin 1977, as Winkler 1988 applied it to record linkage).

A trained model is saved as `WS/models/linkage-vN.json` and reused by later runs until
retraining is asked for, so adding data does not silently move every weight. The JSON holds
Splink's own model (reviewable like code) and a `lookout` block saying when and on what it was
trained. Reusing it rebuilds the settings from code for the running engine and copies the
learned parameters in by comparison and level, so a model trained on DuckDB runs on Spark.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from lookout.link.settings import (
    AUTO_LINK, CANNOT_LINK_WEIGHT, REVIEW_FLOOR, deterministic_rules, settings_for,
    training_blocks)
from lookout.workspace import Workspace

__all__ = ["ModelMismatch", "latest_model", "model_dir", "parameters_for", "save_model", "train"]

_LEARNED = ("m_probability", "u_probability", "tf_minimum_u_value")
# Random pairs for u: Splink's docs suggest 1e7 or more for a large data set; a small one has
# far fewer distinct pairs to learn from, so it samples 50 per record up to that. The seed makes
# training repeatable.
U_SAMPLE_PAIRS = 1e7
U_PAIRS_PER_RECORD = 50
U_SEED = 11
PROBABILITY_FLOOR = 1e-4
# A prior assumption only: the share of true matches the deterministic rules are expected to find.
DETERMINISTIC_RECALL = 0.7


class ModelMismatch(ValueError):
    """A saved model whose comparisons differ from the ones this version of Lookout builds."""


def model_dir(workspace: Workspace) -> Path:
    """Where a workspace keeps its trained linkage models."""
    return workspace.root / "models"


def _version(path: Path) -> int:
    match = re.fullmatch(r"linkage-v(\d+)\.json", path.name)
    return int(match.group(1)) if match else 0


def latest_model(workspace: Workspace) -> Path | None:
    """The newest saved model, or None when none has been trained."""
    paths = [p for p in model_dir(workspace).glob("linkage-v*.json") if _version(p)]
    return max(paths, key=_version) if paths else None


def train(linker: Any, records: int) -> None:
    """Estimate every parameter of an untrained linker's model from its own data."""
    linker.training.estimate_probability_two_random_records_match(
        deterministic_rules(), recall=DETERMINISTIC_RECALL)
    linker.training.estimate_u_using_random_sampling(
        max_pairs=min(U_SAMPLE_PAIRS, U_PAIRS_PER_RECORD * records), seed=U_SEED)
    from splink.internals.exceptions import EMTrainingException

    trained = 0
    for block in training_blocks():
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block, estimate_without_term_frequencies=True)
            trained += 1
        except EMTrainingException:
            # a drop may hold no identifier of a kind (no schools, no NHS numbers): that block
            # has no pairs and the other blocks estimate what they can
            continue
    if not trained:
        raise ValueError("the linkage model could not be trained: no training block found any "
                         "pairs of records (too few records, or no shared names or identifiers)")
    _smooth(linker)


def _smooth(linker: Any) -> None:
    """Keep every learned m and u probability at or above `PROBABILITY_FLOOR`.

    EM drives the probability of a level it never saw among matches towards zero, which makes
    that level a veto of a hundred bits or more; one true match showing it (a second phone, a
    move within a postcode sector) would then never be linked. Random sampling likewise sees
    too few agreeing pairs to pin down a very small u, and a u that is too small makes one
    shared postcode or surname outweigh everything else. A floor, as in additive smoothing of
    estimated frequencies (Manning, Raghavan and Schuetze 2008, 13.2), keeps an unseen level
    rare, not impossible, and caps any one field's weight near 13 bits."""
    for comparison in linker._settings_obj.comparisons:
        levels = [lv for lv in comparison.comparison_levels if not lv.is_null_level]
        for attribute in ("m_probability", "u_probability"):
            values = [getattr(lv, attribute) for lv in levels]
            if any(v is None for v in values):
                continue
            floored = [max(v, PROBABILITY_FLOOR) for v in values]
            total = sum(floored)
            for level, value in zip(levels, floored):
                setattr(level, attribute, value / total)


def save_model(linker: Any, workspace: Workspace, *, engine: str, records: int) -> Path:
    """Save a trained model as the next version; return its path."""
    folder = model_dir(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    latest = latest_model(workspace)
    path = folder / f"linkage-v{(_version(latest) if latest else 0) + 1}.json"
    model = linker.misc.save_model_to_json(out_path=None)
    model["lookout"] = {
        "trained_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "trained_on_engine": engine, "records": records, "auto_link": AUTO_LINK,
        "review_floor": REVIEW_FLOOR, "cannot_link_weight": CANNOT_LINK_WEIGHT}
    path.write_text(json.dumps(model, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def parameters_for(path: Path, dialect: str) -> dict[str, Any]:
    """A saved model's learned parameters on settings compiled for `dialect`."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    fresh = settings_for(dialect)
    by_name = {c["output_column_name"]: c for c in saved.get("comparisons", [])}
    for comparison in fresh["comparisons"]:
        name = comparison["output_column_name"]
        old = by_name.get(name)
        labels = [level.get("label_for_charts") for level in comparison["comparison_levels"]]
        if old is None or labels != [lv.get("label_for_charts") for lv in old["comparison_levels"]]:
            raise ModelMismatch(
                f"{path} was trained for a different `{name}` comparison than this version of "
                "Lookout builds: run `lookout link --retrain` to train a new model")
        for level, old_level in zip(comparison["comparison_levels"], old["comparison_levels"]):
            level.update({k: old_level[k] for k in _LEARNED if k in old_level})
    fresh["probability_two_random_records_match"] = saved["probability_two_random_records_match"]
    return fresh
