"""Row checks compiled from the contract: each batch of raw strings typed and checked.

Every rule of contract v1 concerns one column (a required value, a date, a flag, a code), so
each column is checked over its *distinct* values only (one small SQL query per column and
batch), and the results are mapped back to the rows. Register marks repeat a few hundred
dates and codes millions of times, so this keeps ingest close to the speed of reading. The
CSV reader hands columns over dictionary-encoded, and string columns stay so: a value is
typed once per batch, however many rows hold it.

A row whose columns all pass is loaded; otherwise it is quarantined with a plain-English
sentence for each broken rule, and the first broken column and its value.

Dates must also be possible: none before 1900, and none after the day the extract was taken
(`extracted_at`, with a day's grace for time zones), since nothing an extract records can
have happened after it was made. Such a date is a typing error the agency should correct,
but the record around it still matters (an A&E attendance is evidence whatever its birth date
says), so the row is loaded and the date warned about (`load_warnings`, listed by `lookout
quarantine`): a date of birth that cannot be is left blank, so no child is put in the wrong
age band; another date is kept as written, and the warning says so. Dates that look forward
by nature (the day a pupil is due to leave the roll) are exempt.
"""

from __future__ import annotations

import json

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from lookout.contract import Column, ColumnType, ContractFile
from lookout.contract.csv_reader import LINE_COLUMN
from lookout.contract.vocabularies import FLAG_FALSE, FLAG_TRUE
from lookout.warehouse.scratch import scratch_engine

STRINGS = pa.dictionary(pa.int32(), pa.string())
ARROW_TYPES = {
    ColumnType.TEXT: STRINGS, ColumnType.IDENTIFIER: STRINGS, ColumnType.CODE: STRINGS,
    ColumnType.DATE: pa.date32(), ColumnType.DMY_DATE: pa.date32(),
    ColumnType.DATETIME: pa.timestamp("us"), ColumnType.FLAG: pa.bool_(),
    ColumnType.CODE_LIST: pa.list_(pa.string()), ColumnType.TEXT_LIST: pa.list_(pa.string()),
}
_DATETIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M", "%Y-%m-%d",
)
_EXPECTED = {
    ColumnType.DATE: "a real date written YYYY-MM-DD",
    ColumnType.DMY_DATE: "a real date written DD/MM/YYYY (the SSDA903 format)",
    ColumnType.DATETIME: "a real date and time written YYYY-MM-DDTHH:MM:SS",
    ColumnType.FLAG: "Y or N (also 1/0, true/false)",
}
_LIST_PREVIEW = 12
EARLIEST_DATE = "1900-01-01"
# Columns whose dates may lie after the extract was taken.
FORWARD_LOOKING = frozenset({"on_roll_to"})
# Dates of birth: one that cannot be is left blank rather than kept.
BIRTH_DATES = frozenset({"dob", "mc_dob"})


