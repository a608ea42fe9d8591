"""A small historical drop (2004-2012, two police forces, children's services, schools, A&E,
a sexual health clinic, few identifiers) links each person whole and keeps look-alikes apart."""

from __future__ import annotations

import json

import pytest

from lookout.link.explain import explain_record
from lookout.runs import pipeline
from lookout.runs.report import load_report
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace
from tests.conftest import person_ids
from tests.historical_drop import LOOKALIKES, write_historical_drop


@pytest.fixture(scope="module")
def historical(tmp_path_factory):
    root = tmp_path_factory.mktemp("historical")
    people = write_historical_drop(root / "drop")
    workspace = Workspace(root / "ws")
    report = pipeline.run(root / "drop", workspace)
    ids = person_ids(workspace)
    return people, ids, workspace, report


def test_every_record_is_stored_and_linked(historical):
    people, ids, _, report = historical
    assert {record for records in people.values() for record in records} == set(ids)
    assert all(f.rows_quarantined == 0 for e in report.extracts for f in e.files)


@pytest.mark.parametrize("person", ["katie", "jade", "jade_telford", "chloe", "jessica", "hussain",
                                    "daniel_senior", "daniel_junior", "carter", "ellie"])
def test_each_person_is_linked_whole(historical, person):
    people, ids, _, _ = historical
    assert len({ids[record] for record in people[person]}) == 1, people[person]


@pytest.mark.parametrize("a, b, kind", LOOKALIKES)
def test_lookalikes_stay_apart(historical, a, b, kind):
    people, ids, _, _ = historical
    assert not {ids[r] for r in people[a]} & {ids[r] for r in people[b]}, kind


def test_the_girls_seven_records_are_explained_field_by_field(historical):
    people, ids, workspace, _ = historical
    con = open_warehouse(workspace, read_only=True)
    try:
        found = explain_record(con, workspace, "tvp-police", "N0007")   # "Katy MARSH", no birthday
    finally:
        con.close()
    assert set(found.members) == people["katie"]
    holding = [link for link in found.links if link.same_person and link.band == "link"]
    assert holding and all(link.fields for link in holding)
    fields = {f.comparison for link in holding for f in link.fields}
    assert {"forename", "surname", "address"} <= fields


def test_the_run_says_it_used_the_default_model_and_what_it_could_not_compare(historical):
    _, _, workspace, report = historical
    model = json.loads(report.link.model.path.read_text())["lookout"]
    assert model["kind"] in ("default", "mixed") and model["training"]["defaulted"]
    text = json.dumps(load_report(workspace))
    assert "NHS number not compared: no record has one" in text
    assert "default model" in text and "fewer than the 500 expectation maximisation needs" in text
