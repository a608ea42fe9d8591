"""One network, explained: its members and roles, every edge with the records behind it, and
each child's path to the network's adults. Pseudonymous throughout: people are named by
their Lookout person id, never by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

__all__ = ["EdgeEvidence", "NetworkExplanation", "explain_network", "path_step", "ranked_networks"]


@dataclass(frozen=True)
class EdgeEvidence:
    """One edge of a network and every record behind it."""

    a: str
    b: str
    occurrences: int
    weight: float
    kinds: list[str]
    records: list[tuple]   # (kind, source, event_id, a_record_id, b_record_id, seen_at)


@dataclass(frozen=True)
class NetworkExplanation:
    """Everything `lookout network ID` shows."""

    summary: dict
    members: list[tuple[str, str, str]]    # (entity_type, entity_key, role)
    edges: list[EdgeEvidence]
    paths: dict[str, list[str]]            # child person id -> steps, e.g. "person:P1 -[found_with]- person:P2"
    steps: dict[str, list[tuple[str, str, tuple[str, ...]]]] = field(default_factory=dict)
    # the same steps as (from, to, kinds), for views that rewrite them


def path_step(a: str, b: str, kinds) -> str:
    """One step of a child's path as `lookout network` prints it."""
    return f"{a} -[{', '.join(kinds)}]- {b}"


def _has_results(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables "
                            "WHERE table_name = 'result_network_summary'").fetchall()[0][0])


def ranked_networks(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every network's summary row, best first."""
    if not _has_results(con):
        raise ValueError("this workspace has no network results yet: run the pipeline (`lookout run`) first")
    cur = con.execute("SELECT * FROM result_network_summary ORDER BY rank")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def explain_network(con: duckdb.DuckDBPyConnection, network_id: str) -> NetworkExplanation:
    """The network's members, edges with their records, and children's paths."""
    summary = [n for n in ranked_networks(con) if n["network_id"] == network_id]
    if not summary:
        raise ValueError(f"there is no network {network_id!r}: `lookout networks` lists them")
    members = con.execute("""SELECT entity_type, entity_key, role FROM result_networks
                             WHERE network_id = ? ORDER BY role, entity_type, entity_key""",
                          [network_id]).fetchall()
    records: dict[tuple, list[tuple]] = {}
    for a_type, a_key, b_type, b_key, *rest in con.execute("""
            SELECT a_type, a_key, b_type, b_key, kind, source, event_id, a_record_id, b_record_id, seen_at
            FROM result_network_evidence WHERE network_id = ? ORDER BY seen_at, source, event_id""",
            [network_id]).fetchall():
        records.setdefault((a_type, a_key, b_type, b_key), []).append(tuple(rest))
    edges = [EdgeEvidence(f"{a_type}:{a_key}", f"{b_type}:{b_key}", occurrences, weight, list(kinds),
                          records.get((a_type, a_key, b_type, b_key), []))
             for a_type, a_key, b_type, b_key, occurrences, weight, kinds in con.execute("""
                 SELECT a_type, a_key, b_type, b_key, occurrences, weight, kinds
                 FROM result_network_edges WHERE network_id = ? ORDER BY weight DESC, a_type, a_key, b_type, b_key""",
                 [network_id]).fetchall()]
    steps: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for person_id, from_type, from_key, to_type, to_key, kinds in con.execute("""
            SELECT person_id, from_type, from_key, to_type, to_key, kinds FROM result_network_paths
            WHERE network_id = ? ORDER BY person_id, step""", [network_id]).fetchall():
        steps.setdefault(person_id, []).append((f"{from_type}:{from_key}", f"{to_type}:{to_key}", tuple(kinds)))
    paths = {pid: [path_step(*step) for step in person_steps] for pid, person_steps in steps.items()}
    return NetworkExplanation(summary[0], members, edges, paths, steps)