def quote(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def _case_function(vocabulary: frozenset[str]) -> str:
    if all(v == v.lower() for v in vocabulary):
        return "lower"
    if all(v == v.upper() for v in vocabulary):
        return "upper"
    return ""


def _hint(vocabulary: frozenset[str]) -> str:
    values = sorted(vocabulary)
    shown = ", ".join(values[:_LIST_PREVIEW])
    return shown + (f" (and {len(values) - _LIST_PREVIEW} more)" if len(values) > _LIST_PREVIEW else "")


def column_check_sql(column: Column, relation: str = "distinct_values", *,
                     latest: str | None = None) -> str:
    """SQL typing and checking each row of `relation(value VARCHAR)`, in order. A date after
    `latest` (an ISO date: the extract's day, plus grace) is impossible, as is one before 1900.

    Returns columns `typed` (the stored value), `problem` (NULL, or why the row is invalid)
    and `warning` (NULL, or why the value is implausible though the row is loaded).
    """
    raw = "nullif(trim(value), '')"
    name = column.name.lower()
    said = f"{quote(name + ' ' + chr(39))} || {raw} || "
    kind = column.type
    invalid: str | None = None
    if kind is ColumnType.TEXT:
        typed = "nullif(value, '')"
    elif kind is ColumnType.IDENTIFIER:
        typed = raw
    elif kind is ColumnType.DATE:
        typed = f"CASE WHEN regexp_full_match({raw}, '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN try_cast({raw} AS DATE) END"
    elif kind is ColumnType.DMY_DATE:
        typed = (f"CASE WHEN regexp_full_match({raw}, '\\d{{2}}/\\d{{2}}/\\d{{4}}') "
                 f"THEN CAST(try_strptime({raw}, '%d/%m/%Y') AS DATE) END")
    elif kind is ColumnType.DATETIME:
        typed = f"try_strptime({raw}, [{', '.join(quote(f) for f in _DATETIME_FORMATS)}])"
    elif kind is ColumnType.FLAG:
        typed = (f"CASE WHEN lower({raw}) IN ({', '.join(quote(v) for v in sorted(FLAG_TRUE))}) THEN true "
                 f"WHEN lower({raw}) IN ({', '.join(quote(v) for v in sorted(FLAG_FALSE))}) THEN false END")
    elif kind is ColumnType.CODE:
        assert column.vocabulary is not None
        typed = f"{_case_function(column.vocabulary)}({raw})"
        known = ", ".join(quote(v) for v in sorted(column.vocabulary))
        invalid = (f"typed NOT IN ({known})", f"{said}{quote(chr(39) + ' is not a known value (expected one of ' + _hint(column.vocabulary) + ')')}")
    else:
        items = (f"coalesce(list_filter(list_transform(string_split({raw}, ';'), "
                 "lambda x: nullif(trim(x), '')), lambda x: x IS NOT NULL), CAST([] AS VARCHAR[]))")
        typed = items
        if kind is ColumnType.CODE_LIST:
            assert column.vocabulary is not None
            typed = f"list_transform({items}, lambda x: {_case_function(column.vocabulary)}(x))"
            known = "[" + ", ".join(quote(v) for v in sorted(column.vocabulary)) + "]"
            invalid = (f"NOT list_has_all({known}, typed)",
                       f"{said}{quote(chr(39) + ' holds a value that is not known (each ;-separated value must be one of ' + _hint(column.vocabulary) + ')')}")
    if kind in _EXPECTED:
        invalid = ("typed IS NULL", f"{said}{quote(chr(39) + ' is not ' + _EXPECTED[kind])}")
    rules = []
    if column.required:
        rules.append(f"WHEN {raw} IS NULL THEN {quote(name + ' is blank but every row needs one')}")
    if invalid is not None:
        rules.append(f"WHEN {raw} IS NOT NULL AND {invalid[0]} THEN {invalid[1]}")
    problem = f"CASE {' '.join(rules)} END" if rules else "CAST(NULL AS VARCHAR)"
    warning, kept = "CAST(NULL AS VARCHAR)", "typed"
    if kind in (ColumnType.DATE, ColumnType.DMY_DATE, ColumnType.DATETIME):
        outcome = "left blank" if name in BIRTH_DATES else "kept as written"
        checks = [f"WHEN CAST(typed AS DATE) < DATE {quote(EARLIEST_DATE)} THEN "
                  f"{said}{quote(chr(39) + ' is before 1900, not a possible date: ' + outcome)}"]
        if latest is not None and name not in FORWARD_LOOKING:
            checks.append(f"WHEN CAST(typed AS DATE) > DATE {quote(latest)} THEN "
                          f"{said}{quote(chr(39) + ' is after the extract was taken (' + latest + '): nothing it records can have happened later; ' + outcome)}")
        warning = f"CASE {' '.join(checks)} END"
        if name in BIRTH_DATES:
            kept = "CASE WHEN warning IS NULL THEN typed END"
    return (f"SELECT {kept} AS typed, problem, warning FROM ("
            f"SELECT _i, typed, {problem} AS problem, {warning} AS warning FROM "
            f"(SELECT value, _i, {typed} AS typed FROM {relation})) ORDER BY _i")


def _constant(value: str, n: int) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), pa.array([value]))


