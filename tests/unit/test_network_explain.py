"""Explanation paths on small hand-made graphs: each child's steps to the network's adults."""

from __future__ import annotations

from lookout.networks.detect import detect_networks
from lookout.networks.graph import from_rows
from lookout.networks.stage import _rows


def _graph(edges, people):
    typed = {f"person:{n}": (k, {"child_at_risk": "high"}.get(k), []) for n, k in people.items()}
    name = lambda n: n if ":" in n else f"person:{n}"  # noqa: E731
    return from_rows([(name(a), name(b), w, 1) for a, b, w in edges], typed)


def test_each_child_gets_a_path_to_the_offender_it_is_most_strongly_tied_to():
    ng = _graph([("M1", "C1", 3.0), ("M1", "C2", 1.0), ("M2", "C1", 0.5), ("M2", "C2", 4.0)],
                {"M1": "adult", "M2": "adult", "C1": "child_at_risk", "C2": "child_at_risk"})
    members, summary, paths, _ = _rows(ng, detect_networks(ng))
    steps = {(p[1], p[2]): (p[3:7], p[7]) for p in paths}
    assert steps[("C1", 1)] == (("person", "C1", "person", "M1"), "M1")
    assert steps[("C2", 1)] == (("person", "C2", "person", "M2"), "M2")
    assert summary[0][:2] == ("N001", 1)
    assert ("N001", "person", "M1", "suspected_offender") in members


def test_a_path_through_a_place_has_two_steps_and_counts_the_other_children():
    ng = _graph([("C1", "location:OX4 1AA", 2.0), ("M1", "location:OX4 1AA", 2.0),
                 ("M1", "C2", 1.0), ("M1", "C3", 1.0)],
                {"M1": "adult", "C1": "child_at_risk", "C2": "child_at_risk", "C3": "child_at_risk"})
    _, _, paths, counted = _rows(ng, detect_networks(ng))
    c1 = [p for p in paths if p[1] == "C1"]
    assert [p[2:7] for p in c1] == [(1, "person", "C1", "location", "OX4 1AA"),
                                   (2, "location", "OX4 1AA", "person", "M1")]
    # the adult is tied to two other children at risk; the network holds two others
    assert {(p[8], p[9]) for p in c1} == {(2, 2)}
    # ... and each is named with the steps of its own tie, so the link can be dated by them
    c1_counts = sorted(c[2:] for c in counted if c[1] == "C1")
    assert c1_counts == [
        ("adult", "C2", "person", "C2", "person", "M1"), ("adult", "C3", "person", "C3", "person", "M1"),
        ("network", "C2", "person", "C2", "person", "M1"), ("network", "C3", "person", "C3", "person", "M1")]
    c2_counts = sorted(c[2:] for c in counted if c[1] == "C2" and c[3] == "C1")
    assert c2_counts == [
        ("adult", "C1", "location", "OX4 1AA", "person", "M1"), ("adult", "C1", "person", "C1", "location", "OX4 1AA"),
        ("network", "C1", "location", "OX4 1AA", "person", "M1"), ("network", "C1", "person", "C1", "location", "OX4 1AA")]


def test_networks_are_numbered_by_score():
    ng = _graph([("M1", "C1", 0.5), ("M1", "C2", 0.5), ("M2", "C3", 3.0), ("M2", "C4", 3.0)],
                {"M1": "adult", "M2": "adult", "C1": "child_at_risk", "C2": "child_at_risk",
                 "C3": "child_at_risk", "C4": "child_at_risk"})
    networks = sorted(detect_networks(ng), key=lambda n: -n.score)
    members, _, _, _ = _rows(ng, networks)
    assert ("N001", "person", "M2", "suspected_offender") in members
    assert ("N002", "person", "M1", "suspected_offender") in members
