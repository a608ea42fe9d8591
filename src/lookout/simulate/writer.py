"""Write extracts to disk: one folder per agency with source.toml and its CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

from .calendar import EXTRACTED_AT, PERIOD_END, PERIOD_START, iso
from .world import Extract

LEGAL_BASIS = "DPA 2018 Sch. 8 para 4 (safeguarding of children)"


def source_toml(extract: Extract) -> str:
    """The extract's source.toml text."""
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return "\n".join([
        f"kind = {q(extract.kind)}",
        f"agency = {q(extract.agency)}",
        f"area = {q(extract.area)}",
        f"extracted_at = {q(iso(EXTRACTED_AT))}",
        f"period_start = {q(iso(PERIOD_START))}",
        f"period_end = {q(iso(PERIOD_END))}",
        f"legal_basis = {q(LEGAL_BASIS)}",
        "",
    ])


def write_extract(extract: Extract, drop: Path) -> int:
    """Write ``extract`` under ``drop``; returns the number of data rows written."""
    folder = drop / extract.folder
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.toml").write_text(source_toml(extract), encoding="utf-8")
    rows = 0
    for filename in sorted(extract.tables):
        table = extract.tables[filename]
        with open(folder / filename, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(table.columns)
            writer.writerows(table.rows)
        rows += len(table.rows)
    return rows
