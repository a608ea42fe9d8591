"""The link stage on a small simulated county, checked against the simulator's truth."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import pytest

from lookout.evaluate import evaluate
from lookout.link import link_workspace
from lookout.link.explain import explain_record
from lookout.link.people import resolve_people
from lookout.link.review import decisions_path, load_decisions, record_decision, review_queue
from lookout.runs import pipeline
from lookout.runs.export import export_results
from lookout.simulate import simulate_county
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Workspace]:
    root = tmp_path_factory.mktemp("link-county")
    simulate_county(root / "county", children=2000, seed=3)
    workspace = Workspace(root / "workspace")
    pipeline.ingest(root / "county" / "drop", workspace)
    link_workspace(workspace)
    return root / "county", workspace


def _copy(workspace: Workspace, tmp_path: Path) -> Workspace:
    shutil.copytree(workspace.root, tmp_path / "ws", ignore=shutil.ignore_patterns("tmp"))
    return Workspace(tmp_path / "ws")


def _ids(workspace: Workspace) -> dict[tuple[str, str], str]:
    con = open_warehouse(workspace, read_only=True)
    try:
        return {(s, r): p for s, r, p in con.execute(
            "SELECT source, record_id, person_id FROM result_linkage").fetchall()}
    finally:
        con.close()


def _truth(county: Path, name: str) -> list[dict[str, str]]:
    with (county / "truth" / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_person_record_gets_exactly_one_person_id(county) -> None:
    _, workspace = county
    con = open_warehouse(workspace, read_only=True)
    records = set(con.execute("SELECT source, record_id FROM person_records").fetchall())
    rows = con.execute("SELECT source, record_id, person_id, match_probability "
                       "FROM result_linkage").fetchall()
    assert {(s, r) for s, r, _, _ in rows} == records and len(rows) == len(records)
    assert all(re.fullmatch(r"P[0-9A-F]{11}", p) for _, _, p, _ in rows)
    assert all(p is None or 0.0 < p <= 1.0 for *_, p in rows)


def test_linkage_against_the_truth(county) -> None:
    county_dir, workspace = county
    figures = next(s for s in evaluate(workspace, county_dir) if s.name == "linkage").figures
    assert figures["records_evaluated"] > 0.99 * len(_truth(county_dir, "records.csv"))
    # a small county trains on little data; the county-scale targets are measured by
    # benchmarks/bench_linkage.py
    assert figures["precision"] >= 0.95
    assert figures["recall"] >= 0.93


def test_lookalike_children_are_never_merged_with_their_doubles(county) -> None:
    county_dir, workspace = county
    truth = {(r["source"], r["record_id"]): r["truth_id"] for r in _truth(county_dir, "records.csv")}
    lookalikes = {r["truth_id"] for r in _truth(county_dir, "decoys.csv")
                  if r["decoy_type"] == "lookalike"}
    people: dict[str, set[str]] = {}
    for record, person in _ids(workspace).items():
        if record in truth:
            people.setdefault(person, set()).add(truth[record])
    merged = {t for group in people.values() if len(group) > 1 for t in group} & lookalikes
    assert lookalikes and not merged


def test_two_records_of_a_school_or_council_extract_are_never_one_person(county) -> None:
    # Twins share a surname, a birthday and an address; their school and council each hold
    # two records, one per child, and that is what keeps them apart.
    _, workspace = county
    con = open_warehouse(workspace, read_only=True)
    shared = con.execute("""
        SELECT l.source, l.person_id, count(*) FROM result_linkage l
        JOIN sources s USING (source) WHERE s.kind IN ('education', 'social_care')
        GROUP BY ALL HAVING count(*) > 1""").fetchall()
    twins = con.execute("""
        SELECT count(*) FROM (SELECT source, surname, dob, postcode FROM person_records
        WHERE kind = 'education' GROUP BY ALL HAVING count(*) > 1)""").fetchall()[0][0]
    assert twins > 0 and shared == []


def test_the_model_is_saved_once_and_reused_with_the_same_ids(county, tmp_path) -> None:
    _, original = county
    workspace = _copy(original, tmp_path)
    before = _ids(workspace)
    report = link_workspace(workspace)
    assert not report.trained and report.model.name == "linkage-v1.json"
    assert sorted(p.name for p in (workspace.root / "models").iterdir()) == ["linkage-v1.json"]
    assert _ids(workspace) == before
    model = json.loads(report.model.path.read_text())
    assert model["lookout"]["records"] == len(before)
    assert "ethnic" not in json.dumps(model).lower()


def test_every_link_explains_itself_field_by_field(county) -> None:
    _, workspace = county
    con = open_warehouse(workspace, read_only=True)
    source, record_id = con.execute("""SELECT source_l, record_id_l FROM link_pairs
        WHERE band = 'link' ORDER BY pair_id LIMIT 1""").fetchall()[0]
    found = explain_record(con, workspace, source, record_id)
    con.close()
    prior = json.loads(sorted((workspace.root / "models").glob("*.json"))[-1].read_text())[
        "probability_two_random_records_match"]
    import math
    prior_weight = math.log2(prior / (1 - prior))
    link = found.links[0]
    assert link.same_person and {f.comparison for f in link.fields} >= {"forename", "dob"}
    # Fellegi-Sunter: the match weight is the prior's weight plus each field's weight
    assert sum(f.weight for f in link.fields) + prior_weight == pytest.approx(link.match_weight,
                                                                               abs=1e-6)
    assert all(f.level and not f.level.isdigit() for f in link.fields)


def test_a_rejection_splits_a_link_and_wins_on_every_later_run(county, tmp_path) -> None:
    _, original = county
    workspace = _copy(original, tmp_path)
    con = open_warehouse(workspace)
    pair_id, left, right = con.execute("""
        SELECT pair_id, unique_id_l, unique_id_r FROM link_pairs p
        WHERE band = 'link' AND (SELECT count(*) FROM link_pairs q WHERE q.band = 'link' AND
              q.unique_id_l IN (p.unique_id_l, p.unique_id_r)) = 1
          AND (SELECT count(*) FROM link_pairs q WHERE q.band = 'link' AND
              q.unique_id_r IN (p.unique_id_l, p.unique_id_r)) = 1
        ORDER BY pair_id LIMIT 1""").fetchall()[0]
    record_decision(workspace, con, pair_id, accept=False, by="A. Reviewer",
                    reason="different schools on the same day")
    resolve_people(con, workspace)
    con.close()
    split = lambda ids: ids[tuple(left.split("|", 1))] != ids[tuple(right.split("|", 1))]  # noqa: E731
    assert split(_ids(workspace))
    link_workspace(workspace)
    assert split(_ids(workspace))
    line = json.loads(decisions_path(workspace).read_text().splitlines()[0])
    assert line["decision"] == "reject" and line["by"] == "A. Reviewer" and line["at"].endswith("+00:00")


def test_an_acceptance_joins_a_review_pair_and_leaves_the_queue(county, tmp_path) -> None:
    _, original = county
    workspace = _copy(original, tmp_path)
    con = open_warehouse(workspace)
    queue = review_queue(con, workspace)
    assert queue, "a county of 2,000 children should leave some pairs for review"
    pair_id, _, sl, rl, sr, rr = queue[0]
    record_decision(workspace, con, pair_id, accept=True, by="B. Reviewer", reason="same NHS letter")
    resolve_people(con, workspace)
    assert pair_id not in {row[0] for row in review_queue(con, workspace)}
    con.close()
    ids = _ids(workspace)
    assert ids[(sl, rl)] == ids[(sr, rr)]
    assert len(load_decisions(workspace)) == 1
    with pytest.raises(ValueError, match="no scored pair"):
        con = open_warehouse(workspace)
        try:
            record_decision(workspace, con, "nosuchpair", accept=True, by="x", reason="y")
        finally:
            con.close()


def test_ids_hold_when_the_data_is_extended(county, tmp_path) -> None:
    county_dir, _ = county
    partial = tmp_path / "partial"
    shutil.copytree(county_dir / "drop", partial)
    shutil.rmtree(partial / "sexual-health")
    workspace = Workspace(tmp_path / "grown")
    pipeline.ingest(partial, workspace)
    link_workspace(workspace)
    before = _ids(workspace)
    pipeline.ingest(county_dir / "drop", workspace)
    link_workspace(workspace, retrain=True)
    after = _ids(workspace)
    kept = sum(after[record] == person for record, person in before.items())
    assert kept >= 0.99 * len(before)
    assert any(source == "sexual-health" for source, _ in after)


def test_entities_are_keyed_by_normalised_values(county) -> None:
    county_dir, workspace = county
    con = open_warehouse(workspace, read_only=True)
    phones = {r[0] for r in con.execute("SELECT phone FROM entity_phones").fetchall()}
    vrms = {r[0] for r in con.execute("SELECT vrm FROM entity_vehicles").fetchall()}
    con.close()
    assert phones and all(re.fullmatch(r"\+44\d{10}", p) for p in phones)
    assert vrms and all(re.fullmatch(r"[A-Z0-9]+", v) for v in vrms)
    ring_phones = {p for r in _truth(county_dir, "rings.csv") for p in r["phones"].split(";") if p}
    ring_vrms = {v.replace(" ", "") for r in _truth(county_dir, "rings.csv")
                 for v in r["vrms"].split(";") if v}
    assert phones & ring_phones and vrms & ring_vrms


def test_export_writes_linkage_csv_for_every_record(county, tmp_path) -> None:
    _, workspace = county
    con = open_warehouse(workspace, read_only=True)
    written = export_results(con, tmp_path / "results")
    records = con.execute("SELECT count(*) FROM person_records").fetchall()[0][0]
    con.close()
    assert written["linkage.csv"] == records
    with (tmp_path / "results" / "linkage.csv").open() as handle:
        assert handle.readline().strip() == "source,record_id,person_id,match_probability"


@pytest.mark.spark
@pytest.mark.slow
def test_spark_gives_the_same_people_as_duckdb(county, tmp_path) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the Spark engine needs Java")
    _, original = county
    workspace = _copy(original, tmp_path)
    duckdb_ids = _ids(workspace)
    con = open_warehouse(workspace)
    con.execute("DROP TABLE result_linkage")  # no ids to carry forward: Spark derives its own
    con.close()
    report = link_workspace(workspace, engine="spark")
    assert report.engine == "spark" and not report.trained
    spark_ids = _ids(workspace)
    assert spark_ids == duckdb_ids
