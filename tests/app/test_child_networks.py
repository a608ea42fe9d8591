"""A child's page names the other children at risk that the network indicators count, each
with the day it was known, so a network flag is traced to the children behind it."""

from __future__ import annotations

import duckdb

A = "analyst"


def test_a_child_in_a_network_shows_the_children_its_links_count(sqlite_deployment) -> None:
    county = sqlite_deployment.county
    con = duckdb.connect(str(county.workspace.warehouse_path), read_only=True)
    try:
        rows = con.execute("""
            SELECT person_id, network_id, counts_for, other_id, CAST(known_at AS DATE)
            FROM result_network_link_children
            WHERE person_id = (SELECT min(person_id) FROM result_network_link_children
                               WHERE counts_for = 'adult')""").fetchall()
    finally:
        con.close()
    assert rows, "the county should hold a child whose adult is tied to other children at risk"
    person = rows[0][0]
    client = sqlite_deployment.client(A)
    child = client.get(f"/api/children/{person}").json()
    shown = {(n["network_id"], key, c["person_id"], c["known_at"])
             for n in child["networks"] for key in ("same_adult", "same_network") for c in n[key]}
    expected = {(network, {"adult": "same_adult", "network": "same_network"}[kind], other, known.isoformat())
                for _, network, kind, other, known in rows}
    assert shown == expected
    page = client.get(f"/children/{person}").text
    assert "The adult is tied to other children at risk" in page
    assert all(f'href="/children/{other}"' in page for _, _, _, other, _ in rows)