class RowChecker:
    """Types and checks batches of one file's raw rows (columns named by the lower-cased header)."""

    def __init__(self, contract_file: ContractFile, header: list[str], *, source: str, load_id: str,
                 latest: str | None = None) -> None:
        """`latest`: the last possible date of any record in the file (ISO), usually the day
        after the extract was taken; None checks no upper bound."""
        self.contract_file = contract_file
        self.header = header
        self.source = source
        self.load_id = load_id
        self.extra = [name for name in header if name not in contract_file.column_names]
        self._present = [c for c in contract_file.columns if c.name.lower() in header]
        self._sql = {c.name.lower(): column_check_sql(c, latest=latest) for c in self._present}
        self.schema = pa.schema(
            [("_source", STRINGS), ("_load_id", STRINGS), ("_line", pa.int64())]
            + [(c.name.lower(), ARROW_TYPES[c.type]) for c in contract_file.columns]
            + [("_extra", pa.string())])

    def check(self, batch: pa.RecordBatch) -> tuple[pa.Table, list[dict], list[dict]]:
        """The batch's valid rows, typed to `schema`, a quarantine entry per invalid row, and
        a warning per implausible value of a valid row."""
        n = batch.num_rows
        typed: dict[str, pa.Array] = {}
        problems: list[tuple[str, pa.Array]] = []
        warnings: list[tuple[str, pa.Array]] = []
        with scratch_engine() as con:
            for column in self._present:
                name = column.name.lower()
                values, problem, warning = self._check_column(con, column, batch.column(name))
                typed[name] = values
                if problem is not None:
                    problems.append((name, problem))
                if warning is not None:
                    warnings.append((name, warning))
        arrays = [_constant(self.source, n), _constant(self.load_id, n), batch.column(LINE_COLUMN)]
        for column in self.contract_file.columns:
            name = column.name.lower()
            arrays.append(typed.get(name, pa.nulls(n, ARROW_TYPES[column.type])))
        arrays.append(self._extra_json(batch))
        table = pa.Table.from_arrays(arrays, schema=self.schema)
        bad = pa.array(np.zeros(n, dtype=bool))
        for _, problem in problems:
            bad = pc.or_(bad, problem.is_valid())
        warned = self._warned(batch, warnings, pc.invert(bad)) if warnings else []
        if not pc.any(bad).as_py():
            return table, [], warned
        return table.filter(pc.invert(bad)), self._rejected(batch, problems, bad), warned

    def _check_column(self, con: duckdb.DuckDBPyConnection, column: Column,
                      raw: pa.Array) -> tuple[pa.Array, pa.Array | None, pa.Array | None]:
        encoded = raw if pa.types.is_dictionary(raw.type) else pc.dictionary_encode(raw)
        distinct = encoded.dictionary
        con.register("distinct_values", pa.table({
            "value": distinct, "_i": pa.array(range(len(distinct)), pa.int64())}))
        try:
            result = con.sql(self._sql[column.name.lower()]).to_arrow_table()
        finally:
            con.unregister("distinct_values")
        arrow_type = ARROW_TYPES[column.type]
        problem = result.column("problem").combine_chunks()
        warning = result.column("warning").combine_chunks()
        if arrow_type == STRINGS:  # the typed strings become the dictionary: no row is touched
            typed = result.column("typed").combine_chunks().cast(pa.string())
            values = pa.DictionaryArray.from_arrays(encoded.indices, typed)
        else:
            values = pc.take(result.column("typed").combine_chunks().cast(arrow_type), encoded.indices)
        per_row = [None if found.null_count == len(found) else pc.take(found, encoded.indices)
                   for found in (problem, warning)]
        return values, per_row[0], per_row[1]

    def _warned(self, batch: pa.RecordBatch, warnings: list[tuple[str, pa.Array]],
                kept: pa.Array) -> list[dict]:
        """A warning per implausible value of a row that is loaded."""
        found = []
        lines = batch.column(LINE_COLUMN)
        for name, warning in warnings:
            shown = pc.and_(warning.is_valid(), kept)
            if not pc.any(shown).as_py():
                continue
            raw = batch.column(name).filter(shown).to_pylist()
            for line, value, reason in zip(lines.filter(shown).to_pylist(), raw,
                                           warning.filter(shown).to_pylist()):
                found.append({"line": line, "column_name": name, "value": (value or "").strip(),
                              "reason": reason})
        return found

    def _extra_json(self, batch: pa.RecordBatch) -> pa.Array:
        if not self.extra:
            return pa.nulls(batch.num_rows, pa.string())
        columns = {name: batch.column(name).to_pylist() for name in self.extra}
        return pa.array([json.dumps({name: columns[name][i] or None for name in self.extra}, ensure_ascii=False, separators=(",", ":"))
                         for i in range(batch.num_rows)], pa.string())

    def _rejected(self, batch: pa.RecordBatch, problems: list[tuple[str, pa.Array]],
                  bad: pa.Array) -> list[dict]:
        rows = batch.filter(bad).to_pylist()
        reasons = [(name, problem.filter(bad).to_pylist()) for name, problem in problems]
        rejected = []
        for i, row in enumerate(rows):
            failing = [(name, said[i]) for name, said in reasons if said[i] is not None]
            first = failing[0][0]
            rejected.append({
                "line": row[LINE_COLUMN], "column_name": first,
                "value": (row[first] or "").strip(),
                "reason": "; ".join(reason for _, reason in failing),
                "raw": json.dumps({name: row[name] for name in self.header}, ensure_ascii=False),
            })
        return rejected
