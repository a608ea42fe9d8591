"""Shared fixtures: writing small extract drops by hand."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

MANIFEST = """kind = "{kind}"
agency = "{agency}"
area = "{area}"
extracted_at = "{extracted_at}"
period_start = "{period_start}"
period_end = "{period_end}"
legal_basis = "DPA 2018 Sch. 8 para 4 (safeguarding of children)"
"""


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """RFC 4180 CSV text for a header and rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_extract(drop: Path, name: str, kind: str, files: dict[str, str], *,
                  area: str = "E10000025", extracted_at: str = "2013-09-02T08:00:00",
                  period: tuple[str, str] = ("2011-09-01", "2013-08-31")) -> Path:
    """Write an extract folder with a source.toml and the given files (name -> text)."""
    folder = drop / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.toml").write_text(MANIFEST.format(
        kind=kind, agency=f"{name} agency", area=area, extracted_at=extracted_at,
        period_start=period[0], period_end=period[1]))
    for filename, text in files.items():
        (folder / filename).write_text(text, encoding="utf-8")
    return folder


def person_ids(workspace) -> dict[tuple[str, str], str]:
    """(source, record_id) -> person id, as the workspace's linkage resolved them."""
    from lookout.warehouse.database import open_warehouse

    con = open_warehouse(workspace, read_only=True)
    try:
        return {(s, r): p for s, r, p in con.execute(
            "SELECT source, record_id, person_id FROM result_linkage").fetchall()}
    finally:
        con.close()


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    """An empty drop folder."""
    path = tmp_path / "drop"
    path.mkdir()
    return path


@pytest.fixture
def workspace(tmp_path: Path):
    """An empty workspace."""
    from lookout.workspace import Workspace

    return Workspace(tmp_path / "workspace")
