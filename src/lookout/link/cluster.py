"""From scored pairs to people: clustering with constraints, and person ids that stay put.

Links are added strongest first (Kruskal's order over a maximum spanning forest, by match
weight, which keeps ordering pairs whose probabilities have all rounded to 1.0), and a link is
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
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

__all__ = ["Clusters", "Edge", "TORN_MARGIN", "assign_person_ids", "cluster"]


@dataclass(frozen=True)
class Edge:
    """A link between two records (unique ids) with the probability it carries, and its match
    weight when known (a person's acceptance has none: it outranks every model's link)."""

    left: str
    right: str
    probability: float
    weight: float | None = None

    @property
    def strength(self) -> float:
        """How strongly the link holds: its match weight, else the log-odds of its probability."""
        if self.weight is not None:
            return self.weight
        if self.probability >= 1.0:
            return math.inf
        return math.log2(self.probability / (1.0 - self.probability))


@dataclass(frozen=True)
class Clusters:
    """The outcome of clustering: each record's cluster number, the best probability of a link
    that put it there, and the records held apart because they link as strongly to two people
    known to be different (each with the links held back)."""

    numbers: dict[str, int]
    best: dict[str, float]
    torn: dict[str, list[Edge]]


# A record is torn between two people when its strongest link to the other is within this many
# bits (a factor of four) of its strongest link to its own.
TORN_MARGIN = 2.0


def cluster(records: list[str], edges: list[Edge],
            cannot_link: set[tuple[str, str]]) -> Clusters:
    """Cluster `records` under the cannot-link constraints.

    After the greedy pass, a record whose links reach a second cluster about as strongly as its
    own (within `TORN_MARGIN`), where nothing rules it out of that cluster directly, could be
    either person: a DOB-less police record of "Harriet Gibson" beside two Harriet Gibsons born
    the same day in two counties, kept apart by their UPNs. Joining it to either would put one
    child's record on the other's; it is held apart as a person of its own, and its links go to
    review. A link a person accepted is never held back."""
    first = _greedy(records, edges, cannot_link)
    torn = _torn(first, edges, cannot_link)
    if not torn:
        return first
    kept = [e for e in edges if e.left not in torn and e.right not in torn]
    second = _greedy(records, kept, cannot_link)
    return Clusters(second.numbers, second.best, torn)


def _greedy(records: list[str], edges: list[Edge], cannot_link: set[tuple[str, str]]) -> Clusters:
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
    ordered = sorted(edges, key=lambda e: (-e.strength, min(e.left, e.right), max(e.left, e.right)))
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
    return Clusters({record: find(i) for record, i in index.items()}, best, {})


def _torn(first: Clusters, edges: list[Edge],
          cannot_link: set[tuple[str, str]]) -> dict[str, list[Edge]]:
    numbers = first.numbers
    by_cluster: dict[int, set[str]] = defaultdict(set)
    for record, number in numbers.items():
        by_cluster[number].add(record)
    against: dict[str, set[str]] = defaultdict(set)
    for a, b in cannot_link:
        against[a].add(b)
        against[b].add(a)
    by_record: dict[str, list[Edge]] = defaultdict(list)
    for edge in edges:
        if edge.left in numbers and edge.right in numbers:
            by_record[edge.left].append(edge)
            by_record[edge.right].append(edge)
    torn: dict[str, list[Edge]] = {}
    for record, links in by_record.items():
        if any(e.probability >= 1.0 for e in links):
            continue  # a person accepted one of its links: it stays where they put it
        own = numbers[record]
        strongest: dict[int, float] = defaultdict(lambda: -math.inf)
        for edge in links:
            other = edge.right if edge.left == record else edge.left
            strongest[numbers[other]] = max(strongest[numbers[other]], edge.strength)
        own_strength = strongest.get(own, -math.inf)
        rivals = [n for n, strength in strongest.items()
                  if n != own and strength >= own_strength - TORN_MARGIN
                  and not against[record] & by_cluster[n]]
        if rivals:
            torn[record] = [e for e in links
                            if numbers[e.right if e.left == record else e.left] in (own, *rivals)]
    return torn


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
