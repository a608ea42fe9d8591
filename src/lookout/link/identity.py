"""What a record says about who it is, and when two groups of records cannot be one person.

Clustering asks, before it joins two clusters, whether their records carry identities that
no clerk's slip explains (`contradictions` lists the same tests as they apply to one pair):
- NHS numbers on both sides and none in common;
- UPNs on both sides and none within one character;
- dates of birth on both sides and none within a slip (the same, day and month swapped, or
  one character apart);
- in data whose names are reliable, given names on both sides and no two alike (the same
  name group, a given name shared, forename and surname swapped, or spellings as near as the
  comparison levels accept), unless an NHS number or UPN is shared.

Asking of clusters, not of pairs, does two things. Records never scored together are still
kept apart: two schools' records of two girls of one name and birthday are seldom blocked
together, but whatever would chain them through a police or A&E record is stopped. And one
person's records with two different slips (1997-06-07, 1991-06-07, 1997-06-27) stay together,
because each slip is within a slip of a date the cluster already holds.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

__all__ = ["Identity", "IdentitySets", "Name", "dates_within_a_slip", "jaro_winkler",
           "names_alike", "one_apart"]


@dataclass(frozen=True)
class Name:
    """A record's names, standardised as `link_records` holds them."""

    forename: str
    group: str | None = None
    surname: str | None = None
    given_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Identity:
    """What a record says about who it is that another record can contradict."""

    nhs_number: str | None = None
    upn: str | None = None
    dob: str | None = None
    name: Name | None = None


def one_apart(a: str, b: str) -> bool:
    """True when two strings differ by at most one substitution, insertion, deletion or
    transposition of neighbours (a Damerau-Levenshtein distance of at most one)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def dates_within_a_slip(a: str, b: str) -> bool:
    """Two ISO dates of birth a clerk's slip could explain: the same, day and month swapped, or
    one character apart (the comparison levels of `settings._dob`)."""
    if one_apart(a, b):
        return True
    year, month, day = a.split("-")
    return f"{year}-{day}-{month}" == b


def jaro_winkler(a: str, b: str) -> float:
    """Jaro-Winkler similarity (Winkler 1990), prefix scale 0.1 over at most four characters,
    as DuckDB's `jaro_winkler_similarity` and Splink's levels compute it."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    taken = [False] * len(b)
    matched_a = []
    for i, ch in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not taken[j] and b[j] == ch:
                taken[j] = True
                matched_a.append(ch)
                break
    if not matched_a:
        return 0.0
    matched_b = [b[j] for j in range(len(b)) if taken[j]]
    transpositions = sum(x != y for x, y in zip(matched_a, matched_b)) / 2
    m = len(matched_a)
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * 0.1 * (1 - jaro)


def names_alike(x: Name, y: Name) -> bool:
    """True when two records' given names could be one person's, by the comparison levels that
    are not "different given names": the same name or name group, a given name shared,
    forename and surname swapped (exactly or misspelt), one letter apart, or Jaro-Winkler at
    or above 0.8."""
    if x.forename == y.forename or (x.group and x.group == y.group):
        return True
    if set(x.given_names) & set(y.given_names):
        return True
    if x.surname and y.surname and (
            (x.forename == y.surname and x.surname == y.forename)
            or (jaro_winkler(x.forename, y.surname) >= 0.9
                and jaro_winkler(x.surname, y.forename) >= 0.9)):
        return True
    return one_apart(x.forename, y.forename) or jaro_winkler(x.forename, y.forename) >= 0.8


class IdentitySets:
    """The identities each cluster holds, kept as clusters merge. `names` says whether given
    names can rule a merge out (only in data whose names are reliable)."""

    def __init__(self, identities: dict[int, Identity], *, names: bool) -> None:
        self.check_names = names
        self.nhs: dict[int, set[str]] = defaultdict(set)
        self.upn: dict[int, set[str]] = defaultdict(set)
        self.dob: dict[int, set[str]] = defaultdict(set)
        self.names: dict[int, set[Name]] = defaultdict(set)
        for i, identity in identities.items():
            for values, value in ((self.nhs, identity.nhs_number), (self.upn, identity.upn),
                                  (self.dob, identity.dob), (self.names, identity.name)):
                if value:
                    values[i].add(value)

    def merge(self, into: int, other: int) -> None:
        """Cluster `other` has joined cluster `into`."""
        for values in (self.nhs, self.upn, self.dob, self.names):
            if other in values:
                values[into] |= values.pop(other)

    def conflict(self, left: tuple[int, ...], right: int) -> bool:
        """True when the clusters of `left`, taken together, and cluster `right` carry
        identities that cannot be one person's."""
        nhs, upn = self._union(self.nhs, left), self._union(self.upn, left)
        if (_none_alike(nhs, self.nhs.get(right), str.__eq__)
                or _none_alike(upn, self.upn.get(right), one_apart)
                or _none_alike(self._union(self.dob, left), self.dob.get(right), dates_within_a_slip)):
            return True
        if not self.check_names or nhs & self.nhs.get(right, set()) or upn & self.upn.get(right, set()):
            return False
        return _none_alike(self._union(self.names, left), self.names.get(right), names_alike)

    @staticmethod
    def _union(values: dict[int, set], roots: tuple[int, ...]) -> set:
        if len(roots) == 1:
            return values.get(roots[0], set())
        return set().union(*(values.get(root, set()) for root in roots))


def _none_alike(left: set | None, right: set | None, alike) -> bool:
    if not left or not right or left & right:
        return False
    return not any(alike(x, y) for x in left for y in right)
