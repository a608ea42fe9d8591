"""Finding suspected exploitation networks in the graph, by three rules.

1. `adult_with_children_at_risk`: an adult tied to two or more flagged children, at least one
   of them at risk (`medium` or `high`); the other may be a child of concern (`low`, SERAF's
   "mild risk" band), because the children a network has only begun to harm are the ones it
   most matters to find. A tie is an edge between them, or one shared vehicle, phone or place
   (a child found at an adult's address, in a car an adult was recorded with, named with an
   adult's phone). Two is where the serious case reviews start ("the same men around several
   children"; Oxfordshire 2015, Rochdale 2013); ties to family (shared surname) do not count.
2. `community`: igraph's Leiden communities (Traag, Waltman and van Eck 2019, modularity,
   weighted by how often and how recently nodes met), found on the graph within two steps of
   the children at risk (never the whole graph: on a graph without structure it is slow and
   meaningless), holding two or more flagged
   children, at least one at risk, and an adult tied to one of them.
3. `bridge`: networks from the first two rules that share a person are one network; a member
   whose removal would split it into groups that each hold an adult and a flagged child is a
   bridge between them (a ring reaching across an area boundary often shows as two groups
   joined by one man, one car or one flat).

Places, vehicles or phones recorded with more than `CROWDED` distinct people (a town-centre
street, a hospital, a police station) say nothing about who knows whom, so they never make a
tie and are left out of communities.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import igraph

from lookout.networks.graph import NetworkGraph

__all__ = ["CROWDED", "MIN_CHILDREN", "Network", "Tie", "detect_networks", "find_ties"]

MIN_CHILDREN = 2
CROWDED = 50
_FLAGGED = ("child_at_risk", "child_of_concern")
_OBJECT_ROLES = {"vehicle": "vehicle", "phone": "phone", "location": "place"}


@dataclass(frozen=True)
class Tie:
    """An adult and a child recorded together, directly or through one object (`via`)."""

    adult: int
    child: int
    via: int | None
    strength: float   # the weakest edge's recency weight along the tie
    flagged: bool = False  # whether the child is flagged (at risk or of concern)


@dataclass
class Network:
    """A suspected network: its members' roles, the rules that found it, its bridges."""

    roles: dict[int, str]
    rules: set[str] = field(default_factory=set)
    bridges: set[int] = field(default_factory=set)
    ties: list[Tie] = field(default_factory=list)
    score: float = 0.0

    def with_role(self, role: str) -> list[int]:
        """Members holding `role`, in vertex order."""
        return sorted(v for v, r in self.roles.items() if r == role)


def crowded_objects(ng: NetworkGraph, limit: int = CROWDED) -> set[int]:
    """Objects recorded with more than `limit` distinct people."""
    g = ng.graph
    return {v for v in range(g.vcount()) if not ng.is_person(v)
            and sum(ng.is_person(n) for n in g.neighbors(v)) > limit}


def find_ties(ng: NetworkGraph, children: list[int], crowded: set[int]) -> dict[int, dict[int, Tie]]:
    """adult -> child -> the strongest tie between them, for the given children; family
    (a shared surname) never makes a tie."""
    g = ng.graph
    ties: dict[int, dict[int, Tie]] = {}

    def keep(tie: Tie) -> None:
        if ng.family(tie.adult, tie.child):
            return
        best = ties.setdefault(tie.adult, {}).get(tie.child)
        if best is None or (best.via is not None, -best.strength) > (tie.via is not None, -tie.strength):
            ties[tie.adult][tie.child] = tie

    for child in children:
        flagged = ng.kinds[child] in _FLAGGED
        for edge in g.incident(child):
            other = g.es[edge].target if g.es[edge].source == child else g.es[edge].source
            weight = g.es[edge]["weight"]
            if ng.kinds[other] == "adult":
                keep(Tie(other, child, None, weight, flagged))
            elif not ng.is_person(other) and other not in crowded:
                for edge2 in g.incident(other):
                    adult = g.es[edge2].target if g.es[edge2].source == other else g.es[edge2].source
                    if ng.kinds[adult] == "adult":
                        keep(Tie(adult, child, other, min(weight, g.es[edge2]["weight"]), flagged))
    return ties


def _around(ng: NetworkGraph, seeds: list[int], crowded: set[int], steps: int = 2) -> list[int]:
    """Vertices within `steps` of the seeds, never passing through a crowded object."""
    seen, frontier = set(seeds), set(seeds)
    for _ in range(steps):
        frontier = {n for v in frontier for n in ng.graph.neighbors(v)
                    if n not in seen and n not in crowded}
        seen |= frontier
    return sorted(seen)


def communities(ng: NetworkGraph, at_risk: list[int], crowded: set[int], *, seed: int = 0) -> list[list[int]]:
    """Leiden communities (modularity, weighted) of the graph around the children at risk."""
    around = _around(ng, at_risk, crowded)
    sub = ng.graph.induced_subgraph(around)
    # igraph draws from Python's generator: a fixed one keeps re-runs identical.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        found = sub.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
    finally:
        igraph.set_random_number_generator(random)
    return [[around[v] for v in members] for members in found]


