"""Row checks compiled from the contract: each column type typed and checked."""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from lookout.contract import ContractFile
from lookout.contract.columns import code, code_list, date, datetime, dmy_date, flag, identifier, text, text_list
from lookout.warehouse.row_checks import RowChecker

FILE = ContractFile("police", "example", (
    identifier("id", required=True), date("d"), dmy_date("dmy"), datetime("ts"), flag("f"),
    code("c", frozenset({"missing_person", "other"})), code("dfe", frozenset({"I", "C1", "/"})),
    code_list("cl", frozenset({"sti_test", "treatment"})), text_list("tl"), text("t"),
), key=("id",), description="test file")
NAMES = ["id", "d", "dmy", "ts", "f", "c", "dfe", "cl", "tl", "t"]
VALID = {"id": "1", "d": "2012-03-04", "dmy": "04/03/2012", "ts": "2012-03-04T21:40:00", "f": "Y",
         "c": "other", "dfe": "/", "cl": "sti_test", "tl": "a", "t": "free text"}


def _check(row: dict[str, str]) -> dict:
    """The typed row when valid, else its quarantine entry (as `_problem...` keys)."""
    values = {name: [row.get(name, "")] for name in NAMES}
    batch = pa.RecordBatch.from_pydict({**values, "_line": [2]})
    checker = RowChecker(FILE, NAMES, source="s", load_id="l")
    valid, rejected, _ = checker.check(batch)
    if rejected:
        (entry,) = rejected
        return {"_problem": entry["reason"], "_problem_column": entry["column_name"],
                "_problem_value": entry["value"], "_line": entry["line"]}
    return valid.to_pylist()[0] | {"_problem": None}


def test_a_valid_row_is_typed() -> None:
    row = _check(VALID | {"f": "true", "cl": " sti_test ; treatment ;", "tl": "x; y", "c": "OTHER"})
    assert row["_problem"] is None
    assert row["d"] == dt.date(2012, 3, 4) and row["dmy"] == dt.date(2012, 3, 4)
    assert row["ts"] == dt.datetime(2012, 3, 4, 21, 40)
    assert row["f"] is True
    assert row["cl"] == ["sti_test", "treatment"] and row["tl"] == ["x", "y"]
    assert row["c"] == "other"
    assert row["_source"] == "s" and row["_load_id"] == "l" and row["_line"] == 2


@pytest.mark.parametrize("value, expected", [
    ("2012-03-04", dt.datetime(2012, 3, 4)), ("2012-03-04 09:05", dt.datetime(2012, 3, 4, 9, 5)),
    ("2012-03-04T09:05:06.5", dt.datetime(2012, 3, 4, 9, 5, 6, 500000)),
])
def test_datetime_forms(value: str, expected: dt.datetime) -> None:
    assert _check(VALID | {"ts": value})["ts"] == expected


@pytest.mark.parametrize("column, value, words", [
    ("id", "  ", "id is blank but every row needs one"),
    ("d", "2012-02-30", "'2012-02-30' is not a real date written YYYY-MM-DD"),
    ("d", "04/03/2012", "written YYYY-MM-DD"),
    ("d", "2012-3-4", "written YYYY-MM-DD"),
    ("dmy", "31/04/2012", "written DD/MM/YYYY"),
    ("dmy", "2012-04-03", "written DD/MM/YYYY"),
    ("ts", "2012-13-01T10:00:00", "not a real date and time"),
    ("f", "maybe", "'maybe' is not Y or N"),
    ("c", "theft", "'theft' is not a known value"),
    ("dfe", "c1x", "is not a known value"),
    ("cl", "sti_test;massage", "holds a value that is not known"),
])
def test_each_broken_rule_is_named(column: str, value: str, words: str) -> None:
    row = _check(VALID | {column: value})
    assert words in row["_problem"]
    assert row["_problem_column"] == column
    assert row["_problem_value"] == value.strip() and row["_line"] == 2


def test_codes_follow_their_vocabulary_case() -> None:
    assert _check(VALID | {"dfe": "c1"})["dfe"] == "C1"
    assert _check(VALID | {"c": "Missing_Person"})["c"] == "missing_person"


def test_blank_optional_values_are_not_recorded_not_errors() -> None:
    row = _check({"id": "9"})
    assert row["_problem"] is None
    assert row["d"] is None and row["f"] is None and row["cl"] == [] and row["t"] is None


def test_every_problem_is_listed() -> None:
    row = _check(VALID | {"d": "x", "f": "x"})
    assert row["_problem"].count(";") == 1 and row["_problem_column"] == "d"


def _warned(row: dict[str, str], *, latest: str) -> tuple[dict, list[dict]]:
    values = {name: [row.get(name, "")] for name in NAMES}
    batch = pa.RecordBatch.from_pydict({**values, "_line": [7]})
    valid, rejected, warned = RowChecker(FILE, NAMES, source="s", load_id="l", latest=latest).check(batch)
    assert rejected == []
    return valid.to_pylist()[0], warned


def test_a_date_after_the_extract_is_kept_and_warned_about() -> None:
    row, warned = _warned(VALID | {"ts": "2014-01-05T10:00:00"}, latest="2013-02-01")
    assert row["ts"] == dt.datetime(2014, 1, 5, 10, 0)
    assert [(w["line"], w["column_name"], w["value"]) for w in warned] == [(7, "ts", "2014-01-05T10:00:00")]
    assert "after the extract was taken (2013-02-01)" in warned[0]["reason"]
    assert "kept as written" in warned[0]["reason"]


def test_a_date_before_1900_is_warned_about() -> None:
    _, warned = _warned(VALID | {"d": "1850-06-01"}, latest="2013-02-01")
    assert [w["column_name"] for w in warned] == ["d"] and "before 1900" in warned[0]["reason"]


def test_a_date_of_birth_that_cannot_be_is_left_blank_and_the_row_kept() -> None:
    from lookout.contract import FILES_BY_KIND

    nominals = next(f for f in FILES_BY_KIND["police"] if f.name == "nominals")
    names = list(nominals.column_names)
    batch = pa.RecordBatch.from_pydict({**{n: [""] for n in names}, "nominal_id": ["N1"],
                                        "dob": ["2099-05-01"], "_line": [3]})
    valid, rejected, warned = RowChecker(nominals, names, source="s", load_id="l",
                                         latest="2013-02-01").check(batch)
    assert rejected == [] and valid.num_rows == 1 and valid.to_pylist()[0]["dob"] is None
    assert warned[0]["column_name"] == "dob" and "left blank" in warned[0]["reason"]
