"""Ingest into the warehouse: every row loaded or quarantined, nothing half-written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from lookout.contract import ALL_FILES, ColumnType, ContractFile
from lookout.runs import pipeline
from lookout.warehouse.database import open_warehouse
from tests.conftest import csv_text, write_extract

VALID = {
    ColumnType.TEXT: "some text", ColumnType.IDENTIFIER: "X1", ColumnType.DATE: "2012-03-04",
    ColumnType.DMY_DATE: "04/03/2012", ColumnType.DATETIME: "2012-03-04T21:40:00",
    ColumnType.FLAG: "Y", ColumnType.TEXT_LIST: "a;b",
}
INVALID = {
    ColumnType.DATE: "2012-02-30", ColumnType.DMY_DATE: "30/02/2012",
    ColumnType.DATETIME: "2012-13-01T00:00:00", ColumnType.FLAG: "perhaps",
    ColumnType.CODE: "no-such-code", ColumnType.CODE_LIST: "no-such-code",
}


def _valid_row(contract_file: ContractFile, n: int) -> dict[str, str]:
    row = {}
    for column in contract_file.columns:
        if column.vocabulary is not None:
            row[column.name] = sorted(column.vocabulary)[n % len(column.vocabulary)]
        else:
            row[column.name] = VALID[column.type]
        if column.name.lower() in contract_file.key:
            row[column.name] = (f"{n:02d}/03/2012" if column.type is ColumnType.DMY_DATE
                                else f"2012-03-{n:02d}" if column.type is ColumnType.DATE
                                else row[column.name] if column.vocabulary is not None
                                else f"K{n}")
    return row


def _plant(contract_file: ContractFile) -> tuple[str, dict[int, str | None], int]:
    """CSV text with valid rows and one broken row per rule; expected {line: column}."""
    header = [c.name for c in contract_file.columns] + ["local_note"]
    rows, expected, n = [], {}, 1
    for column in contract_file.columns:
        broken = []
        if column.required:
            broken.append("")
        if column.type in INVALID:
            broken.append(INVALID[column.type])
        for value in broken:
            row = _valid_row(contract_file, n) | {column.name: value}
            rows.append([row[h] for h in header[:-1]] + ["kept"])
            expected[len(rows) + 1] = column.name.lower()
            n += 1
    valid_lines = []
    for _ in range(3):
        row = _valid_row(contract_file, n)
        rows.append([row[h] for h in header[:-1]] + ["kept"])
        valid_lines.append(len(rows) + 1)
        n += 1
    rows.append(list(rows[-1]))  # the same key again
    expected[len(rows) + 1] = contract_file.key[0]
    text = csv_text(header, rows) + "only,two\n"
    expected[len(rows) + 2] = None
    return text, expected, len(valid_lines)


@pytest.mark.parametrize("contract_file", ALL_FILES, ids=lambda f: f.table)
def test_each_file_loads_valid_rows_and_quarantines_each_broken_rule(
        contract_file: ContractFile, drop: Path, workspace) -> None:
    text, expected, valid = _plant(contract_file)
    write_extract(drop, "x", contract_file.kind, {contract_file.filename: text})
    report = pipeline.ingest(drop, workspace)
    (file_report,) = report.extracts[0].files
    con = open_warehouse(workspace, read_only=True)
    quarantined = dict(con.execute(
        "SELECT line, column_name FROM quarantine WHERE file = ?", [contract_file.filename]).fetchall())
    loaded = con.execute(f"SELECT count(*), min(_extra) FROM {contract_file.table}").fetchall()[0]
    if contract_file.table == "education_attendance":  # plain present marks are counted, not kept
        kept = con.execute("SELECT count(*) FILTER (WHERE code NOT IN ('/', '\\')) FROM education_attendance").fetchall()[0][0]
        counted = con.execute("SELECT sum(marks) FROM attendance_weekly").fetchall()[0][0]
        assert kept == loaded[0] and counted == valid
    else:
        assert loaded[0] == valid
    assert quarantined == expected
    assert valid == file_report.rows_loaded
    if loaded[0]:
        assert loaded[1] == '{"local_note":"kept"}'
    assert file_report.rows_read == file_report.rows_loaded + file_report.rows_quarantined
    assert file_report.rows_read == len(expected) + valid


def test_reasons_are_plain_english_and_name_the_value(drop: Path, workspace) -> None:
    write_extract(drop, "tvp", "police", {"nominals.csv": "nominal_id,dob\nN1,2000-02-30\n"})
    pipeline.ingest(drop, workspace)
    con = open_warehouse(workspace, read_only=True)
    assert con.execute("SELECT file, line, column_name, value, reason FROM quarantine").fetchall() == [
        ("nominals.csv", 2, "dob", "2000-02-30",
         "dob '2000-02-30' is not a real date written YYYY-MM-DD")]


def _snapshot(workspace) -> dict[str, list]:
    con = open_warehouse(workspace, read_only=True)
    try:
        return {f.table: con.execute(f"SELECT * FROM {f.table} ORDER BY ALL").fetchall()
                for f in ALL_FILES} | {
            "quarantine": con.execute("SELECT * FROM quarantine ORDER BY ALL").fetchall(),
            "loads": con.execute("SELECT load_id FROM loads ORDER BY ALL").fetchall()}
    finally:
        con.close()


def _nominals(rows: list[tuple[str, str]]) -> str:
    return csv_text(["nominal_id", "surname"], [list(r) for r in rows])


def test_loading_the_same_extract_twice_changes_nothing(drop: Path, workspace) -> None:
    write_extract(drop, "tvp", "police", {"nominals.csv": _nominals([("N1", "Smith"), ("N2", "Jones")]) + "bad,row,x\n"})
    first = pipeline.ingest(drop, workspace)
    before = _snapshot(workspace)
    second = pipeline.ingest(drop, workspace)
    assert [r.status for r in first.extracts] == ["loaded"]
    assert [r.status for r in second.extracts] == ["unchanged"]
    assert _snapshot(workspace) == before


def test_a_newer_extract_adds_and_corrects_an_older_one_never_overrides(drop: Path, workspace) -> None:
    write_extract(drop, "tvp", "police", {"nominals.csv": _nominals([("N1", "Smith"), ("N2", "Jones")])},
                  extracted_at="2013-01-01T08:00:00")
    pipeline.ingest(drop, workspace)
    write_extract(drop, "tvp", "police", {"nominals.csv": _nominals([("N1", "Smyth"), ("N3", "Khan")])},
                  extracted_at="2013-02-01T08:00:00")
    pipeline.ingest(drop, workspace)
    write_extract(drop, "tvp", "police", {"nominals.csv": _nominals([("N1", "Old"), ("N4", "Patel")])},
                  extracted_at="2012-12-01T08:00:00")
    pipeline.ingest(drop, workspace)
    con = open_warehouse(workspace, read_only=True)
    rows = con.execute("SELECT nominal_id, surname FROM police_nominals ORDER BY 1").fetchall()
    assert rows == [("N1", "Smyth"), ("N2", "Jones"), ("N3", "Khan"), ("N4", "Patel")]


@pytest.mark.parametrize("files, problem", [
    ({"nominals.csv": "surname\nSmith\n"}, "lacks required column nominal_id"),
    ({"nominals.csv": "nominal_id\nN1\n", "incidents.csv": "incident_id,reported_at\nI1,2012-01-01\n"},
     "lacks required column incident_type"),
    ({"nominals.csv": "nominal_id\nN1\n", "incidents.csv": "incident_id,incident_type,reported_at\n"
      "I1,other,2012-01-01\nI2,other,2012-01-0\xe9\n"}, "not UTF-8"),
    ({"notes.txt": "hello"}, "holds none of the files"),
])
def test_a_broken_extract_loads_nothing_and_others_still_load(
        drop: Path, workspace, files: dict[str, str], problem: str) -> None:
    write_extract(drop, "a-good", "police", {"nominals.csv": _nominals([("G1", "Good")])})
    folder = write_extract(drop, "b-broken", "police", {})
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("latin-1"))
    report = pipeline.ingest(drop, workspace)
    assert [r.status for r in report.extracts] == ["loaded", "failed"]
    assert problem in report.extracts[1].problem
    con = open_warehouse(workspace, read_only=True)
    assert con.execute("SELECT DISTINCT _source FROM police_nominals").fetchall() == [("a-good",)]
    assert con.execute("SELECT count(*) FROM police_incidents").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM loads WHERE source = 'b-broken'").fetchall() == [(0,)]
    assert problem in con.execute("SELECT problem FROM extract_failures").fetchall()[0][0]


def test_rows_read_match_an_independent_count(drop: Path, workspace) -> None:
    lines = ["upn,school_urn,date,session,code"]
    for day in range(1, 29):
        for session in ("AM", "PM"):
            lines.append(f"A123,100001,2012-02-{day:02d},{session},/")
    lines += ["A123,100001,2012-02-30,AM,/", "A123,100001,2012-03-01,XX,/", "A123,,2012-03-02,AM,/",
              "A123,100001,2012-03-03,AM,Ω", "A123,100001,2012-03-04,AM"]
    write_extract(drop, "schools", "education", {"attendance.csv": "\n".join(lines) + "\n"})
    report = pipeline.ingest(drop, workspace)
    (f,) = report.extracts[0].files
    with (drop / "schools" / "attendance.csv").open(newline="") as handle:
        independent = sum(1 for _ in csv.reader(handle)) - 1
    assert (f.rows_read, f.rows_loaded, f.rows_quarantined) == (independent, 56, 5)
    con = open_warehouse(workspace, read_only=True)
    weekly = con.execute("SELECT sum(possible_sessions), sum(attended_sessions) FROM attendance_weekly").fetchall()
    assert weekly == [(56, 56)]


def _marks(rows: list[tuple[str, str, str, str]]) -> str:
    return csv_text(["upn", "school_urn", "date", "session", "code"],
                    [[upn, "100001", day, session, code] for upn, day, session, code in rows])


def test_a_session_marked_twice_is_quarantined_even_when_both_marks_are_present(drop: Path, workspace) -> None:
    text = _marks([("A1", "2012-03-05", "AM", "/"), ("A1", "2012-03-05", "PM", "O"),
                   ("A1", "2012-03-05", "AM", "/"),   # line 4: same session as line 2, both present
                   ("A1", "2012-03-05", "PM", "\\"),  # line 5: same session as line 3
                   ("A1", "2012-03-06", "AM", "/")])
    write_extract(drop, "schools", "education", {"attendance.csv": text})
    pipeline.ingest(drop, workspace)
    con = open_warehouse(workspace, read_only=True)
    assert con.execute("SELECT line, reason FROM quarantine ORDER BY line").fetchall() == [
        (4, "repeats the mark for A1 at school 100001 on 2012-03-05 AM given on line 2; the first is kept"),
        (5, "repeats the mark for A1 at school 100001 on 2012-03-05 PM given on line 3; the first is kept")]
    assert con.execute("SELECT marks, possible_sessions, attended_sessions, unauthorised_absences "
                       "FROM attendance_weekly").fetchall() == [(3, 3, 2, 1)]
    assert con.execute("SELECT _line, code FROM education_attendance").fetchall() == [(3, "O")]


def test_a_newer_register_replaces_a_pupils_week_whole(drop: Path, workspace) -> None:
    write_extract(drop, "schools", "education", {"attendance.csv": _marks([
        ("A1", "2012-03-05", "AM", "O"), ("A1", "2012-03-05", "PM", "O"),
        ("A1", "2012-03-12", "AM", "/")])}, extracted_at="2012-03-13T08:00:00")
    pipeline.ingest(drop, workspace)
    write_extract(drop, "schools", "education", {"attendance.csv": _marks([
        ("A1", "2012-03-05", "AM", "/"), ("A1", "2012-03-05", "PM", "/"),  # corrected week
        ("A1", "2012-03-19", "AM", "G")])}, extracted_at="2012-03-20T08:00:00")
    pipeline.ingest(drop, workspace)
    con = open_warehouse(workspace, read_only=True)
    assert con.execute("SELECT week_start::VARCHAR, marks, unauthorised_absences FROM attendance_weekly "
                       "ORDER BY 1").fetchall() == [("2012-03-05", 2, 0), ("2012-03-12", 1, 0), ("2012-03-19", 1, 1)]
    assert con.execute("SELECT date::VARCHAR, code FROM education_attendance").fetchall() == [("2012-03-19", "G")]
