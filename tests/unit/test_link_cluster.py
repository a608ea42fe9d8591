"""Clustering with cannot-link constraints, and person ids that stay put (lookout.link.cluster)."""

from __future__ import annotations

from lookout.link.cluster import Edge, assign_person_ids, cluster


def _groups(clusters: dict[str, int]) -> set[frozenset[str]]:
    by: dict[int, set[str]] = {}
    for record, number in clusters.items():
        by.setdefault(number, set()).add(record)
    return {frozenset(g) for g in by.values()}


def test_links_join_records_transitively():
    clusters, best = cluster(["a", "b", "c", "d"], [Edge("a", "b", 0.999), Edge("b", "c", 0.995)],
                             set())
    assert _groups(clusters) == {frozenset("abc"), frozenset("d")}
    assert best == {"a": 0.999, "b": 0.999, "c": 0.995}


def test_a_cannot_link_pair_is_never_chained_through_a_third_record():
    # twin A's school record (a), twin B's school record (c), an A&E record (b) that looks like
    # both: the stronger link wins and the weaker one is dropped
    clusters, _ = cluster(["a", "b", "c"], [Edge("a", "b", 0.9999), Edge("b", "c", 0.995)],
                          {("a", "c")})
    assert _groups(clusters) == {frozenset("ab"), frozenset("c")}


def test_constraints_hold_between_whole_clusters():
    edges = [Edge("a", "b", 0.999), Edge("c", "d", 0.999), Edge("b", "c", 0.99)]
    clusters, _ = cluster(list("abcd"), edges, {("a", "d")})
    assert _groups(clusters) == {frozenset("ab"), frozenset("cd")}


def test_edges_to_unknown_records_are_ignored():
    clusters, _ = cluster(["a"], [Edge("a", "zz", 0.999)], set())
    assert _groups(clusters) == {frozenset("a")}


def test_fresh_ids_are_derived_from_the_smallest_record_and_repeat():
    clusters = {"x|2": 0, "x|1": 0, "y|9": 1}
    first = assign_person_ids(clusters, {})
    again = assign_person_ids({"x|1": 5, "x|2": 5, "y|9": 7}, {})
    assert first == again
    assert first["x|1"] == first["x|2"] != first["y|9"]
    assert first["x|1"].startswith("P") and len(first["x|1"]) == 12


def test_ids_carry_forward_when_a_cluster_grows():
    previous = {"x|1": "P_OLD_ONE", "x|2": "P_OLD_ONE", "y|9": "P_OLD_TWO"}
    ids = assign_person_ids({"x|1": 0, "x|2": 0, "z|3": 0, "y|9": 1, "w|4": 2}, previous)
    assert ids["x|1"] == ids["z|3"] == "P_OLD_ONE"
    assert ids["y|9"] == "P_OLD_TWO"
    assert ids["w|4"] not in {"P_OLD_ONE", "P_OLD_TWO"}


def test_on_a_merge_the_id_with_most_records_survives_and_the_other_retires():
    previous = {"a|1": "P_BIG", "a|2": "P_BIG", "b|1": "P_SMALL"}
    ids = assign_person_ids({"a|1": 0, "a|2": 0, "b|1": 0, "c|1": 1}, previous)
    assert set(ids[r] for r in ("a|1", "a|2", "b|1")) == {"P_BIG"}
    assert ids["c|1"] != "P_SMALL"  # a retired id is never given to someone else


def test_on_a_split_the_larger_part_keeps_the_id():
    previous = {"a|1": "P_ONE", "a|2": "P_ONE", "a|3": "P_ONE"}
    ids = assign_person_ids({"a|1": 0, "a|2": 1, "a|3": 1}, previous)
    assert ids["a|2"] == ids["a|3"] == "P_ONE"
    assert ids["a|1"] != "P_ONE"
