"""Row checks compiled from the contract: each batch of raw strings typed and checked.

Every rule of contract v1 concerns one column (a required value, a date, a flag, a code), so
each column is checked over its *distinct* values only (one small SQL query per column and
batch), and the results are mapped back to the rows. Register marks repeat a few hundred
dates and codes millions of times, so this keeps ingest close to the speed of reading. The
CSV reader hands columns over dictionary-encoded, and string columns stay so: a value is
typed once per batch, however many rows hold it.

A row whose columns all pass is loaded; otherwise it is quarantined with a plain-English
sentence for each broken rule, and the first broken column and its value.
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


def column_check_sql(column: Column, relation: str = "distinct_values") -> str:
    """SQL typing and checking each row of `relation(value VARCHAR)`, in order.

    Returns columns `typed` (the stored value) and `problem` (NULL, or why it is invalid).
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
    return (f"SELECT typed, {problem} AS problem FROM "
            f"(SELECT value, _i, {typed} AS typed FROM {relation}) ORDER BY _i")


def _constant(value: str, n: int) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(np.zeros(n, dtype=np.int32)), pa.array([value]))


class RowChecker:
    """Types and checks batches of one file's raw rows (columns named by the lower-cased header)."""

    def __init__(self, contract_file: ContractFile, header: list[str], *, source: str, load_id: str) -> None:
        self.contract_file = contract_file
        self.header = header
        self.source = source
        self.load_id = load_id
        self.extra = [name for name in header if name not in contract_file.column_names]
        self._present = [c for c in contract_file.columns if c.name.lower() in header]
        self._sql = {c.name.lower(): column_check_sql(c) for c in self._present}
        self.schema = pa.schema(
            [("_source", STRINGS), ("_load_id", STRINGS), ("_line", pa.int64())]
            + [(c.name.lower(), ARROW_TYPES[c.type]) for c in contract_file.columns]
            + [("_extra", pa.string())])

    def check(self, batch: pa.RecordBatch) -> tuple[pa.Table, list[dict]]:
        """The batch's valid rows, typed to `schema`, and a quarantine entry per invalid row."""
        n = batch.num_rows
        typed: dict[str, pa.Array] = {}
        problems: list[tuple[str, pa.Array]] = []
        with scratch_engine() as con:
            for column in self._present:
                name = column.name.lower()
                values, problem = self._check_column(con, column, batch.column(name))
                typed[name] = values
                if problem is not None:
                    problems.append((name, problem))
        arrays = [_constant(self.source, n), _constant(self.load_id, n), batch.column(LINE_COLUMN)]
        for column in self.contract_file.columns:
            name = column.name.lower()
            arrays.append(typed.get(name, pa.nulls(n, ARROW_TYPES[column.type])))
        arrays.append(self._extra_json(batch))
        table = pa.Table.from_arrays(arrays, schema=self.schema)
        if not problems:
            return table, []
        bad = problems[0][1].is_valid()
        for _, problem in problems[1:]:
            bad = pc.or_(bad, problem.is_valid())
        if not pc.any(bad).as_py():
            return table, []
        return table.filter(pc.invert(bad)), self._rejected(batch, problems, bad)

    def _check_column(self, con: duckdb.DuckDBPyConnection, column: Column,
                      raw: pa.Array) -> tuple[pa.Array, pa.Array | None]:
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
        if arrow_type == STRINGS:  # the typed strings become the dictionary: no row is touched
            typed = result.column("typed").combine_chunks().cast(pa.string())
            values = pa.DictionaryArray.from_arrays(encoded.indices, typed)
        else:
            values = pc.take(result.column("typed").combine_chunks().cast(arrow_type), encoded.indices)
        if problem.null_count == len(problem):
            return values, None
        return values, pc.take(problem, encoded.indices)

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
