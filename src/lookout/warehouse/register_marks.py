"""Register marks as they stream in: plain present marks counted, every other mark kept.

While a file's checked batches stream into the warehouse, `RegisterMarks` counts each
pupil-week's marks, vectorised in NumPy on the thread reading them, with one bit per session
of the week that holds a mark. A file read in parts counts each part on its own; the parts'
counts are added together once, by the warehouse, as they are stored (`store_weekly_counts`).
A week with more marks than bits holds a session marked twice; only those pupil-weeks are read
again from the file, so the later marks can be quarantined exactly and the counts corrected.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lookout.contract.csv_reader import LINE_COLUMN, CsvBatches
from lookout.warehouse.attendance import PLAIN_PRESENT, WEEKLY_COUNTS, counted_as, merge_counts_sql
from lookout.warehouse.row_checks import RowChecker, quote

REGISTER_TABLE = "education_attendance"
_PLAIN_PRESENT = pa.array(PLAIN_PRESENT)


class RegisterMarks:
    """Counts the valid marks of one register file, or of one part of it, a batch at a time."""

    def __init__(self) -> None:
        self._counts: list[pa.Table] = []

    def take(self, marks: pa.Table) -> pa.Table:
        """Count a batch of valid marks; return the marks to keep row by row."""
        self._counts.append(weekly_counts(marks))
        return marks.filter(pc.invert(pc.is_in(marks["code"], value_set=_PLAIN_PRESENT)))

    def counts(self) -> list[pa.Table]:
        """Partial weekly counts of every mark taken (a pupil-week may appear more than once)."""
        return self._counts


def weekly_counts(marks: pa.Table, *, sign: int = 1) -> pa.Table:
    """Counts of valid `marks` per pupil, school and week (negated when `sign` is -1, to take
    them away): `sessions` has one bit per session of the week that holds a mark, and
    `week_hash` hashes the pupil, school and week so partial counts can be matched cheaply.

    Registers list a pupil's marks together, so a pupil-week is a run of consecutive rows,
    counted by summing the run without hashing a row; a batch in some other order is sorted
    first. Each mark's counts are packed into one integer, `_FIELD_BITS` bits a count, and runs
    are cut every `_RUN_LIMIT` marks so no count can spill into the next. A pupil-week split
    across runs or batches gives partial counts that `store_weekly_counts` adds up."""
    marks = marks.select(["upn", "school_urn", "date", "session", "code"]).unify_dictionaries().combine_chunks()
    upn, urn, session, code = (_encoded(marks[name]) for name in ("upn", "school_urn", "session", "code"))
    days = np.asarray(marks["date"].combine_chunks().cast(pa.int32()))
    rows = {"pupil": np.asarray(upn.indices), "school": np.asarray(urn.indices),
            "afternoon": _per_value(session, lambda value: value == "PM", np.int32),
            "packed": _per_value(code, _packed_counts, np.int64)}
    shifted = days + 3  # day 0, 1970-01-01, was a Thursday: days + 3 counts from a Monday
    rows["weekday"] = shifted - (shifted // 7) * 7  # (floor division is quicker than %)
    rows["monday"] = days - rows["weekday"]
    starts = _run_starts(rows)
    if len(starts) * 3 > len(days):  # fewer than three marks a run: not in pupil order
        order = np.lexsort((rows["monday"], rows["school"], rows["pupil"]))
        rows = {name: values[order] for name, values in rows.items()}
        starts = _run_starts(rows)
    starts = _cut_long_runs(starts, len(days))
    slots = _SESSION_BITS[rows["weekday"] * 2 + rows["afternoon"]]
    sessions = np.bitwise_or.reduceat(slots, starts) if len(starts) else slots
    totals = np.add.reduceat(rows["packed"], starts) if len(starts) else rows["packed"]
    counts = pa.table({
        # kept dictionary-encoded and in 32 bits: a county's partial counts stay small in memory
        "upn": pa.DictionaryArray.from_arrays(pa.array(rows["pupil"][starts], pa.int32()), upn.dictionary),
        "school_urn": pa.DictionaryArray.from_arrays(pa.array(rows["school"][starts], pa.int32()), urn.dictionary),
        "week_start": pa.array(rows["monday"][starts]).cast(pa.date32()),
        "sessions": (sessions if sign > 0 else np.zeros_like(sessions)).astype(np.int32),
        **{name: (sign * ((totals >> (i * _FIELD_BITS)) & _RUN_LIMIT)).astype(np.int32)
           for i, name in enumerate(WEEKLY_COUNTS)},
        "week_hash": _week_hash(upn, urn, rows, starts),
    })
    return counts


_FIELD_BITS = 9
_RUN_LIMIT = (1 << _FIELD_BITS) - 1
_SESSION_BITS = np.left_shift(np.int64(1), np.arange(14, dtype=np.int64))  # Monday AM ... Sunday PM


def _week_hash(upn: pa.DictionaryArray, urn: pa.DictionaryArray, rows: dict[str, np.ndarray],
               starts: np.ndarray) -> np.ndarray:
    """A hash of each run's pupil, school and week, the same in every batch of this process
    (strings are hashed once per distinct value). Two pupil-weeks may share a hash: that only
    makes `store_weekly_counts` add them up by their real keys."""
    def hashed(values: pa.DictionaryArray) -> np.ndarray:
        return np.array([hash(v) for v in values.dictionary.to_pylist()] or [0], dtype=np.int64).view(np.uint64)

    with np.errstate(over="ignore"):
        return (hashed(upn)[rows["pupil"][starts]] * np.uint64(0x9E3779B97F4A7C15)
                ^ hashed(urn)[rows["school"][starts]] * np.uint64(0xC2B2AE3D27D4EB4F)
                ^ rows["monday"][starts].astype(np.uint64) * np.uint64(0x165667B19E3779F9))


def _packed_counts(code: str) -> int:
    """One mark's counts (itself, then what its code adds to), `_FIELD_BITS` bits each."""
    return sum(int(adds) << (i * _FIELD_BITS) for i, adds in enumerate((True, *counted_as(code))))


