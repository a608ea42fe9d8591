"""Large files read in byte ranges side by side load exactly as when read top to bottom."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from lookout.contract import ALL_FILES
from lookout.contract.csv_reader import line_spans
from lookout.runs import pipeline
from lookout.warehouse import checked_file
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace
from tests.conftest import write_extract

CODES = ["/", "\\", "/", "\\", "L", "N", "O", "I", "C", "B", "U", "#", "X"]


def _register_lines(rng: random.Random) -> list[str]:
    """Marks of 40 pupils over six weeks, in pupil order, with every kind of fault planted."""
    lines = ["upn,school_urn,date,session,code"]
    for pupil in range(40):
        school = "100001" if pupil % 3 else "100002"
        for day in range(42):
            date = dt.date(2012, 1, 2) + dt.timedelta(days=day)
            if date.weekday() > 4:
                continue
            for session in ("AM", "PM"):
                lines.append(f"A{pupil:03d},{school},{date},{session},{rng.choice(CODES)}")
    faults = ["A001,100002,2012-01-03,AM,/,extra",      # too many values
              "", ",,,,",                                  # blank lines
              "A002,100001,2012-02-30,AM,/",              # not a real date
              "A003,100001,2012-01-04,EV,/",              # unknown session
              "A004,100001,2012-01-04,AM,QQ",             # unknown code
              " ,100001,2012-01-04,AM,/",                 # blank pupil
              "A005,100001,2012-01-03,AM,N"]              # repeats line-3-ish mark far away
    for offset, fault in zip(range(150, 10_000, 230), faults):
        lines.insert(offset, fault)
    lines.append(lines[7])  # the same session marked again, in the last range
    return lines


def _nominal_lines() -> list[str]:
    lines = ["nominal_id,surname,forenames,dob"]
    for n in range(3000):
        lines.append(f"N{n},Surname{n % 97},Name{n % 13},{'2001-02-30' if n % 401 == 7 else '2001-02-03'}")
    lines.insert(1700, "N5,Again,Repeated,2001-02-03")  # a key repeated far from its first row
    lines.insert(2100, "only,two")
    return lines


def _snapshot(workspace: Workspace) -> dict[str, list]:
    con = open_warehouse(workspace, read_only=True)
    try:
        tables = [f.table for f in ALL_FILES] + ["attendance_weekly", "quarantine"]
        snapshot = {t: con.execute(f"SELECT * EXCLUDE (_load_id) FROM {t} ORDER BY ALL").fetchall()
                    for t in tables if t != "quarantine"}
        snapshot["quarantine"] = con.execute(
            "SELECT source, file, line, column_name, value, reason, raw FROM quarantine ORDER BY ALL").fetchall()
        snapshot["load_files"] = con.execute(
            "SELECT file, rows_read, rows_loaded, rows_quarantined, blank_lines FROM load_files ORDER BY ALL"
        ).fetchall()
        return snapshot
    finally:
        con.close()


@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_ranges_load_exactly_what_reading_top_to_bottom_loads(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line_end: str) -> None:
    drop = tmp_path / "drop"
    register = line_end.join(_register_lines(random.Random(3)))  # no newline after the last line
    write_extract(drop, "schools", "education", {})
    (drop / "schools" / "attendance.csv").write_bytes(register.encode())
    write_extract(drop, "police", "police", {})
    (drop / "police" / "nominals.csv").write_bytes((line_end.join(_nominal_lines()) + line_end).encode())

    whole = Workspace(tmp_path / "whole")
    pipeline.ingest(drop, whole)

    monkeypatch.setattr(checked_file, "SPAN_BYTES", 2_000)
    read_in_ranges = []
    real = checked_file._check_span
    monkeypatch.setattr(checked_file, "_check_span",
                        lambda file, span: read_in_ranges.append(span) or real(file, span))
    ranges = Workspace(tmp_path / "ranges")
    pipeline.ingest(drop, ranges)

    assert len(read_in_ranges) > 40  # both files were read in many ranges
    expected, got = _snapshot(whole), _snapshot(ranges)
    assert got == expected
    assert len(expected["quarantine"]) >= 10 and expected["attendance_weekly"]


def test_line_spans_cover_the_file_and_end_at_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "f.csv"
    data = b"a,b\n" + b"".join(f"{n},{'x' * (n % 17)}\r\n".encode() for n in range(500)) + b"tail,1"
    path.write_bytes(data)
    spans = line_spans(path, 300)
    assert spans[0][0] == 0 and spans[-1][1] == len(data)
    assert all(end == start for (_, end), (start, _) in zip(spans, spans[1:]))
    assert all(data[end - 1:end] == b"\n" for _, end in spans[:-1])
    assert len(spans) > 10


def test_a_bad_byte_deep_in_a_range_fails_the_extract_naming_its_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    drop = tmp_path / "drop"
    lines = _register_lines(random.Random(4))
    lines[2000] = lines[2000].replace("A", "\xe9", 1)
    write_extract(drop, "schools", "education", {})
    (drop / "schools" / "attendance.csv").write_bytes("\n".join(lines).encode("latin-1"))
    monkeypatch.setattr(checked_file, "SPAN_BYTES", 2_000)
    report = pipeline.ingest(drop, Workspace(tmp_path / "ws"))
    (extract,) = report.extracts
    assert extract.status == "failed" and "line 2001" in extract.problem and "0xE9" in extract.problem
    con = open_warehouse(Workspace(tmp_path / "ws"), read_only=True)
    assert con.execute("SELECT count(*) FROM education_attendance").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM attendance_weekly").fetchall() == [(0,)]