def detect_networks(ng: NetworkGraph, *, crowded_limit: int = CROWDED) -> list[Network]:
    """Every suspected network, members and roles assigned, best first (see `score`)."""
    crowded = crowded_objects(ng, crowded_limit)
    at_risk = [v for v, k in enumerate(ng.kinds) if k == "child_at_risk"]
    flagged = [v for v, k in enumerate(ng.kinds) if k in _FLAGGED]
    ties = find_ties(ng, flagged, crowded)
    candidates: list[tuple[set[int], str]] = []
    for adult, children in sorted(ties.items()):
        if _enough(ng, children):
            candidates.append(({adult, *children}, "adult_with_children_at_risk"))
    if at_risk:
        for members in communities(ng, at_risk, crowded):
            inside = set(members)
            kids = [v for v in members if ng.kinds[v] in _FLAGGED]
            adults = {a for a, children in ties.items() if a in inside and set(children) & set(kids)}
            if _enough(ng, kids) and adults:
                candidates.append(({*kids, *adults}, "community"))
    return [_complete(ng, group, rules, crowded) for group, rules in _merge(candidates)]


def _enough(ng: NetworkGraph, children) -> bool:
    """Two or more flagged children, at least one of them at risk."""
    return len(children) >= MIN_CHILDREN and any(ng.kinds[c] == "child_at_risk" for c in children)


def _merge(candidates: list[tuple[set[int], str]]) -> list[tuple[set[int], set[str]]]:
    """Union candidates that share a person."""
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holder: dict[int, int] = {}
    for i, (members, _) in enumerate(candidates):
        for v in sorted(members):
            if v in holder:
                parent[root(i)] = root(holder[v])
            else:
                holder[v] = i
    groups: dict[int, tuple[set[int], set[str]]] = {}
    for i, (members, rule) in enumerate(candidates):
        group = groups.setdefault(root(i), (set(), set()))
        group[0].update(members)
        group[1].add(rule)
    return sorted(groups.values(), key=lambda g: min(g[0]))


def _bridges(ng: NetworkGraph, members: set[int]) -> set[int]:
    """Adults and objects whose removal splits the group into two or more parts that each hold
    an adult and a flagged child: the one man, car, phone or flat joining two groups."""
    sub = ng.graph.induced_subgraph(sorted(members))
    order = sorted(members)
    found = set()
    for cut in sub.articulation_points():
        if ng.kinds[order[cut]] in _FLAGGED or ng.kinds[order[cut]] == "child":
            continue  # a bridge is a man, a car, a phone or a flat, never a child
        rest = sub.copy()
        rest.delete_vertices([cut])
        remaining = [v for v in order if v != order[cut]]
        groups = 0
        for part in rest.connected_components():
            kinds = {ng.kinds[remaining[v]] for v in part}
            groups += "adult" in kinds and bool(kinds & set(_FLAGGED))
        if groups >= 2:
            found.add(order[cut])
    return found


def _complete(ng: NetworkGraph, group: set[int], rules: set[str], crowded: set[int]) -> Network:
    """Roles for a group: its children at risk, the adults tied to its flagged children
    (suspected offenders when tied to enough of them for rule 1, or to any when none is),
    other children tied to a suspected offender (associates, as are children of concern),
    and the objects that tie them."""
    kids = sorted(v for v in group if ng.kinds[v] in _FLAGGED)
    ties = find_ties(ng, kids, crowded)
    strong = {a for a, children in ties.items() if _enough(ng, children)}
    offenders = strong or set(ties)
    roles = {v: "child_at_risk" if ng.kinds[v] == "child_at_risk" else "associate" for v in kids}
    kept: list[Tie] = []
    for adult, children in ties.items():
        roles[adult] = "suspected_offender" if adult in offenders else "associate"
        kept.extend(children.values())
    near = offenders | _via_of(ng, offenders, crowded)
    others = sorted({n for v in near for n in ng.graph.neighbors(v) if ng.kinds[n] == "child"})
    for adult, children in find_ties(ng, others, crowded).items():
        if adult in offenders:
            for tie in children.values():
                roles.setdefault(tie.child, "associate")
                kept.append(tie)
    for tie in kept:
        if tie.via is not None:
            roles[tie.via] = _OBJECT_ROLES[ng.kinds[tie.via]]
    # A vehicle, phone or place shared by two or more of the network's people is part of it.
    people = [v for v in roles if ng.is_person(v)]
    shared: dict[int, int] = {}
    for v in people:
        for n in set(ng.graph.neighbors(v)):
            if not ng.is_person(n) and n not in crowded:
                shared[n] = shared.get(n, 0) + 1
    for n, count in shared.items():
        if count >= 2:
            roles.setdefault(n, _OBJECT_ROLES[ng.kinds[n]])
    bridges = _bridges(ng, set(roles))
    if bridges:
        rules = rules | {"bridge"}
    network = Network(roles, rules, bridges, sorted(kept, key=lambda t: (t.child, t.adult)))
    network.score = score(network)
    return network


def _via_of(ng: NetworkGraph, adults: set[int], crowded: set[int]) -> set[int]:
    """Objects (not crowded) next to any of the adults."""
    return {n for a in adults for n in ng.graph.neighbors(a) if not ng.is_person(n) and n not in crowded}


def score(network: Network) -> float:
    """How strongly the network ties suspected offenders to flagged children: the sum, over
    every suspected offender and flagged child tied together, of the tie's recency-weighted
    strength (one meeting today counts 1, halving every six months), so more children, more
    offenders, repeated and recent meetings all rank a network higher."""
    offenders = set(network.with_role("suspected_offender"))
    return round(sum(t.strength for t in network.ties if t.adult in offenders and t.flagged), 4)
