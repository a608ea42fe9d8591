"""Suspected networks for the app: the ranked list and one network with its picture
(pseudonymous: person ids, VRMs, numbers and postcodes, never names).

A user kept to some agencies' records (`lookout.app.scope`) sees a network as those records
show it. A member is theirs to see when one of their records names it: a person with a
record in their extracts, or an entity at the end of an edge one of their records makes.
Every other member is "held by another agency" (its type and role stay, its key does not);
an edge none of their records makes keeps its place in the picture, with no kind, record or
event; paths are shown for the children they may see, in the same terms."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import duckdb

from lookout.app.scope import HELD_ELSEWHERE, Scope
from lookout.app.warehouse import WarehouseUnavailable, table_names
from lookout.networks.draw import write_svg
from lookout.networks.explain import (EdgeEvidence, NetworkExplanation, explain_network, path_step,
                                      ranked_networks)

__all__ = ["network_list", "network_picture", "one_network", "scoped_network"]


def network_list(con: duckdb.DuckDBPyConnection, scope: Scope) -> list[dict]:
    """Every network, best first; for a user kept to some agencies, only networks with a
    child of theirs, each as they may see it."""
    if "result_network_summary" not in table_names(con):
        raise WarehouseUnavailable("no networks yet: the networks stage has not run in this workspace")
    rows = ranked_networks(con)
    if not scope.limited:
        return rows
    mine = {r[0] for r in con.execute("""
        SELECT DISTINCT n.network_id FROM result_networks n JOIN result_linkage l
          ON n.entity_type = 'person' AND l.person_id = n.entity_key
        WHERE list_contains(?, l.source)""", [sorted(scope.sources)]).fetchall()}
    return [scoped_network(con, explain_network(con, r["network_id"]), scope).summary
            for r in rows if r["network_id"] in mine]


def one_network(con: duckdb.DuckDBPyConnection, network_id: str, scope: Scope) -> NetworkExplanation | None:
    """The network explained as `scope` may see it, or None if there is no such network."""
    if "result_network_summary" not in table_names(con):
        raise WarehouseUnavailable("no networks yet: the networks stage has not run in this workspace")
    try:
        network = explain_network(con, network_id)
    except ValueError:
        return None
    return scoped_network(con, network, scope)


def scoped_network(con: duckdb.DuckDBPyConnection, network: NetworkExplanation,
                   scope: Scope) -> NetworkExplanation:
    """`network` with what `scope` may not see replaced by "held by another agency"."""
    if not scope.limited:
        return network
    people = sorted(k for t, k, _ in network.members if t == "person")
    seen = {f"person:{p}" for (p,) in con.execute(
        "SELECT DISTINCT person_id FROM result_linkage WHERE list_contains(?, person_id) "
        "AND list_contains(?, source)", [people, sorted(scope.sources)]).fetchall()}
    records = {(e.a, e.b): [r for r in e.records if scope.sees(r[1])] for e in network.edges}
    for (a, b), mine in records.items():
        if mine:
            seen |= {a, b}
    alias: dict[str, str] = {}
    for entity_type, key, _ in network.members:
        name = f"{entity_type}:{key}"
        if name not in seen:
            alias[name] = f"{entity_type}:{HELD_ELSEWHERE} {len(alias) + 1}"
    shown = lambda name: alias.get(name, name)  # noqa: E731
    members = [(t, shown(f"{t}:{k}").split(":", 1)[1], role) for t, k, role in network.members]
    edges, kinds_between = [], {}
    for edge in network.edges:
        mine = records[(edge.a, edge.b)]
        kinds = sorted({r[0] for r in mine}) if mine else [HELD_ELSEWHERE]
        kinds_between[frozenset((edge.a, edge.b))] = tuple(kinds)
        edges.append(EdgeEvidence(shown(edge.a), shown(edge.b), len(mine),
                                  edge.weight if mine else 0.0, kinds, mine))
    steps = {pid: [(shown(a), shown(b), kinds_between.get(frozenset((a, b)), (HELD_ELSEWHERE,)))
                   for a, b, _ in person_steps]
             for pid, person_steps in network.steps.items() if f"person:{pid}" in seen}
    bridges = ";".join(shown(b) for b in (network.summary.get("bridges") or "").split(";") if b)
    return replace(network, summary={**network.summary, "bridges": bridges}, members=members,
                   edges=edges, steps=steps,
                   paths={pid: [path_step(*step) for step in s] for pid, s in steps.items()})


def network_picture(network: NetworkExplanation) -> str:
    """The network drawn as SVG markup (lookout.networks.draw's picture)."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_svg(network, Path(folder) / "network.svg")
        return path.read_text(encoding="utf-8")
