"""The link stage: standardise, choose what to link on, train or reuse the model, score,
resolve people, entities."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from lookout.link.contradictions import describe_contradictions
from lookout.link.engine import open_engine
from lookout.link.entities import build_entities
from lookout.link.model import (
    ModelMismatch, latest_model, parameters_for, save_model, saved_lookout_block,
    saved_shape, train)
from lookout.link.people import PeopleReport, resolve_people
from lookout.link.plan import Choice, LinkPlan, plan_link
from lookout.link.predict import level_labels, no_pairs, score_pairs
from lookout.link.profile import profile_link_records
from lookout.link.settings import BlockingRule, settings_for
from lookout.link.standardise import LINK_RECORDS_COLUMNS, build_link_records
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace

__all__ = ["LinkReport", "ModelUse", "link_workspace"]


@dataclass(frozen=True)
class ModelUse:
    """Which linkage model a run used, how it came to be, and what it could not use."""

    path: Path | None
    trained_now: bool
    why: str
    kind: str
    training: dict
    comparisons: tuple[Choice, ...]
    blocking: tuple[Choice, ...]
    kept_apart_by: tuple[str, ...] = ()
    not_kept_apart_by: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The model's file name, or a sentence when no model was needed."""
        return self.path.name if self.path else "no model"


@dataclass
class LinkReport:
    """What one run of the link stage did."""

    engine: str
    model: ModelUse
    records: int
    pairs_scored_above_floor: int
    cannot_link_pairs: int
    people: PeopleReport
    entities: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def trained(self) -> bool:
        """True when this run trained a new model."""
        return self.model.trained_now


def link_workspace(workspace: Workspace, *, engine: str = "duckdb",
                   retrain: bool = False) -> LinkReport:
    """Resolve every person-record of the workspace's warehouse into Lookout person ids."""
    logging.getLogger("splink").setLevel(logging.ERROR)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    con = open_warehouse(workspace)
    try:
        records = build_link_records(con)
        plan = plan_link(profile_link_records(con))
        seconds["standardise"] = time.perf_counter() - started
        mark = time.perf_counter()
        why_not = _nothing_to_score(records, plan)
        if why_not:
            no_pairs(con)
            use = ModelUse(None, False, why_not, "none", {}, plan.comparisons, plan.blocking_choices)
            pairs = cannot = 0
        else:
            use, pairs, cannot = _score(con, workspace, plan, records, engine, retrain, seconds)
        seconds["predict"] = time.perf_counter() - mark - seconds.get("train", 0.0)

        mark = time.perf_counter()
        people = resolve_people(con, workspace)
        entities = build_entities(con)
        con.execute("CHECKPOINT")
        seconds["cluster"] = time.perf_counter() - mark
    finally:
        con.close()
    seconds["total"] = time.perf_counter() - started
    return LinkReport(engine, use, records, pairs, cannot, people, entities, seconds)


def _nothing_to_score(records: int, plan: LinkPlan) -> str | None:
    if records < 2:
        return (f"{'one person-record' if records == 1 else 'no person-records'}: nothing to "
                "compare, so every record is its own person")
    if not plan.shape.comparisons:
        return "no identity field is filled on two or more records: every record is its own person"
    if not plan.blocking:
        return ("no blocking rule has the fields it needs, so no pairs can be chosen to compare: "
                "every record is its own person")
    return None


def _score(con: duckdb.DuckDBPyConnection, workspace: Workspace, plan: LinkPlan, records: int,
           engine: str, retrain: bool, seconds: dict[str, float]) -> tuple[ModelUse, int, int]:
    from splink import Linker
    from splink.blocking_analysis import count_comparisons_from_blocking_rules

    arrow = con.sql(f"SELECT {', '.join(LINK_RECORDS_COLUMNS)} FROM link_records").to_arrow_table()
    runner = open_engine(engine, workspace.temp_dir / "link")
    try:
        frame = runner.register(arrow, f"splink_input_{uuid.uuid4().hex[:12]}")
        saved = latest_model(workspace)
        why = _why_train(saved, plan, records, retrain)
        if why:
            linker = Linker(frame, settings_for(runner.dialect, plan.shape, list(plan.blocking)),
                            log_level=None)

            def count_pairs(rules: list[BlockingRule]) -> int:
                counted = count_comparisons_from_blocking_rules(
                    frame, blocking_rules=[r.rule for r in rules], link_type="dedupe_only",
                    record_sample_proportion=1.0)
                return int(counted[-1]["cumulative_comparison_count"])

            mark = time.perf_counter()
            training = train(linker, plan, records, count_pairs)
            saved = save_model(linker, workspace, engine=engine, records=records,
                               shape=plan.shape, training=training, reason=why)
            seconds["train"] = time.perf_counter() - mark
        else:
            linker = Linker(frame, parameters_for(saved, runner.dialect, list(plan.blocking)),
                            log_level=None)
        pairs, cannot = score_pairs(linker, con)
        level_labels(linker, con)
        kept, not_kept = describe_contradictions(linker)
    finally:
        runner.close()
    block = saved_lookout_block(saved)
    use = ModelUse(saved, bool(why), why or "reused, trained "
                   f"{block.get('trained_at', 'earlier')} on {block.get('records', 0):,} records",
                   block.get("kind", "trained"), block.get("training", {}),
                   _model_choices(plan, saved), plan.blocking_choices, tuple(kept), tuple(not_kept))
    return use, pairs, cannot


def _why_train(saved: Path | None, plan: LinkPlan, records: int, retrain: bool) -> str | None:
    """Why this run trains a new model rather than reusing `saved`; None to reuse it."""
    if retrain:
        return "retraining was asked for (--retrain)"
    if saved is None:
        return "the workspace had no linkage model yet"
    try:
        shape = saved_shape(saved)
        parameters_for(saved, "duckdb")
    except ModelMismatch as error:
        return f"{saved.name} no longer fits this version of Lookout ({error})"
    new = [c for c in plan.shape.comparisons if c not in shape.comparisons]
    if new:
        return (f"the records can now be compared on {', '.join(new)}, which {saved.name} "
                "does not use")
    block = saved_lookout_block(saved)
    if block.get("kind", "trained") != "trained" and records > block.get("records", 0):
        return (f"{saved.name} took default values for "
                f"{', '.join(block.get('training', {}).get('defaulted', [])) or 'some comparisons'} "
                f"and the records have grown from {block.get('records', 0):,} to {records:,}")
    return None


def _model_choices(plan: LinkPlan, saved: Path) -> tuple[Choice, ...]:
    """The plan's comparison choices, as the model actually used them."""
    used = set(saved_shape(saved).comparisons)
    return tuple(c if c.used == (c.name in used) else
                 Choice(c.name, c.name in used, None if c.name in used else f"{saved.name} does not use it")
                 for c in plan.comparisons)

