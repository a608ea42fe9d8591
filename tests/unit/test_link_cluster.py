"""Clustering with cannot-link constraints, and person ids that stay put (lookout.link.cluster)."""

from __future__ import annotations

import pytest

from lookout.link.cluster import Edge, assign_person_ids, cluster
from lookout.link.identity import Identity, Name, dates_within_a_slip, jaro_winkler, names_alike


def _groups(clusters: dict[str, int]) -> set[frozenset[str]]:
    by: dict[int, set[str]] = {}
    for record, number in clusters.items():
        by.setdefault(number, set()).add(record)
    return {frozenset(g) for g in by.values()}


def test_links_join_records_transitively():
    found = cluster(["a", "b", "c", "d"], [Edge("a", "b", 0.999), Edge("b", "c", 0.995)], set())
    assert _groups(found.numbers) == {frozenset("abc"), frozenset("d")}
    assert found.best == {"a": 0.999, "b": 0.999, "c": 0.995}


def test_a_cannot_link_pair_is_never_chained_through_a_third_record():
    # twin A's school record (a), twin B's school record (c), an A&E record (b) that looks like
    # both: the stronger link wins and the weaker one is dropped
    found = cluster(["a", "b", "c"], [Edge("a", "b", 0.9999), Edge("b", "c", 0.995)],
                    {("a", "c")})
    assert _groups(found.numbers) == {frozenset("ab"), frozenset("c")}


def test_constraints_hold_between_whole_clusters():
    edges = [Edge("a", "b", 0.999), Edge("c", "d", 0.999), Edge("b", "c", 0.99)]
    found = cluster(list("abcd"), edges, {("a", "d")})
    assert _groups(found.numbers) == {frozenset("ab"), frozenset("cd")}


def test_edges_to_unknown_records_are_ignored():
    found = cluster(["a"], [Edge("a", "zz", 0.999)], set())
    assert _groups(found.numbers) == {frozenset("a")}


def test_conflicting_identities_keep_clusters_apart_though_no_pair_across_them_was_scored():
    # two children of one name and birthday in two counties, each with a school record (UPNs
    # differ); a police record links to one, an A&E record to the other, and a weaker link
    # joins the police and A&E records. No pair across the schools was ever scored.
    identities = {"school1": Identity(upn="A123456789012"), "school2": Identity(upn="B987654321098")}
    edges = [Edge("police", "school1", 0.99999, 16.0), Edge("ae", "school2", 0.99999, 16.0),
             Edge("police", "ae", 0.999, 10.0)]
    found = cluster(["ae", "police", "school1", "school2"], edges, set(), identities)
    assert _groups(found.numbers) == {frozenset({"police", "school1"}), frozenset({"ae", "school2"})}


def test_a_typing_slip_in_an_identifier_or_a_date_of_birth_is_no_conflict():
    identities = {"a": Identity(upn="A123456789012", dob="2008-03-14"),
                  "b": Identity(upn="A123456789013", dob="2008-14-03"),
                  "c": Identity(nhs_number="9434765919", dob="2008-03-15")}
    edges = [Edge("a", "b", 0.999, 10.0), Edge("b", "c", 0.999, 10.0)]
    assert _groups(cluster(list("abc"), edges, set(), identities).numbers) == {frozenset("abc")}


@pytest.mark.parametrize("a, b, slip", [
    ("2008-03-14", "2008-03-14", True), ("2008-03-14", "2008-03-15", True),
    ("2008-03-14", "2008-14-03", True), ("2008-03-14", "2008-04-13", False),
    ("1977-07-30", "2001-05-23", False), ("2008-03-14", "2008-30-14", True),
])
def test_dates_of_birth_within_a_slip(a, b, slip):
    assert dates_within_a_slip(a, b) is slip


def test_a_record_torn_between_two_different_people_joins_neither_and_goes_to_review():
    # a DOB-less police record links as strongly to two children born the same day with the
    # same name, kept apart by their NHS numbers
    identities = {"ae1": Identity(nhs_number="9434765919"), "ae2": Identity(nhs_number="9434765870")}
    edges = [Edge("ae1", "school1", 0.999999, 20.0), Edge("ae2", "school2", 0.999999, 20.0),
             Edge("police", "ae1", 0.9999, 15.0), Edge("police", "ae2", 0.9999, 14.5)]
    found = cluster(["ae1", "ae2", "police", "school1", "school2"], edges, set(), identities)
    assert _groups(found.numbers) == {frozenset({"ae1", "school1"}), frozenset({"ae2", "school2"}),
                                      frozenset({"police"})}
    assert {(e.left, e.right) for e in found.torn["police"]} == {("police", "ae1"), ("police", "ae2")}


