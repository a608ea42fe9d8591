"""Detection rules on small hand-made graphs (no database)."""

from __future__ import annotations

from lookout.networks.detect import CROWDED, detect_networks, find_ties, crowded_objects
from lookout.networks.graph import from_rows


def _graph(edges, people):
    """`edges`: (a, b[, weight]); `people`: name -> kind (child_at_risk, child_of_concern,
    child, adult) with an optional surname after a slash."""
    rows = [(a, b, rest[0] if rest else 1.0, 1) for a, b, *rest in edges]
    typed = {}
    for name, kind in people.items():
        kind, _, surname = kind.partition("/")
        level = {"child_at_risk": "high", "child_of_concern": "low"}.get(kind)
        typed[f"person:{name}"] = (kind, level, [surname] if surname else [])
    return from_rows([(f"person:{a}" if ":" not in a else a, f"person:{b}" if ":" not in b else b, w, o)
                      for a, b, w, o in rows], typed)


def _roles(ng, network):
    return {ng.graph.vs[v]["name"]: role for v, role in network.roles.items()}


def test_an_adult_tied_to_two_children_at_risk_is_a_network():
    ng = _graph([("M1", "C1"), ("M1", "C2"), ("M2", "C3")],
                {"M1": "adult", "M2": "adult", "C1": "child_at_risk", "C2": "child_at_risk",
                 "C3": "child_at_risk"})
    [network] = detect_networks(ng)
    assert "adult_with_children_at_risk" in network.rules
    assert _roles(ng, network) == {"person:M1": "suspected_offender", "person:C1": "child_at_risk",
                                   "person:C2": "child_at_risk"}


def test_an_adult_tied_to_one_child_at_risk_is_no_network():
    ng = _graph([("M1", "C1"), ("M1", "K1")],
                {"M1": "adult", "C1": "child_at_risk", "K1": "child"})
    assert detect_networks(ng) == []


def test_a_child_of_concern_counts_only_beside_a_child_at_risk():
    beside = _graph([("M1", "C1"), ("M1", "L1")],
                    {"M1": "adult", "C1": "child_at_risk", "L1": "child_of_concern"})
    [network] = detect_networks(beside)
    assert _roles(beside, network)["person:L1"] == "associate"
    alone = _graph([("M1", "L1"), ("M1", "L2")],
                   {"M1": "adult", "L1": "child_of_concern", "L2": "child_of_concern"})
    assert detect_networks(alone) == []


def test_a_shared_place_ties_an_adult_to_a_child_and_joins_the_network():
    ng = _graph([("M1", "location:OX1 1AA"), ("C1", "location:OX1 1AA"), ("M1", "C2")],
                {"M1": "adult", "C1": "child_at_risk", "C2": "child_at_risk"})
    [network] = detect_networks(ng)
    roles = _roles(ng, network)
    assert roles["location:OX1 1AA"] == "place" and roles["person:C1"] == "child_at_risk"
    tie = next(t for t in network.ties if ng.graph.vs[t.child]["name"] == "person:C1")
    assert ng.graph.vs[tie.via]["name"] == "location:OX1 1AA"


def test_family_ties_do_not_make_a_suspect():
    ng = _graph([("F1", "C1"), ("F1", "C2")],
                {"F1": "adult/SMITH", "C1": "child_at_risk/SMITH", "C2": "child_at_risk/SMITH"})
    assert detect_networks(ng) == []


def test_a_crowded_place_ties_no_one():
    edges = [("M1", "location:OX1 1AA"), ("C1", "location:OX1 1AA"), ("C2", "location:OX1 1AA")]
    people = {"M1": "adult", "C1": "child_at_risk", "C2": "child_at_risk"}
    for i in range(CROWDED):
        edges.append((f"X{i}", "location:OX1 1AA"))
        people[f"X{i}"] = "adult"
    ng = _graph(edges, people)
    assert crowded_objects(ng) == {ng.graph.vs.find(name="location:OX1 1AA").index}
    assert detect_networks(ng) == []


def test_a_community_of_children_at_risk_around_adults_is_a_network():
    # Two adults each tied to one child at risk, but all four meet repeatedly in one group
    # (e.g. named together in intelligence): no adult has two children, the community does.
    edges = [("M1", "C1", 3.0), ("M2", "C2", 3.0), ("M1", "M2", 3.0), ("C1", "C2", 3.0),
             ("M1", "vehicle:AB12CDE", 2.0), ("M2", "vehicle:AB12CDE", 2.0),
             ("Z1", "Z2"), ("Z2", "C9"), ("Z9", "C9")]
    people = {"M1": "adult", "M2": "adult", "C1": "child_at_risk", "C2": "child_at_risk",
              "Z1": "adult", "Z2": "adult", "Z9": "adult", "C9": "child_at_risk"}
    for i in range(30):  # elsewhere in the county, many people around another child
        edges.append((f"Y{i}", "Z2" if i % 2 else "Z9", 3.0))
        people[f"Y{i}"] = "adult"
    ng = _graph(edges, people)
    [network] = detect_networks(ng)
    assert network.rules == {"community"}
    roles = _roles(ng, network)
    assert roles["person:C1"] == roles["person:C2"] == "child_at_risk"
    assert roles["person:M1"] == roles["person:M2"] == "suspected_offender"
    assert roles["vehicle:AB12CDE"] == "vehicle"
    assert "person:C9" not in roles


def test_an_adult_shared_by_two_groups_of_children_is_a_bridge():
    ng = _graph([("M1", "C1"), ("M1", "C2"), ("M2", "C3"), ("M2", "C4"), ("B1", "C1"), ("B1", "C3")],
                {"M1": "adult", "M2": "adult", "B1": "adult", "C1": "child_at_risk",
                 "C2": "child_at_risk", "C3": "child_at_risk", "C4": "child_at_risk"})
    [network] = detect_networks(ng)
    assert "bridge" in network.rules
    assert {ng.graph.vs[v]["name"] for v in network.bridges} == {"person:B1"}
    assert len(network.with_role("child_at_risk")) == 4


def test_a_child_tied_to_a_suspected_offender_becomes_an_associate():
    ng = _graph([("M1", "C1"), ("M1", "C2"), ("M1", "K1")],
                {"M1": "adult", "C1": "child_at_risk", "C2": "child_at_risk", "K1": "child"})
    [network] = detect_networks(ng)
    assert _roles(ng, network)["person:K1"] == "associate"


def test_stronger_networks_score_higher():
    weak = detect_networks(_graph([("M1", "C1", 0.5), ("M1", "C2", 0.5)],
                                  {"M1": "adult", "C1": "child_at_risk", "C2": "child_at_risk"}))[0]
    strong = detect_networks(_graph([("M1", "C1", 3.0), ("M1", "C2", 2.0), ("M1", "C3", 1.0)],
                                    {"M1": "adult", "C1": "child_at_risk", "C2": "child_at_risk",
                                     "C3": "child_at_risk"}))[0]
    assert strong.score == 6.0 and weak.score == 1.0


def test_ties_prefer_a_direct_edge_to_a_shared_object():
    ng = _graph([("M1", "C1", 0.2), ("M1", "phone:+447700900001", 5.0), ("C1", "phone:+447700900001", 5.0)],
                {"M1": "adult", "C1": "child_at_risk"})
    ties = find_ties(ng, [ng.graph.vs.find(name="person:C1").index], set())
    [tie] = ties[ng.graph.vs.find(name="person:M1").index].values()
    assert tie.via is None
