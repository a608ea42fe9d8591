"""A network link counts only the children already known to be at risk and tied on each day:
`result_network_link_counts` has a row for each day a link's counts grew, so a look back
never counts a child who was flagged, or met the adult, later."""

from __future__ import annotations

import datetime as dt

import duckdb

from lookout.networks.stage import write_link_counts


def _ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _counts(path_at: str, children: list[tuple[str, str, str]]) -> list[tuple]:
    con = duckdb.connect()
    con.execute('CREATE TABLE result_network_links (network_id VARCHAR, person_id VARCHAR, "at" TIMESTAMP)')
    con.execute("INSERT INTO result_network_links VALUES ('N001', 'P1', ?)", [_ts(path_at)])
    con.execute("CREATE TABLE result_network_link_children (network_id VARCHAR, person_id VARCHAR, "
                "counts_for VARCHAR, other_id VARCHAR, known_at TIMESTAMP)")
    for counts_for, other, known in children:
        con.execute("INSERT INTO result_network_link_children VALUES ('N001', 'P1', ?, ?, ?)",
                    [counts_for, other, _ts(known)])
    write_link_counts(con)
    return con.execute("""SELECT known_at, children_at_risk_linked, network_children_at_risk
                          FROM result_network_link_counts ORDER BY known_at""").fetchall()


def test_counts_grow_on_the_days_other_children_became_known():
    rows = _counts("2013-01-10 20:59", [
        ("adult", "P2", "2013-05-12 11:00"), ("adult", "P3", "2013-07-29 16:02"),
        ("network", "P4", "2012-09-27 00:00"), ("network", "P5", "2013-01-11 16:34")])
    assert rows == [
        (_ts("2013-01-10 20:59"), 0, 1),   # the path is on record; P4 was already at risk
        (_ts("2013-01-11 16:34"), 0, 2),
        (_ts("2013-05-12 11:00"), 1, 2),
        (_ts("2013-07-29 16:02"), 2, 2),   # only now is the adult tied to two other children at risk
    ]


def test_a_link_whose_children_were_all_known_first_has_one_row_dated_by_its_path():
    rows = _counts("2013-01-10 20:59", [
        ("adult", "P2", "2012-01-01 09:00"), ("adult", "P3", "2012-02-01 09:00"),
        ("network", "P2", "2012-01-01 09:00"), ("network", "P3", "2012-02-01 09:00")])
    assert rows == [(_ts("2013-01-10 20:59"), 2, 2)]


def test_a_link_that_counts_no_one_still_has_its_path_day():
    assert _counts("2013-01-10 20:59", []) == [(_ts("2013-01-10 20:59"), 0, 0)]
