"""Look-alikes stay apart: twins, the same name and birthday elsewhere, father and son,
siblings (a labelled set of our own, `tests/lookalike_drop.py`)."""

from __future__ import annotations

import pytest

from lookout.link.explain import explain_record
from lookout.runs import pipeline
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace
from tests.conftest import person_ids
from tests.lookalike_drop import write_lookalike_drop


@pytest.fixture(scope="module", params=[1, 2])
def linked(request, tmp_path_factory):
    root = tmp_path_factory.mktemp(f"lookalikes-{request.param}")
    truth = write_lookalike_drop(root / "drop", seed=request.param)
    workspace = Workspace(root / "ws")
    pipeline.run(root / "drop", workspace)
    ids = person_ids(workspace)
    return truth, ids, workspace


def _person_ids(truth, ids, key):
    return {ids[record] for record in truth.people[key]}


def test_no_lookalike_pair_is_merged(linked):
    truth, ids, _ = linked
    kinds = {kind for _, _, kind in truth.lookalikes}
    assert kinds == {"twins", "same name and birthday elsewhere", "father and son", "siblings"}
    merged = [(a, b, kind) for a, b, kind in truth.lookalikes
              if _person_ids(truth, ids, a) & _person_ids(truth, ids, b)]
    assert merged == []


def test_lookalikes_are_kept_apart_without_splitting_everyone(linked):
    # keeping look-alikes apart must not come from refusing to link: each person's records
    # across school, A&E, police and clinic are still one person
    truth, ids, _ = linked
    pairs = [(a, b) for records in truth.people.values() for a in records for b in records if a < b]
    linked_pairs = sum(1 for a, b in pairs if ids[a] == ids[b])
    assert linked_pairs >= 0.95 * len(pairs)


def test_why_twins_are_apart_is_on_record(linked):
    # the twins' two school records were compared and kept apart, and the explanation says why
    truth, ids, workspace = linked
    a, b, _ = next(t for t in truth.lookalikes if t[2] == "twins")
    school_a = next(r for r in truth.people[a] if r[0].startswith("school"))
    school_b = next(r for r in truth.people[b] if r[0].startswith("school"))
    con = open_warehouse(workspace, read_only=True)
    try:
        found = explain_record(con, workspace, *school_a)
    finally:
        con.close()
    link = next((l for l in found.links if (l.other_source, l.other_record_id) == school_b), None)
    if link is not None:  # scored (their names may make the pair too weak to reach review)
        assert not link.same_person and link.band == "review" and link.kept_apart_because
