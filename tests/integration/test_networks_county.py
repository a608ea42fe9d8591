"""Networks on a small simulated county: tables, evaluation, the network indicator, the
commands and export (linkage taken from the truth, so networks are measured on their own)."""

from __future__ import annotations

import csv

import pytest
from typer.testing import CliRunner

from lookout.chronology import build_chronology
from lookout.evaluate.flags import linkage_from_truth
from lookout.evaluate.networks import networks_section
from lookout.indicators import run_indicators
from lookout.link.entities import build_entities
from lookout.networks import run_networks
from lookout.runs import pipeline
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace


@pytest.fixture(scope="module")
def county(tmp_path_factory):
    from lookout.simulate import simulate_county

    root = tmp_path_factory.mktemp("county")
    simulate_county(root, children=3000, seed=5)
    ws = Workspace(root / "ws")
    pipeline.ingest(root / "drop", ws)
    con = open_warehouse(ws)
    linkage_from_truth(con, root / "truth")
    build_entities(con)
    build_chronology(con)
    run_indicators(con, ws, with_networks=False)
    report = run_networks(con)
    run_indicators(con, ws)
    con.execute("CHECKPOINT")
    con.close()
    yield ws, root, report


def _con(ws):
    return open_warehouse(ws, read_only=True)


def test_rings_are_recovered_without_false_networks(county):
    ws, root, report = county
    con = _con(ws)
    try:
        section = networks_section(con, root / "truth")
    finally:
        con.close()
    figures = section.figures
    assert report.networks >= 1 and figures["rings"] >= 1
    assert figures["rings_recovered"] >= 1, section.details
    assert figures["top_ten_false"] <= figures["top_ten_true"], section.details


def test_every_network_edge_is_traceable_to_records(county):
    ws, _, _ = county
    con = _con(ws)
    try:
        untraced = con.execute("""
            SELECT count(*) FROM result_network_edges e
            ANTI JOIN result_network_evidence v USING (network_id, a_type, a_key, b_type, b_key)""").fetchall()[0][0]
        unknown_sources = con.execute("""
            SELECT count(*) FROM result_network_evidence ANTI JOIN sources USING (source)""").fetchall()[0][0]
        roles = {r[0] for r in con.execute("SELECT DISTINCT role FROM result_networks").fetchall()}
        at_risk = con.execute("""
            SELECT count(*) FROM result_networks n JOIN result_flags_computed f
              ON n.entity_type = 'person' AND f.person_id = n.entity_key
            WHERE n.role = 'child_at_risk'""").fetchall()[0][0]
    finally:
        con.close()
    assert untraced == 0 and unknown_sources == 0
    assert {"child_at_risk", "suspected_offender"} <= roles
    assert roles <= {"child_at_risk", "suspected_offender", "associate", "place", "vehicle", "phone"}
    assert at_risk > 0


def test_children_in_networks_gain_the_network_indicator_with_their_path(county):
    ws, _, _ = county
    con = _con(ws)
    try:
        linked = con.execute("SELECT count(DISTINCT person_id) FROM result_network_links").fetchall()[0][0]
        evidence = con.execute("""
            SELECT e.person_id, e.source, e.record_id, e.event_id, l.path
            FROM result_flag_evidence e JOIN result_network_links l
              ON l.source = e.source AND l.record_id = e.record_id AND l.event_id = e.event_id
            WHERE e.indicator_id IN ('network_member', 'network_adult_linked_to_children_at_risk')""").fetchall()
    finally:
        con.close()
    assert linked > 0
    assert evidence, "no flag carries network evidence"
    assert all(" -[" in row[4] for row in evidence)



