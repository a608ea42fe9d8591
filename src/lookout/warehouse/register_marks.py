"""Register marks as they stream in: plain present marks counted, every other mark kept.

While a file's checked batches stream into the warehouse, this keeps each pupil-week's counts
in a private in-memory engine, with one bit per session of the week that holds a mark. A week
with more marks than bits holds a session marked twice; only those pupil-weeks are read again
from the file, so the later marks can be quarantined exactly and the counts corrected.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from lookout.warehouse.attendance import PLAIN_PRESENT, WEEKLY_COUNTS, merge_counts_sql, weekly_counts_sql

_PLAIN_PRESENT = pa.array(PLAIN_PRESENT)
_COUNT_EVERY = 4_000_000  # marks per counting query: fewer, larger queries use both cores


class RegisterMarks:
    """Accumulates the weekly counts of one attendance file's valid marks."""

    def __init__(self) -> None:
        self._con = duckdb.connect()
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


def _literal(value: str) -> str:
    return value.replace("'", "''")
