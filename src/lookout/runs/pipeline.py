"""One run of the pipeline over a drop: every stage that exists, in order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lookout.warehouse.database import open_warehouse
from lookout.warehouse.derive import build_derived
from lookout.warehouse.load import ExtractReport, ProgressFn, ingest_drop
from lookout.workspace import Workspace

STAGES = ("ingest",)


@dataclass
class RunReport:
    """What a run did, stage by stage."""

    extracts: list[ExtractReport]


def ingest(drop: Path, workspace: Workspace, *, progress: ProgressFn | None = None) -> RunReport:
    """Load a drop into the workspace's warehouse and rebuild the tables derived from it."""
    con = open_warehouse(workspace)
    try:
        reports = ingest_drop(con, drop, progress=progress)
        if any(r.status == "loaded" for r in reports):
            build_derived(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return RunReport(reports)


def run(drop: Path, workspace: Workspace, *, progress: ProgressFn | None = None) -> RunReport:
    """Run every stage that exists over the drop (today: ingest)."""
    return ingest(drop, workspace, progress=progress)
