"""One run of the pipeline over a drop: every stage that exists, in order.

Each stage function works on the workspace it is given. `run` stages the whole run and
publishes it when every stage has completed (`lookout.runs.publish`); the command line does
the same for every command that changes derived data, so readers only ever see complete
results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lookout.accountability import AccountabilityReport, run_accountability
from lookout.chronology import build_chronology
from lookout.indicators.stage import run_indicators
from lookout.link import LinkReport, link_workspace
from lookout.networks import NetworkReport, run_networks
from lookout.runs.publish import note_stage, publishing
from lookout.runs.report import save_section, start_report
from lookout.runs.report_sections import (
    accountability_lines, indicator_lines, ingest_lines, link_lines, network_lines)
from lookout.warehouse.database import open_warehouse, publish_to_lake
from lookout.warehouse.derive import build_derived
from lookout.warehouse.load import ExtractReport, ProgressFn, ingest_drop
from lookout.workspace import Workspace

STAGES = ("ingest", "link", "chronology", "indicators", "networks", "accountability")


@dataclass
class RunReport:
    """What a run did, stage by stage."""

    extracts: list[ExtractReport]
    link: LinkReport | None = None
    flags: int | None = None
    networks: NetworkReport | None = None
    accountability: AccountabilityReport | None = None


def ingest(drop: Path, workspace: Workspace, *, progress: ProgressFn | None = None) -> RunReport:
    """Load a drop into the workspace's warehouse and rebuild the tables derived from it.
    Files are read, checked and loaded through DuckDB on every engine; on Spark the loaded
    tables are then published to the Parquet lake and the derived views made there."""
    note_stage(workspace, "ingest")
    con = open_warehouse(workspace, engine="duckdb")
    try:
        reports = ingest_drop(con, drop, progress=progress)
        if any(r.status == "loaded" for r in reports):
            build_derived(con)
        con.execute("CHECKPOINT")
        save_section(workspace, "ingest", ingest_lines(reports, con))
    finally:
        con.close()
    if workspace.engine == "spark" and (any(r.status == "loaded" for r in reports)
                                        or not workspace.lake_path.exists()):
        publish_to_lake(workspace)
        lake = open_warehouse(workspace)
        try:
            build_derived(lake)
        finally:
            lake.close()
    return RunReport(reports)


def link(workspace: Workspace, *, engine: str | None = None, retrain: bool = False) -> LinkReport:
    """Resolve the warehouse's person-records into Lookout person ids (see `lookout.link`);
    Splink runs on `engine` (default: the workspace's)."""
    note_stage(workspace, "link")
    report = link_workspace(workspace, engine=engine or workspace.engine, retrain=retrain)
    con = open_warehouse(workspace, read_only=True)
    try:
        save_section(workspace, "link", link_lines(report, con))
    finally:
        con.close()
    return report


def indicators(workspace: Workspace, *, with_networks: bool = True) -> int:
    """Build every person's chronology and flag children at risk; return how many are flagged.
    Network links count as evidence when the networks stage has written them, unless
    `with_networks` is false."""
    note_stage(workspace, "indicators" if with_networks else "indicators before networks")
    con = open_warehouse(workspace)
    try:
        build_chronology(con)
        run_indicators(con, workspace, with_networks=with_networks)
        flagged = con.execute("SELECT count(*) FROM result_flags WHERE level IN ('medium', 'high')"
                              ).fetchall()[0][0]
        save_section(workspace, "indicators", indicator_lines(con, flagged))
        return flagged
    finally:
        con.close()


def networks(workspace: Workspace) -> NetworkReport:
    """Find suspected exploitation networks around the children flagged (see `lookout.networks`)."""
    note_stage(workspace, "networks")
    con = open_warehouse(workspace)
    try:
        report = run_networks(con)
        con.execute("CHECKPOINT")
        save_section(workspace, "networks", network_lines(report))
        return report
    finally:
        con.close()


def flags_and_networks(workspace: Workspace) -> tuple[int, NetworkReport]:
    """Indicators without network evidence, then networks from those flags, then indicators
    again with the networks' links: a network is never found from flags it raised itself,
    and re-running the same drop gives the same results."""
    indicators(workspace, with_networks=False)
    report = networks(workspace)
    return indicators(workspace), report


def accountability(workspace: Workspace) -> AccountabilityReport:
    """Run the accountability checks over the warehouse (see `lookout.accountability`)."""
    note_stage(workspace, "accountability")
    con = open_warehouse(workspace)
    try:
        report = run_accountability(con, workspace)
        con.execute("CHECKPOINT")
        save_section(workspace, "accountability", accountability_lines(report))
        return report
    finally:
        con.close()


def begin(drop: Path, workspace: Workspace, *, engine: str = "duckdb") -> None:
    """Start a run over `drop` on `engine`: remember the engine and begin a fresh run report."""
    workspace.set_engine(engine)
    start_report(workspace, drop=drop, engine=engine)


def run(drop: Path, workspace: Workspace, *, progress: ProgressFn | None = None,
        engine: str = "duckdb", retrain: bool = False) -> RunReport:
    """Run every stage over the drop on `engine`: ingest, link, chronology and indicators,
    networks, indicators again with the networks' evidence, and the accountability checks.
    Each stage writes its section of the run report (`lookout.runs.report`); the results are
    published only when every stage has completed."""
    with publishing(workspace, "run") as staged:
        begin(drop, staged, engine=engine)
        report = ingest(drop, staged, progress=progress)
        report.link = link(staged, retrain=retrain)
        report.flags, report.networks = flags_and_networks(staged)
        report.accountability = accountability(staged)
    return report
