"""`lookout export`: the contract's result files, written from the workspace's latest results,
and beside them the run report (`run_report.txt`, `run_report.json`): what the run used and
what it could not use.

A result file whose stage has not produced anything yet is still written, with its header, so
tools reading an export always find the files the contract names.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

from lookout.contract.results import RESULT_FILES
from lookout.runs.report import load_report, render_text
from lookout.warehouse.database import table_names
from lookout.workspace import Workspace

RESULT_TABLES = {name: "result_" + name.removesuffix(".csv") for name in RESULT_FILES}
RUN_REPORT_FILES = ("run_report.txt", "run_report.json")


def export_results(con: duckdb.DuckDBPyConnection, out_dir: Path) -> dict[str, int]:
    """Write every contract result file to `out_dir`; return rows written per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    existing = table_names(con)
    written = {}
    for filename, columns in RESULT_FILES.items():
        rows: list[tuple] = []
        table = RESULT_TABLES[filename]
        if table in existing:
            rows = con.execute(
                f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
        with (out_dir / filename).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(rows)
        written[filename] = len(rows)
    return written


def export_run_report(workspace: Workspace, out_dir: Path) -> list[Path]:
    """Write the workspace's run report to `out_dir` as text and JSON; return the files written
    (none when nothing has run)."""
    report = load_report(workspace)
    if report is None:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    text, data = (out_dir / name for name in RUN_REPORT_FILES)
    text.write_text(render_text(report), encoding="utf-8")
    data.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return [text, data]
