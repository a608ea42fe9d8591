"""`lookout export`: the contract's result files, written from the workspace's latest results.

A result file whose stage has not produced anything yet is still written, with its header, so
tools reading an export always find the files the contract names.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from lookout.contract.results import RESULT_FILES
from lookout.warehouse.database import table_names

RESULT_TABLES = {name: "result_" + name.removesuffix(".csv") for name in RESULT_FILES}


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
