"""A network link counts only the children already known to be at risk and tied on each day:
the `network_link` fact has a row for each day its counts grew, so a look back never counts a
child who was flagged, or met the adult, later."""

from __future__ import annotations

import datetime as dt

import duckdb

from lookout.indicators.facts import FACT_SQL, fact_columns


def _ts(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _link_rows(links: list[tuple]) -> list[tuple]:
    con = duckdb.connect()
    con.execute("CREATE TABLE person_records (source VARCHAR, record_id VARCHAR, dob DATE)")
    con.execute("INSERT INTO person_records VALUES ('police_a', 'N1', DATE '2000-03-01')")
    con.execute("""CREATE TABLE ind_network_links (
        source VARCHAR, record_id VARCHAR, event_id VARCHAR, "at" TIMESTAMP,
        children_at_risk_linked INTEGER, network_children_at_risk INTEGER, cross_area BOOLEAN,
        linked_children STRUCT(person_id VARCHAR, known_at TIMESTAMP)[],
        network_children STRUCT(person_id VARCHAR, known_at TIMESTAMP)[])""")
    con.executemany("INSERT INTO ind_network_links VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", links)
    columns = ", ".join(f'"{c}"' for c in fact_columns("network_link"))
    return con.execute(f"""SELECT f.at, children_at_risk_linked, network_children_at_risk
                           FROM ({FACT_SQL['network_link']}) AS f({columns}) ORDER BY f.at""").fetchall()


def test_counts_grow_on_the_days_other_children_became_known():
    linked = [{"person_id": "P2", "known_at": _ts("2013-05-12 11:00")},
              {"person_id": "P3", "known_at": _ts("2013-07-29 16:02")}]
    network = [{"person_id": "P4", "known_at": _ts("2012-09-27 00:00")},
               {"person_id": "P5", "known_at": _ts("2013-01-11 16:34")}]
    rows = _link_rows([("police_a", "N1", "E1", _ts("2013-01-10 20:59"), 2, 2, False, linked, network)])
    assert rows == [
        (_ts("2013-01-10 20:59"), 0, 1),   # the path is on record; P4 was already at risk
        (_ts("2013-01-11 16:34"), 0, 2),
        (_ts("2013-05-12 11:00"), 1, 2),
        (_ts("2013-07-29 16:02"), 2, 2),   # only now is the adult tied to two other children at risk
    ]


def test_a_link_with_everyone_known_first_has_one_row_dated_by_its_path():
    known = [{"person_id": "P2", "known_at": _ts("2012-01-01 09:00")},
             {"person_id": "P3", "known_at": _ts("2012-02-01 09:00")}]
    rows = _link_rows([("police_a", "N1", "E1", _ts("2013-01-10 20:59"), 2, 2, True, known, known)])
    assert rows == [(_ts("2013-01-10 20:59"), 2, 2)]