def test_network_evidence_counts_only_children_known_by_its_date(county):
    """Hindsight: a network indicator holds on a day only if the other children it counts were
    by then at medium or above (on the records then held) and tied to the adult."""
    ws, _, _ = county
    con = _con(ws)
    try:
        evidence = con.execute("""
            SELECT DISTINCT e.person_id, e.indicator_id, e.at, l.at, l.network_id
            FROM result_flag_evidence e JOIN result_network_links l
              ON l.person_id = e.person_id AND l.source = e.source AND l.record_id = e.record_id
             AND l.event_id = e.event_id
            WHERE e.indicator_id IN ('network_member', 'network_adult_linked_to_children_at_risk')""").fetchall()
        counted: dict[tuple, list] = {}
        for network, person, counts_for, other, known in con.execute(
                "SELECT network_id, person_id, counts_for, other_id, known_at FROM result_network_link_children").fetchall():
            counted.setdefault((network, person, counts_for), []).append((other, known))
        links = con.execute("""SELECT network_id, person_id, "at", children_at_risk_linked,
                                      network_children_at_risk FROM result_network_links""").fetchall()
        first_medium = dict(con.execute(
            "SELECT person_id, first_medium_at FROM result_flags_computed WHERE first_medium_at IS NOT NULL").fetchall())
        tie_days = con.execute("""
            SELECT c.other_id, c.known_at, min(e.first_at) FROM result_network_link_children c
            JOIN network_edges e ON c.other_id IN (e.a_key, e.b_key) GROUP BY ALL""").fetchall()
    finally:
        con.close()
    assert evidence, "the county should give some child network evidence"
    later = 0
    for network, person, path_at, adult_count, network_count in links:
        assert len(counted.get((network, person, "adult"), [])) == adult_count
        assert len(counted.get((network, person, "network"), [])) == network_count
        later += any(day > path_at for _, day in counted.get((network, person, "adult"), []))
    assert later, "the county should hold a link whose adult's other children became known after its path"
    for person, indicator, at, path_at, network in evidence:
        assert at >= path_at
        counts_for, needed = (("adult", 2) if indicator == "network_adult_linked_to_children_at_risk"
                              else ("network", 1))
        known = [other for other, day in counted.get((network, person, counts_for), []) if day <= at]
        assert len(known) >= needed, (person, indicator, at, counted)
        assert person not in known
    for other, known, first_met in tie_days:
        assert known.date() >= first_medium[other] and known >= first_met, other



def test_a_look_back_counts_a_network_child_only_once_known(county):
    """As of the day before the other children a network indicator needs became known, it does
    not hold; as of that day it does (the child's path itself was on record before)."""
    import datetime as dt

    ws, _, _ = county
    con = open_warehouse(ws)
    try:
        delayed = con.execute("""
            SELECT e.person_id, e.indicator_id, min(e.at) AS first_at
            FROM result_flag_evidence e JOIN result_network_links l
              ON l.person_id = e.person_id AND l.source = e.source AND l.record_id = e.record_id
             AND l.event_id = e.event_id
            WHERE e.indicator_id IN ('network_member', 'network_adult_linked_to_children_at_risk')
            GROUP BY e.person_id, e.indicator_id HAVING min(e.at) > min(l.at)
            ORDER BY e.indicator_id DESC, e.person_id LIMIT 1""").fetchall()
        assert delayed, "the county should hold a child whose network indicator waited for other children"
        person, indicator, first_at = delayed[0]

        def held(day: dt.date) -> bool:
            run_indicators(con, None, as_of=day, publish=False)
            return bool(con.execute("SELECT count(*) FROM asof_flag_evidence WHERE person_id = ? "
                                    "AND indicator_id = ?", [person, indicator]).fetchall()[0][0])

        assert not held(first_at.date() - dt.timedelta(days=1))
        assert held(first_at.date())
    finally:
        con.close()


def test_commands_list_explain_draw_and_export(county, tmp_path):
    from lookout.cli.main import app

    ws, _, _ = county
    runner = CliRunner()
    listed = runner.invoke(app, ["networks", "--workspace", str(ws.root)])
    assert listed.exit_code == 0, listed.output
    assert "N001" in listed.output
    svg, png = tmp_path / "n.svg", tmp_path / "n.png"
    shown = runner.invoke(app, ["network", "N001", "--workspace", str(ws.root),
                                "--svg", str(svg), "--png", str(png)])
    assert shown.exit_code == 0, shown.output
    assert "suspected_offender" in shown.output and "Paths from each child" in shown.output
    assert svg.read_text().startswith("<svg") and png.read_bytes()[:4] == b"\x89PNG"
    con = _con(ws)
    try:
        surnames = {r[0] for r in con.execute(
            "SELECT DISTINCT surname FROM person_records WHERE surname IS NOT NULL").fetchall()}
    finally:
        con.close()
    drawn = svg.read_text()
    assert not any(f">{name}<" in drawn or f" {name} " in drawn for name in surnames)
    missing = runner.invoke(app, ["network", "N999", "--workspace", str(ws.root)])
    assert missing.exit_code == 1 and "no network" in missing.output
    exported = runner.invoke(app, ["export", str(tmp_path / "out"), "--workspace", str(ws.root)])
    assert exported.exit_code == 0, exported.output
    with (tmp_path / "out" / "networks.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and set(rows[0]) == {"network_id", "entity_type", "entity_key", "role", "areas"}


def test_rerunning_gives_the_same_networks(county):
    ws, _, _ = county
    con = open_warehouse(ws)
    try:
        before = con.execute("SELECT * FROM result_networks ORDER BY ALL").fetchall()
        run_indicators(con, ws, with_networks=False)
        run_networks(con)
        run_indicators(con, ws)
        after = con.execute("SELECT * FROM result_networks ORDER BY ALL").fetchall()
    finally:
        con.close()
    assert before == after