def test_a_record_much_closer_to_one_person_is_not_torn():
    identities = {"ae1": Identity(nhs_number="9434765919"), "ae2": Identity(nhs_number="9434765870")}
    edges = [Edge("police", "ae1", 0.999999, 20.0), Edge("police", "ae2", 0.999, 10.0)]
    found = cluster(["ae1", "ae2", "police"], edges, set(), identities)
    assert _groups(found.numbers) == {frozenset({"ae1", "police"}), frozenset({"ae2"})}
    assert not found.torn


def test_a_link_a_person_accepted_overrides_conflicting_identities():
    identities = {"a": Identity(nhs_number="9434765919"), "b": Identity(nhs_number="9434765870")}
    found = cluster(["a", "b"], [Edge("a", "b", 1.0)], set(), identities)
    assert _groups(found.numbers) == {frozenset("ab")}


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


def test_one_persons_records_with_two_different_slips_stay_together():
    # 1997-06-07 on the school roll, 1991-06-07 and 1997-06-27 at A&E: each A&E date is one
    # slip from the school's, though two apart from each other
    identities = {"school": Identity(dob="1997-06-07"), "ae1": Identity(dob="1991-06-07"),
                  "ae2": Identity(dob="1997-06-27")}
    edges = [Edge("school", "ae1", 0.9999, 14.0), Edge("school", "ae2", 0.9999, 13.0)]
    found = cluster(["ae1", "ae2", "school"], edges, set(), identities)
    assert _groups(found.numbers) == {frozenset({"ae1", "ae2", "school"})}


def test_given_names_keep_clusters_apart_only_when_names_are_reliable():
    olivia, amelia = Name("olivia", "olivia", "walker"), Name("amelia", "amelia", "walker")
    identities = {"a": Identity(dob="2004-05-06", name=olivia), "b": Identity(dob="2004-05-06", name=amelia),
                  "c": Identity(dob="2004-05-06")}
    edges = [Edge("a", "c", 0.9999, 14.0), Edge("b", "c", 0.999, 10.0)]
    apart = cluster(list("abc"), edges, set(), identities, names=True)
    assert _groups(apart.numbers) == {frozenset("ac"), frozenset("b")}
    together = cluster(list("abc"), edges, set(), identities, names=False)
    assert _groups(together.numbers) == {frozenset("abc")}


def test_a_shared_nhs_number_overrides_different_given_names():
    identities = {"a": Identity(nhs_number="9434765919", name=Name("jade", "jade")),
                  "b": Identity(nhs_number="9434765919", name=Name("olivia", "olivia"))}
    found = cluster(["a", "b"], [Edge("a", "b", 0.9999, 14.0)], set(), identities, names=True)
    assert _groups(found.numbers) == {frozenset("ab")}


@pytest.mark.parametrize("x, y, alike", [
    (Name("katie", "katherine"), Name("kate", "katherine"), True),         # one name group
    (Name("jane", "jane", "smith", ("mary", "jane")), Name("mary", "mary", "smith", ("mary",)), True),
    (Name("smith", None, "joshua"), Name("joshua", None, "smith"), True),  # swapped
    (Name("kenneialy", None, "joshua"), Name("joshua", None, "kennealy"), True),  # swapped, misspelt
    (Name("amplia", None), Name("amelia", None), True),                    # a slip
    (Name("olivia", "olivia"), Name("amelia", "amelia"), False),
])
def test_names_alike(x, y, alike):
    assert names_alike(x, y) is alike


def test_jaro_winkler_agrees_with_duckdb():
    import duckdb

    con = duckdb.connect()
    for a, b in [("martha", "marhta"), ("dixon", "dicksonx"), ("amy", "ajy"), ("katie", "kaytee"),
                 ("jones", "johnson"), ("a", "b"), ("crate", "trace")]:
        expected = con.execute("SELECT jaro_winkler_similarity(?, ?)", [a, b]).fetchall()[0][0]
        assert jaro_winkler(a, b) == pytest.approx(expected, abs=1e-9), (a, b)
