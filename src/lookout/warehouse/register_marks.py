"""Register marks as they stream in: plain present marks counted, every other mark kept.

While a file's checked batches stream into the warehouse, this keeps each pupil-week's counts
in a private in-memory engine, with one bit per session of the week that holds a mark. A week
with more marks than bits holds a session marked twice; only those pupil-weeks are read again
from the file, so the later marks can be quarantined exactly and the counts corrected.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from lookout.contract.csv_reader import LINE_COLUMN, CsvBatches
from lookout.warehouse.row_checks import RowChecker
from lookout.warehouse.attendance import PLAIN_PRESENT, WEEKLY_COUNTS, merge_counts_sql, weekly_counts_sql

REGISTER_TABLE = "education_attendance"
_PLAIN_PRESENT = pa.array(PLAIN_PRESENT)
_COUNT_EVERY = 2_000_000  # marks per counting query: fewer, larger queries use both cores


class RegisterMarks:
    """Accumulates the weekly counts of one attendance file's valid marks."""

    def __init__(self) -> None:
        self._con = duckdb.connect(config={"threads": 1})
        empty = ("(SELECT NULL::VARCHAR upn, NULL::VARCHAR school_urn, NULL::DATE date, "
                 "NULL::VARCHAR session, NULL::VARCHAR code)")
        self._con.execute(f"CREATE TABLE partial AS SELECT * FROM ({weekly_counts_sql(empty)}) WHERE false")
        self._pending: list[pa.Table] = []
        self._pending_rows = 0

    def close(self) -> None:
        """Release the private engine."""
        self._con.close()

    def take(self, marks: pa.Table) -> pa.Table:
        """Count a batch of valid marks; return the marks to keep row by row."""
        self._pending.append(marks.select(["upn", "school_urn", "date", "session", "code"]))
        self._pending_rows += marks.num_rows
        if self._pending_rows >= _COUNT_EVERY:
            self._flush()
        return marks.filter(pc.invert(pc.is_in(marks["code"], value_set=_PLAIN_PRESENT)))

    def _flush(self) -> None:
        if self._pending:
            self._add(pa.concat_tables(self._pending), sign="")
            self._pending, self._pending_rows = [], 0

    def remove(self, marks: pa.Table) -> None:
        """Take marks (quarantined after the fact) out of the counts."""
        self._flush()
        self._add(marks, sign="-")

    def _add(self, marks: pa.Table, *, sign: str) -> None:
        self._con.register("batch", marks)
        try:
            counts = ", ".join(f"{sign}{c}" for c in WEEKLY_COUNTS)
            self._con.execute(f"INSERT INTO partial SELECT upn, school_urn, week_start, "
                              f"0 AS sessions, {counts} FROM ({weekly_counts_sql('batch')})"
                              if sign else f"INSERT INTO partial {weekly_counts_sql('batch')}")
        finally:
            self._con.unregister("batch")

    def weeks_marked_twice(self) -> pa.Table:
        """(upn, school_urn, week_start) of pupil-weeks holding a session marked twice."""
        self._flush()
        return self._con.sql(
            f"SELECT upn, school_urn, week_start FROM ({merge_counts_sql('partial')}) "
            "WHERE marks > bit_count(sessions)").to_arrow_table()

    def weekly(self, source: str, load_id: str) -> pa.Table:
        """The file's weekly counts, tagged with source and load."""
        self._flush()
        counts = ", ".join(WEEKLY_COUNTS)
        query = (f"SELECT '{_literal(source)}' AS _source, '{_literal(load_id)}' AS _load_id, "
                 f"upn, school_urn, week_start, {counts} "
                 f"FROM ({merge_counts_sql('partial')}) WHERE marks > 0")
        return self._con.sql(query).to_arrow_table()

    def quarantine_repeats(self, con: duckdb.DuckDBPyConnection, path: Path, header: list[str],
                           checker: RowChecker, load_id: str) -> list[dict]:
        """Quarantine register marks for a session already marked on an earlier line.

        The weekly counts name the few pupil-weeks with a session marked twice; their marks are
        read again from the file, the later ones quarantined, taken out of the counts and out of
        the kept marks."""
        weeks = self.weeks_marked_twice()
        if not weeks.num_rows:
            return []
        lower = [name.lower() for name in header]
        wanted = {(r["upn"], r["school_urn"], r["week_start"]) for r in weeks.to_pylist()}
        upns = pa.array(sorted({upn for upn, _, _ in wanted}))
        found = []
        for raw in CsvBatches(path, header):
            valid, _ = checker.check(raw.rename_columns([*lower, LINE_COLUMN]))
            found.append(valid.filter(pc.is_in(valid["upn"], value_set=upns)))
        candidates = pa.concat_tables(found).sort_by("_line").to_pylist()
        rows = pa.Table.from_pylist(
            [r for r in candidates
             if (r["upn"], r["school_urn"], r["date"] - dt.timedelta(days=r["date"].weekday())) in wanted],
            schema=checker.schema)
        first_line: dict[tuple, int] = {}
        later = []
        for row in rows.to_pylist():
            key = (row["upn"], row["school_urn"], row["date"], row["session"])
            if key in first_line:
                later.append(row)
            else:
                first_line[key] = row["_line"]
        lines = [row["_line"] for row in later]
        self.remove(rows.filter(pc.is_in(rows["_line"], pa.array(lines, pa.int64()))))
        con.execute(f"DELETE FROM {REGISTER_TABLE} WHERE _load_id = ? AND _line IN (SELECT unnest(?))",
                    [load_id, lines])
        return [{"line": row["_line"], "column_name": "upn", "value": row["upn"],
                 "reason": (f"repeats the mark for {row['upn']} at school {row['school_urn']} on "
                            f"{row['date']} {row['session']} given on line "
                            f"{first_line[(row['upn'], row['school_urn'], row['date'], row['session'])]}; "
                            "the first is kept"),
                 "raw": None} for row in later]


def _literal(value: str) -> str:
    return value.replace("'", "''")
