"""Training the linkage model from the data, and keeping it as versioned JSON.

No labels are needed (Splink docs, "Estimating model parameters"): the prior comes from
near-certain deterministic matches, u probabilities from random pairs (almost all of which are
different people), m probabilities by expectation maximisation over blocked pairs (Dempster,
Laird and Rubin 1977, as Winkler 1988 applied it to record linkage).

Training degrades rather than fails. A training block with too few pairs is not used; a
comparison no block could estimate takes its m-probabilities from the shipped default model
(`default_model`); u-probabilities are the data's own, drawn towards the default model's
reference values as far as the drop is too small to estimate them; a prior no deterministic
rule can estimate is set to one expected match. `TrainingReport` says which of these happened.

A trained model is saved as `WS/models/linkage-vN.json` and reused by later runs until
retraining is asked for, or until the data can be compared on something the model does not
use, so adding data does not silently move every weight. The JSON holds Splink's own model
(reviewable like code) and a `lookout` block saying when, on what and how it was trained.
Reusing it rebuilds the settings from code for the running engine and copies the learned
parameters in by comparison and level, so a model trained on DuckDB runs on Spark.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from lookout.link.default_model import (
    DEFAULT_MODEL_VERSION, REFERENCE_PAIRS, default_levels, shrink_u)
from lookout.link.plan import LinkPlan
from lookout.link.settings import (
    AUTO_LINK, CANNOT_LINK_WEIGHT, REVIEW_FLOOR, BlockingRule, ModelShape, settings_for)
from lookout.workspace import Workspace

__all__ = ["ModelMismatch", "TrainingReport", "latest_model", "model_dir", "parameters_for",
           "saved_shape", "save_model", "train"]

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
# Splink: EM "requires a substantial number of record comparisons to produce accurate parameter
# estimates - usually at least a few hundred, but preferably at least a few thousand".
MIN_EM_PAIRS = 500


class ModelMismatch(ValueError):
    """A saved model whose comparisons differ from the ones this version of Lookout builds."""


@dataclass
class TrainingReport:
    """How each part of the model was estimated, in words a reviewer can check."""

    prior: str = ""
    u: str = ""
    blocks: list[str] = field(default_factory=list)
    estimated: list[str] = field(default_factory=list)
    defaulted: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """`trained` (every comparison learned from the data), `default` (none) or `mixed`."""
        if not self.defaulted:
            return "trained"
        return "default" if not self.estimated else "mixed"


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


def train(linker: Any, plan: LinkPlan, records: int,
          count_pairs: Callable[[list[BlockingRule]], int]) -> TrainingReport:
    """Estimate every parameter of an untrained linker's model from its own data, falling back
    to the default model where the data cannot say. `count_pairs` counts the distinct pairs
    some rules make."""
    from splink.internals.exceptions import EMTrainingException

    report = TrainingReport()
    total_pairs = records * (records - 1) // 2
    _estimate_prior(linker, plan, total_pairs, count_pairs, report)

    sampled = min(U_SAMPLE_PAIRS, U_PAIRS_PER_RECORD * records, total_pairs)
    linker.training.estimate_u_using_random_sampling(max_pairs=sampled, seed=U_SEED)
    _shrink_u_to_reference(linker, sampled)
    share = sampled / (sampled + REFERENCE_PAIRS)
    report.u = (f"u from up to {sampled:,.0f} random pairs of the drop's own records, weighted "
                f"{share:.0%} against the default model's reference values")

    def em(block: BlockingRule) -> None:
        pairs = count_pairs([block])
        if pairs < MIN_EM_PAIRS:
            report.blocks.append(f"not trained on pairs sharing {block.text}: {pairs:,} pairs, "
                                 f"fewer than the {MIN_EM_PAIRS} expectation maximisation needs")
            return
        snapshot = list(linker._settings_obj.comparisons)
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block.rule, estimate_without_term_frequencies=True)
        except EMTrainingException as error:
            # Splink leaves the comparisons a failed session set aside out of the model
            linker._settings_obj.core_model_settings.comparisons = snapshot
            report.blocks.append(f"not trained on pairs sharing {block.text}: {error}")
            return
        report.blocks.append(f"trained by expectation maximisation on {pairs:,} pairs sharing "
                             f"{block.text}")

    for block in plan.training:
        em(block)
    if plan.name_training and not all(_estimated(linker, name) for name in ("forename", "surname")
                                      if name in plan.shape.comparisons):
        em(plan.name_training)
    _fill_from_default(linker, report)
    _smooth(linker)
    return report


def _estimated(linker: Any, name: str) -> bool:
    """True when some block has estimated the m-probabilities of comparison `name`."""
    return any(level._has_estimated_m_values for comparison in linker._settings_obj.comparisons
               if comparison.output_column_name == name
               for level in comparison.comparison_levels if not level.is_null_level)


def _estimate_prior(linker: Any, plan: LinkPlan, total_pairs: int,
                    count_pairs: Callable[[list[BlockingRule]], int],
                    report: TrainingReport) -> None:
    """The prior: pairs the deterministic rules find, over their assumed recall, among all
    pairs; at least one expected match, and never more than half of all pairs (a prior of one
    would make every pair certain, whatever its fields say)."""
    floor = min(1.0 / max(total_pairs, 1), 0.5)
    found = count_pairs(list(plan.deterministic)) if plan.deterministic else 0
    prior = min(found / DETERMINISTIC_RECALL / max(total_pairs, 1), 0.5)
    if prior < floor:
        prior = floor
        report.prior = (f"prior set to one expected match among {total_pairs:,} pairs: the "
                        "near-certain rules found no pairs")
    else:
        report.prior = (f"prior from {found:,} near-certain pairs (taken as "
                        f"{DETERMINISTIC_RECALL:.0%} of all matches) among {total_pairs:,} pairs")
    linker._settings_obj._probability_two_random_records_match = prior


def _shrink_u_to_reference(linker: Any, sampled: float) -> None:
    for comparison in linker._settings_obj.comparisons:
        reference = default_levels(comparison.output_column_name)
        for level in comparison.comparison_levels:
            if level.is_null_level or level.label_for_charts not in reference:
                continue
            seen = level.u_probability if level._has_estimated_u_values else None
            level.u_probability = shrink_u(seen, reference[level.label_for_charts]["u_probability"],
                                           sampled)


def _fill_from_default(linker: Any, report: TrainingReport) -> None:
    """Give every comparison no block could estimate the default model's m-probabilities."""
    for comparison in linker._settings_obj.comparisons:
        levels = [lv for lv in comparison.comparison_levels if not lv.is_null_level]
        name = comparison.output_column_name
        if _estimated(linker, name):
            report.estimated.append(name)
            continue
        reference = default_levels(name)
        for level in levels:
            if level.label_for_charts not in reference:
                raise ModelMismatch(f"the default model {DEFAULT_MODEL_VERSION} has no level "
                                    f"{level.label_for_charts!r} of comparison {name!r}")
            level.m_probability = reference[level.label_for_charts]["m_probability"]
        report.defaulted.append(name)


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


