"""The link stage: standardise, train or reuse the model, score, resolve people, entities."""

from __future__ import annotations

import logging
import uuid
import time
from dataclasses import dataclass, field
from pathlib import Path

from lookout.link.engine import open_engine
from lookout.link.entities import build_entities
from lookout.link.model import latest_model, parameters_for, save_model, train
from lookout.link.people import PeopleReport, resolve_people
from lookout.link.predict import level_labels, score_pairs
from lookout.link.settings import settings_for
from lookout.link.standardise import LINK_RECORDS_COLUMNS, build_link_records
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace

__all__ = ["LinkReport", "link_workspace"]


@dataclass
class LinkReport:
    """What one run of the link stage did."""

    engine: str
    model: Path
    trained: bool
    records: int
    pairs_scored_above_floor: int
    cannot_link_pairs: int
    people: PeopleReport
    entities: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)


def link_workspace(workspace: Workspace, *, engine: str = "duckdb",
                   retrain: bool = False) -> LinkReport:
    """Resolve every person-record of the workspace's warehouse into Lookout person ids."""
    from splink import Linker

    logging.getLogger("splink").setLevel(logging.ERROR)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    con = open_warehouse(workspace)
    try:
        records = build_link_records(con)
        if records == 0:
            raise ValueError(f"{workspace.root} has no person-records to link: ingest a drop first")
        arrow = con.sql(f"SELECT {', '.join(LINK_RECORDS_COLUMNS)} FROM link_records").to_arrow_table()
        seconds["standardise"] = time.perf_counter() - started

        runner = open_engine(engine, workspace.temp_dir / "link")
        try:
            frame = runner.register(arrow, f"splink_input_{uuid.uuid4().hex[:12]}")
            saved = None if retrain else latest_model(workspace)
            if saved is None:
                linker = Linker(frame, settings_for(runner.dialect), log_level=None)
                mark = time.perf_counter()
                train(linker, records)
                saved = save_model(linker, workspace, engine=engine, records=records)
                seconds["train"] = time.perf_counter() - mark
            else:
                linker = Linker(frame, parameters_for(saved, runner.dialect), log_level=None)
            mark = time.perf_counter()
            pairs, cannot = score_pairs(linker, con)
            level_labels(linker, con)
            seconds["predict"] = time.perf_counter() - mark
        finally:
            runner.close()

        mark = time.perf_counter()
        people = resolve_people(con, workspace)
        entities = build_entities(con)
        con.execute("CHECKPOINT")
        seconds["cluster"] = time.perf_counter() - mark
    finally:
        con.close()
    seconds["total"] = time.perf_counter() - started
    return LinkReport(engine, saved, retrain or "train" in seconds, records, pairs, cannot,
                      people, entities, seconds)
