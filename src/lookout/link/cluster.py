"""From scored pairs to people: clustering with constraints, and person ids that stay put.

Links are added strongest first (Kruskal's order over a maximum spanning forest, by match
weight, which keeps ordering pairs whose probabilities have all rounded to 1.0), and a link is
skipped when it would put two records known to be different people in one cluster. Plain
connected components would let one weak chain merge twins; this is the constrained form
described by Wagstaff et al. (2001, "Constrained K-means", cannot-link constraints) applied to
the threshold clustering Splink uses (Splink docs, "Clustering"). Two clusters are known to be
different people when
- a pair across them is a cannot-link: a pair a reviewer rejected, a pair the model scored as
  certainly different, two records of one school's register;
- or their identities conflict (`lookout.link.identity`), whether or not any pair across them
  was scored: NHS numbers, UPNs, dates of birth or, in data whose names are reliable, given
  names with nothing alike across the two.

A group of records that links about as strongly to two clusters known to be different people
is torn between them: it joins neither, stays a person of its own, and the links it could not
follow go to review. A DOB-less police record of "Harriet Gibson" beside two Harriet Gibsons
born the same day in two counties is the familiar case: joined to either, one child's record
would be on the other's. A link a person accepted is always followed.

Person ids are carried forward: each earlier id goes to the new cluster holding most of its
records, and a cluster with no earlier id takes one derived from its smallest record, so the
same data gives the same ids on every run and on every engine.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from lookout.link.identity import Identity, IdentitySets

__all__ = ["Clusters", "Edge", "TORN_MARGIN", "assign_person_ids", "cluster"]

# A group is torn between two clusters when its strongest link to the second is within this
# many bits (a factor of four) of the link that would join it to the first.
TORN_MARGIN = 2.0


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
        """How strongly the link holds: its match weight, else the log-odds of its probability.
        Weights are rounded to a millionth of a bit: engines add a pair's field weights in
        different orders, and links that tie must tie on every engine."""
        if self.weight is not None:
            return round(self.weight, 6)
        if self.probability >= 1.0:
            return math.inf
        return math.log2(self.probability / (1.0 - self.probability))


@dataclass(frozen=True)
class Clusters:
    """The outcome of clustering: each record's cluster number, the best probability of a link
    that put it there, and the records of groups held apart because they link as strongly to
    two people known to be different (each with the links held back)."""

    numbers: dict[str, int]
    best: dict[str, float]
    torn: dict[str, list[Edge]] = field(default_factory=dict)


def cluster(records: list[str], edges: list[Edge], cannot_link: set[tuple[str, str]],
            identities: dict[str, Identity] | None = None, *, names: bool = False) -> Clusters:
    """Cluster `records` under the cannot-link constraints and the conflicts of their
    identities (`lookout.link.identity`; given names only when `names`)."""
    index = {record: i for i, record in enumerate(records)}
    parent = list(range(len(records)))
    members: dict[int, set[int]] = {}
    forbidden: dict[int, set[int]] = defaultdict(set)
    for a, b in cannot_link:
        if a in index and b in index:
            forbidden[index[a]].add(index[b])
            forbidden[index[b]].add(index[a])
    known = IdentitySets({index[r]: identity for r, identity in (identities or {}).items()
                          if r in index}, names=names)
    links: dict[int, list[tuple[int, Edge]]] = defaultdict(list)
    usable = [e for e in edges if e.left in index and e.right in index]
    for edge in usable:
        links[index[edge.left]].append((index[edge.right], edge))
        links[index[edge.right]].append((index[edge.left], edge))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def group(root: int) -> set[int]:
        return members.get(root, {root})

    def forbidden_between(left: tuple[int, ...], right: int) -> bool:
        right_members = group(right)
        return any(forbidden[m] & right_members for root in left for m in group(root)
                   if m in forbidden)

    def apart(root_a: int, root_b: int, accepted: bool = False) -> bool:
        if forbidden_between((root_a,), root_b):
            return True
        return not accepted and known.conflict((root_a,), root_b)

    def torn_between(root: int, joining: int, strength: float) -> list[Edge]:
        """The links of cluster `root` to a rival cluster it could join, about as strong as the
        link that would join it to `joining`, where joining `joining` would rule the rival
        out: empty when there is none. A rival that `root` itself bridges to `joining` (one
        person's records with two different slips, each within a slip of `root`'s) is none."""
        rivals: list[Edge] = []
        for member in group(root):
            for other, edge in links[member]:
                rival = find(other)
                if (rival not in (root, joining) and edge.strength >= strength - TORN_MARGIN
                        and not apart(root, rival)
                        and (forbidden_between((root, joining), rival)
                             or known.conflict((root, joining), rival))):
                    rivals.append(edge)
        return rivals

    best: dict[str, float] = {}
    held: set[int] = set()
    torn: dict[str, list[Edge]] = {}
    ordered = sorted(usable, key=lambda e: (-e.strength, min(e.left, e.right), max(e.left, e.right)))
    for edge in ordered:
        a, b = index[edge.left], index[edge.right]
        ra, rb = find(a), find(b)
        accepted = edge.probability >= 1.0 and edge.weight is None
        if ra != rb:
            if not accepted and (ra in held or rb in held):
                _hold(torn, records, group(ra) if ra in held else group(rb), edge)
                continue
            if apart(ra, rb, accepted):
                continue
            if not accepted:
                rivals = {side: torn_between(side, other, edge.strength)
                          for side, other in ((ra, rb), (rb, ra))}
                side = next((s for s in (ra, rb) if rivals[s]), None)
                if side is not None:
                    held.add(side)
                    for link in (edge, *rivals[side]):
                        _hold(torn, records, group(side), link)
                    continue
            if len(group(ra)) < len(group(rb)):
                ra, rb = rb, ra
            parent[rb] = ra
            members[ra] = group(ra) | members.pop(rb, {rb})
            known.merge(ra, rb)
            if rb in held:
                held.discard(rb)
                held.add(ra)
        for record in (edge.left, edge.right):
            best[record] = max(best.get(record, 0.0), edge.probability)
    return Clusters({record: find(i) for record, i in index.items()}, best, torn)


def _hold(torn: dict[str, list[Edge]], records: list[str], group: Iterable[int], edge: Edge) -> None:
    """Note a link held back from a torn group, under the group's record it touches."""
    inside = {records[i] for i in group}
    record = edge.left if edge.left in inside else edge.right
    if edge not in torn.setdefault(record, []):
        torn[record].append(edge)


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