def save_model(linker: Any, workspace: Workspace, *, engine: str, records: int,
               shape: ModelShape, training: TrainingReport, reason: str) -> Path:
    """Save a trained model as the next version; return its path."""
    folder = model_dir(workspace)
    folder.mkdir(parents=True, exist_ok=True)
    latest = latest_model(workspace)
    path = folder / f"linkage-v{(_version(latest) if latest else 0) + 1}.json"
    model = linker.misc.save_model_to_json(out_path=None)
    model["lookout"] = {
        "trained_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "trained_on_engine": engine, "records": records, "auto_link": AUTO_LINK,
        "review_floor": REVIEW_FLOOR, "cannot_link_weight": CANNOT_LINK_WEIGHT,
        "comparisons": list(shape.comparisons), "term_frequencies": shape.term_frequencies,
        "why_trained": reason, "kind": training.kind, "default_model": DEFAULT_MODEL_VERSION,
        "training": asdict(training)}
    path.write_text(json.dumps(model, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def saved_shape(path: Path) -> ModelShape:
    """The comparisons a saved model uses (models saved before shapes were recorded used every
    comparison of their day, with name frequencies)."""
    block = json.loads(path.read_text(encoding="utf-8")).get("lookout", {})
    if "comparisons" not in block:
        raise ModelMismatch(f"{path} was trained by an earlier version of Lookout that did not "
                            "record its comparisons: run `lookout link --retrain`")
    return ModelShape(tuple(block["comparisons"]), block.get("term_frequencies", True))


def saved_lookout_block(path: Path) -> dict[str, Any]:
    """The `lookout` block of a saved model: when, on what and how it was trained."""
    return json.loads(path.read_text(encoding="utf-8")).get("lookout", {})


def parameters_for(path: Path, dialect: str, rules: list[BlockingRule] | None = None) -> dict[str, Any]:
    """A saved model's learned parameters on settings compiled for `dialect`, scoring the pairs
    of blocking `rules`."""
    saved = json.loads(path.read_text(encoding="utf-8"))
    fresh = settings_for(dialect, saved_shape(path), rules)
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
