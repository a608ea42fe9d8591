"""From scored pairs to people: clustering with constraints, and person ids that stay put.

Links are added strongest first (Kruskal's order over a maximum spanning forest), and a link is
skipped when it would put two records known to be different people in one cluster: a pair a
reviewer rejected, or a pair the model scored as certainly different. Plain connected
components would let one weak chain merge twins; this is the constrained form described by
Wagstaff et al. (2001, "Constrained K-means", cannot-link constraints) applied to the
threshold clustering Splink uses (Splink docs, "Clustering").

Person ids are carried forward: each earlier id goes to the new cluster holding most of its
records, and a cluster with no earlier id takes one derived from its smallest record, so the
same data gives the same ids on every run and on every engine.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

__all__ = ["Edge", "assign_person_ids", "cluster"]


@dataclass(frozen=True)
class Edge:
    """A link between two records (unique ids) with the probability it carries."""

    left: str
    right: str
    probability: float


def cluster(records: list[str], edges: list[Edge],
            cannot_link: set[tuple[str, str]]) -> tuple[dict[str, int], dict[str, float]]:
    """Cluster `records`; return record -> cluster number and record -> the best probability of
    a link that put it in its cluster (records clustered by no link are absent)."""
    index = {record: i for i, record in enumerate(records)}
    parent = list(range(len(records)))
    members: dict[int, set[int]] = {}
    forbidden: dict[int, set[int]] = defaultdict(set)
    for a, b in cannot_link:
        if a in index and b in index:
            forbidden[index[a]].add(index[b])
            forbidden[index[b]].add(index[a])

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def blocked(root_a: int, root_b: int) -> bool:
        small, large = sorted((root_a, root_b), key=lambda r: len(members.get(r, (r,))))
        large_members = members.get(large, {large})
        return any(forbidden[m] & large_members for m in members.get(small, {small})
                   if m in forbidden)

    best: dict[str, float] = {}
    ordered = sorted(edges, key=lambda e: (-e.probability, min(e.left, e.right), max(e.left, e.right)))
    for edge in ordered:
        a, b = index.get(edge.left), index.get(edge.right)
        if a is None or b is None:
            continue
        ra, rb = find(a), find(b)
        if ra != rb:
            if blocked(ra, rb):
                continue
            if len(members.get(ra, {ra})) < len(members.get(rb, {rb})):
                ra, rb = rb, ra
            parent[rb] = ra
            members[ra] = members.get(ra, {ra}) | members.pop(rb, {rb})
        for record in (edge.left, edge.right):
            best[record] = max(best.get(record, 0.0), edge.probability)
    return {record: find(i) for record, i in index.items()}, best


def _derived_id(unique_id: str, attempt: int) -> str:
    text = unique_id if attempt == 0 else f"{unique_id}#{attempt}"
    return "P" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:11].upper()


def assign_person_ids(clusters: dict[str, int], previous: dict[str, str]) -> dict[str, str]:
    """Give every cluster a person id, carrying `previous` (record -> person id) forward."""
    by_cluster: dict[int, list[str]] = defaultdict(list)
    for record, number in clusters.items():
        by_cluster[number].append(record)
    smallest = {number: min(recs) for number, recs in by_cluster.items()}

    # Each earlier id goes to the cluster that now holds most of its records (ties: the cluster
    # with the smallest record); a cluster offered several keeps the one with most records.
    offers: dict[int, list[tuple[int, str]]] = defaultdict(list)
    held: dict[str, Counter] = defaultdict(Counter)
    for record, person in previous.items():
        if record in clusters:
            held[person][clusters[record]] += 1
    for person, counts in held.items():
        number = min(counts, key=lambda n: (-counts[n], smallest[n]))
        offers[number].append((counts[number], person))

    ids: dict[int, str] = {}
    taken: set[str] = set()
    for number in sorted(offers, key=lambda n: smallest[n]):
        count, person = min(offers[number], key=lambda o: (-o[0], o[1]))
        ids[number] = person
        taken.add(person)
    taken |= set(previous.values())  # an id once given to someone is never given to another
    for number in sorted(by_cluster, key=lambda n: smallest[n]):
        if number in ids:
            continue
        attempt = 0
        while (candidate := _derived_id(smallest[number], attempt)) in taken:
            attempt += 1
        ids[number] = candidate
        taken.add(candidate)
    return {record: ids[number] for record, number in clusters.items()}