def _encoded(column: pa.ChunkedArray) -> pa.DictionaryArray:
    array = column.combine_chunks()
    return array if pa.types.is_dictionary(array.type) else pc.dictionary_encode(array)


def _per_value(values: pa.DictionaryArray, rule, dtype: type) -> np.ndarray:
    """Each row's `rule(value)` as an integer, worked out once per distinct value."""
    table = np.array([int(rule(v)) if v is not None else 0 for v in values.dictionary.to_pylist()] or [0],
                     dtype=dtype)
    return table[np.asarray(values.indices)]


def _run_starts(rows: dict[str, np.ndarray]) -> np.ndarray:
    """Positions where a new pupil-week starts."""
    pupil, school, monday = rows["pupil"], rows["school"], rows["monday"]
    if not len(pupil):
        return np.zeros(0, dtype=np.int64)
    changed = (pupil[1:] != pupil[:-1]) | (school[1:] != school[:-1]) | (monday[1:] != monday[:-1])
    return np.flatnonzero(np.concatenate(([True], changed)))


def _cut_long_runs(starts: np.ndarray, length: int) -> np.ndarray:
    """Run starts with a new run every `_RUN_LIMIT` marks of a longer run."""
    lengths = np.diff(np.append(starts, length))
    if not len(lengths) or lengths.max() <= _RUN_LIMIT:
        return starts
    extra = [np.arange(start + _RUN_LIMIT, start + size, _RUN_LIMIT)
             for start, size in zip(starts[lengths > _RUN_LIMIT], lengths[lengths > _RUN_LIMIT])]
    return np.sort(np.concatenate([starts, *extra]))


def store_weekly_counts(con: duckdb.DuckDBPyConnection, counts: list[pa.Table], *, path: Path,
                        header: list[str], checker: RowChecker, load_id: str) -> list[dict]:
    """Quarantine repeated marks of a register file, then store its weekly counts in
    `attendance_weekly`, one row per pupil, school and week; return the quarantine entries of
    the repeats.

    `counts` are partial counts of the file's valid marks, each unique by pupil-week, in any
    number of pieces. Only the pupil-weeks whose hash appears in more than one piece, or whose
    marks outnumber their sessions, are added up and checked by their real keys; a hash shared
    by two pupil-weeks only costs that check, never a count."""
    if not counts:
        return []
    con.register("register_counts", pa.concat_tables(counts))
    try:
        con.register("register_suspects", con.sql(
            "SELECT week_hash FROM register_counts GROUP BY week_hash "
            "HAVING count(*) > 1 OR sum(marks) > bit_count(bit_or(sessions))").to_arrow_table())
        con.register("merged_counts", con.sql(merge_counts_sql(
            "(SELECT * FROM register_counts WHERE week_hash IN (SELECT week_hash FROM register_suspects))"
        )).to_arrow_table())
        rejected, removed = _quarantine_repeats(con, path, header, checker, load_id)
        if removed is not None:
            merged = con.table("merged_counts").to_arrow_table()
            con.register("merged_counts", pa.concat_tables([merged, removed.cast(merged.schema)]))
        totals = ", ".join(WEEKLY_COUNTS)
        tagged = f"{quote(checker.source)}, {quote(load_id)}, upn, school_urn, week_start, {totals}"
        con.execute(f"""
            INSERT INTO attendance_weekly
            SELECT {tagged} FROM register_counts
            WHERE week_hash NOT IN (SELECT week_hash FROM register_suspects)
            UNION ALL
            SELECT {tagged} FROM ({merge_counts_sql('merged_counts')}) WHERE marks > 0""")
    finally:
        for name in ("register_counts", "register_suspects", "merged_counts"):
            con.unregister(name)
    return rejected


def _quarantine_repeats(con: duckdb.DuckDBPyConnection, path: Path, header: list[str],
                        checker: RowChecker, load_id: str) -> tuple[list[dict], pa.Table | None]:
    """Quarantine register marks for a session already marked on an earlier line.

    The summed counts (`merged_counts`) name the few pupil-weeks with a session marked twice;
    their marks are read again from the file, the later ones quarantined and taken out of the
    kept marks. Returns the quarantine entries and the counts to take away."""
    weeks = con.sql("SELECT upn, school_urn, week_start FROM merged_counts "
                    "WHERE marks > bit_count(sessions)").to_arrow_table()
    if not weeks.num_rows:
        return [], None
    lower = [name.lower() for name in header]
    wanted = {(r["upn"], r["school_urn"], r["week_start"]) for r in weeks.to_pylist()}
    upns = pa.array(sorted({upn for upn, _, _ in wanted}))
    found = []
    for raw in CsvBatches(path, header):
        valid, _, _ = checker.check(raw.rename_columns([*lower, LINE_COLUMN]))
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
    removed = weekly_counts(rows.filter(pc.is_in(rows["_line"], pa.array(lines, pa.int64()))), sign=-1)
    con.execute(f"DELETE FROM {REGISTER_TABLE} WHERE _load_id = ? AND _line IN (SELECT unnest(?))",
                [load_id, lines])
    return [{"line": row["_line"], "column_name": "upn", "value": row["upn"],
             "reason": (f"repeats the mark for {row['upn']} at school {row['school_urn']} on "
                        f"{row['date']} {row['session']} given on line "
                        f"{first_line[(row['upn'], row['school_urn'], row['date'], row['session'])]}; "
                        "the first is kept"),
             "raw": None} for row in later], removed
