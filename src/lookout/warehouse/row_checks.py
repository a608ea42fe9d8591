"""Row checks compiled from the contract into one SQL query per file.

The query reads a batch of raw strings (every column VARCHAR, '' when blank) and returns, for
each row, its typed values and `_problem`: NULL when the row may be loaded, otherwise a
plain-English sentence for each broken rule, with the first broken column and its value in
`_problem_column` and `_problem_value`. Keeping the checks in SQL keeps them set-based and
portable across engines.
"""

from __future__ import annotations

from dataclasses import dataclass

from lookout.contract import Column, ColumnType, ContractFile
from lookout.contract.vocabularies import FLAG_FALSE, FLAG_TRUE
from lookout.warehouse.schema import SQL_TYPES

_DATETIME_FORMATS = (
    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M", "%Y-%m-%d",
)
_LIST_PREVIEW = 12


def quote(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def ident(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True)
class _Check:
    column: str
    failed: str  # SQL condition true when the rule is broken
    reason: str  # SQL expression for the sentence


def _case_rule(vocabulary: frozenset[str]) -> str:
    if all(v == v.lower() for v in vocabulary):
        return "lower"
    if all(v == v.upper() for v in vocabulary):
        return "upper"
    return ""


def _vocabulary_sql(vocabulary: frozenset[str]) -> str:
    return "[" + ", ".join(quote(v) for v in sorted(vocabulary)) + "]"


def _vocabulary_hint(vocabulary: frozenset[str]) -> str:
    values = sorted(vocabulary)
    shown = ", ".join(values[:_LIST_PREVIEW])
    return shown + (f" (and {len(values) - _LIST_PREVIEW} more)" if len(values) > _LIST_PREVIEW else "")


def _typed(column: Column) -> tuple[str, str | None]:
    """SQL for the typed value, and for the condition under which a non-blank value is invalid."""
    raw = f"nullif(trim({ident(column.name.lower())}), '')"
    kind = column.type
    if kind is ColumnType.TEXT:
        return f"nullif({ident(column.name.lower())}, '')", None
    if kind is ColumnType.IDENTIFIER:
        return raw, None
    if kind is ColumnType.DATE:
        typed = f"CASE WHEN regexp_full_match({raw}, '\\d{{4}}-\\d{{2}}-\\d{{2}}') THEN try_cast({raw} AS DATE) END"
        return typed, f"({typed}) IS NULL"
    if kind is ColumnType.DMY_DATE:
        typed = f"CAST(try_strptime({raw}, '%d/%m/%Y') AS DATE)"
        guarded = f"CASE WHEN regexp_full_match({raw}, '\\d{{2}}/\\d{{2}}/\\d{{4}}') THEN {typed} END"
        return guarded, f"({guarded}) IS NULL"
    if kind is ColumnType.DATETIME:
        formats = "[" + ", ".join(quote(f) for f in _DATETIME_FORMATS) + "]"
        typed = f"try_strptime({raw}, {formats})"
        return typed, f"({typed}) IS NULL"
    if kind is ColumnType.FLAG:
        typed = (f"CASE WHEN lower({raw}) IN ({', '.join(quote(v) for v in sorted(FLAG_TRUE))}) THEN true "
                 f"WHEN lower({raw}) IN ({', '.join(quote(v) for v in sorted(FLAG_FALSE))}) THEN false END")
        return typed, f"({typed}) IS NULL"
    if kind is ColumnType.CODE:
        assert column.vocabulary is not None
        normalised = f"{_case_rule(column.vocabulary)}({raw})"
        return normalised, f"NOT list_contains({_vocabulary_sql(column.vocabulary)}, {normalised})"
    items = (f"coalesce(list_filter(list_transform(string_split({raw}, ';'), "
             "lambda x: nullif(trim(x), '')), lambda x: x IS NOT NULL), CAST([] AS VARCHAR[]))")
    if kind is ColumnType.TEXT_LIST:
        return items, None
    assert column.vocabulary is not None
    normalised = f"list_transform({items}, lambda x: {_case_rule(column.vocabulary)}(x))"
    return normalised, f"NOT list_has_all({_vocabulary_sql(column.vocabulary)}, {normalised})"


_EXPECTED = {
    ColumnType.DATE: "a real date written YYYY-MM-DD",
    ColumnType.DMY_DATE: "a real date written DD/MM/YYYY (the SSDA903 format)",
    ColumnType.DATETIME: "a real date and time written YYYY-MM-DDTHH:MM:SS",
    ColumnType.FLAG: "Y or N (also 1/0, true/false)",
}


def _checks(contract_file: ContractFile, present: set[str]) -> list[_Check]:
    checks = []
    for column in contract_file.columns:
        name = column.name.lower()
        if name not in present:
            continue
        raw = f"nullif(trim({ident(name)}), '')"
        if column.required:
            checks.append(_Check(name, f"{raw} IS NULL", quote(f"{name} is blank but every row needs one")))
        _, invalid = _typed(column)
        if invalid is None:
            continue
        if column.type in _EXPECTED:
            reason = f"{quote(name + ' ' + chr(39))} || {raw} || {quote(chr(39) + ' is not ' + _EXPECTED[column.type])}"
        elif column.type is ColumnType.CODE:
            assert column.vocabulary is not None
            reason = (f"{quote(name + ' ' + chr(39))} || {raw} || "
                      f"{quote(chr(39) + ' is not a known value (expected one of ' + _vocabulary_hint(column.vocabulary) + ')')}")
        else:
            assert column.vocabulary is not None
            reason = (f"{quote(name + ' ' + chr(39))} || {raw} || "
                      f"{quote(chr(39) + ' holds a value that is not known (each ;-separated value must be one of ' + _vocabulary_hint(column.vocabulary) + ')')}")
        checks.append(_Check(name, f"({raw} IS NOT NULL AND {invalid})", reason))
    return checks


def check_query(contract_file: ContractFile, present: list[str], extra: list[str], *,
                source: str, load_id: str, relation: str = "batch") -> str:
    """SQL that types and checks one batch of raw rows of `contract_file`.

    `present` are the contract columns the file's header has (lower case); `extra` the other
    header columns, kept as a JSON object. Columns the header lacks come out NULL.
    """
    present_set = set(present)
    checks = _checks(contract_file, present_set)
    selected = [f"{quote(source)} AS _source", f"{quote(load_id)} AS _load_id", "_line"]
    for column in contract_file.columns:
        name = column.name.lower()
        if name in present_set:
            typed, _ = _typed(column)
            selected.append(f"{typed} AS {ident(name)}")
        else:
            selected.append(f"CAST(NULL AS {SQL_TYPES[column.type]}) AS {ident(name)}")
    if extra:
        pairs = ", ".join(f"{quote(name)}: nullif({ident(name)}, '')" for name in extra)
        selected.append(f"CAST(to_json({{{pairs}}}) AS VARCHAR) AS _extra")
    else:
        selected.append("CAST(NULL AS VARCHAR) AS _extra")
    if checks:
        problem = "concat_ws('; ', " + ", ".join(
            f"CASE WHEN {c.failed} THEN {c.reason} END" for c in checks) + ")"
        first_column = "coalesce(" + ", ".join(
            f"CASE WHEN {c.failed} THEN {quote(c.column)} END" for c in checks) + ")"
        first_value = "coalesce(" + ", ".join(
            f"CASE WHEN {c.failed} THEN {ident(c.column)} END" for c in checks) + ")"
        selected += [f"nullif({problem}, '') AS _problem", f"{first_column} AS _problem_column",
                     f"{first_value} AS _problem_value"]
    else:
        selected += ["CAST(NULL AS VARCHAR) AS _problem", "CAST(NULL AS VARCHAR) AS _problem_column",
                     "CAST(NULL AS VARCHAR) AS _problem_value"]
    return "SELECT " + ",\n  ".join(selected) + f"\nFROM {relation}"

