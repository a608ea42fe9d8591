"""Weekly register counts: the same totals whatever the order, batching or repetition of marks."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

import pyarrow as pa
import pytest

from lookout.warehouse.attendance import WEEKLY_COUNTS, counted_as
from lookout.warehouse.register_marks import weekly_counts

CODES = ["/", "\\", "L", "U", "N", "O", "I", "C", "B", "#", "X", "D", "G"]


def _marks(rng: random.Random, n: int) -> list[dict]:
    start = dt.date(2011, 12, 26)  # weeks either side of a year's end; includes weekends
    return [{"upn": f"A{rng.randrange(30)}", "school_urn": rng.choice(["100001", "100002"]),
             "date": start + dt.timedelta(days=rng.randrange(40)), "session": rng.choice(["AM", "PM"]),
             "code": rng.choice(CODES)} for _ in range(n)]


def _reference(marks: list[dict]) -> dict[tuple, list[int]]:
    """Counts worked out mark by mark: [sessions bits, marks, possible, attended, ...]."""
    weeks: dict[tuple, list[int]] = defaultdict(lambda: [0] * (1 + len(WEEKLY_COUNTS)))
    for m in marks:
        monday = m["date"] - dt.timedelta(days=m["date"].weekday())
        week = weeks[(m["upn"], m["school_urn"], monday)]
        week[0] |= 1 << (m["date"].weekday() * 2 + (m["session"] == "PM"))
        for i, adds in enumerate((True, *counted_as(m["code"]))):
            week[1 + i] += int(adds)
    return dict(weeks)


def _summed(tables: list[pa.Table]) -> dict[tuple, list[int]]:
    weeks: dict[tuple, list[int]] = defaultdict(lambda: [0] * (1 + len(WEEKLY_COUNTS)))
    for row in pa.concat_tables(tables).to_pylist():
        week = weeks[(row["upn"], row["school_urn"], row["week_start"])]
        week[0] |= row["sessions"]
        for i, name in enumerate(WEEKLY_COUNTS):
            week[1 + i] += row[name]
    return dict(weeks)


def _batch(marks: list[dict], encoded: bool) -> pa.Table:
    table = pa.Table.from_pylist(marks, schema=pa.schema([
        ("upn", pa.string()), ("school_urn", pa.string()), ("date", pa.date32()),
        ("session", pa.string()), ("code", pa.string())]))
    if encoded:
        table = pa.table({name: (table[name].dictionary_encode() if name != "date" else table[name])
                          for name in table.column_names})
    return table


@pytest.mark.parametrize("order", ["pupil order", "any order"])
@pytest.mark.parametrize("encoded", [True, False])
def test_counts_match_counting_mark_by_mark_in_any_order_and_batching(order: str, encoded: bool) -> None:
    rng = random.Random(11)
    marks = _marks(rng, 6000)
    if order == "pupil order":
        marks.sort(key=lambda m: (m["upn"], m["school_urn"], m["date"], m["session"]))
    batches = [marks[i:i + 1700] for i in range(0, len(marks), 1700)]
    assert _summed([weekly_counts(_batch(b, encoded)) for b in batches]) == _reference(marks)


def test_a_week_with_more_marks_than_a_count_can_hold_is_counted_in_full() -> None:
    mark = {"upn": "A1", "school_urn": "100001", "date": dt.date(2012, 3, 5), "session": "AM", "code": "N"}
    marks = [mark] * 1300 + [mark | {"code": "/"}] * 3
    counts = weekly_counts(_batch(marks, True))
    assert _summed([counts]) == _reference(marks)
    assert len(set(counts["week_hash"].to_pylist())) == 1  # the parts are matched by their hash


def test_taking_marks_away_negates_their_counts() -> None:
    marks = _marks(random.Random(5), 300)
    added, removed = _summed([weekly_counts(_batch(marks, True))]), _summed(
        [weekly_counts(_batch(marks, True), sign=-1)])
    assert removed.keys() == added.keys()
    assert all(removed[k][0] == 0 and removed[k][1:] == [-v for v in added[k][1:]] for k in added)
