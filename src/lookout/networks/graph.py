"""The graph itself: `network_edges` loaded into igraph, with what each node is.

Each person node is one of:
- `child_at_risk`: flagged `medium` or `high` in `result_flags` (after overrides);
- `child_of_concern`: flagged `low` (SERAF's "mild risk" band: at risk, though less);
- `child`: another child (any record from a school, children's services or a clinic, which
  hold children only, or a date of birth making them under 18 on the run's date);
- `adult`: everyone else. Police hold no date of birth for many adults, so a person known
  only to the police and with none recorded is taken to be an adult, as the indicators do.

Family ties are kept apart: a child and an adult who share a surname on their records are
probably family (the same reading of "unrelated" the indicators use), so such a tie does not
make the adult a suspect, though it stays in the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import igraph

__all__ = ["NetworkGraph", "load_graph", "node_name"]

PERSON_KINDS = ("child_at_risk", "child_of_concern", "child", "adult")

_PEOPLE = """
    CREATE OR REPLACE TEMP TABLE nw_people AS
    WITH in_graph AS (
        SELECT a_key AS person_id FROM network_edges WHERE a_type = 'person'
        UNION SELECT b_key FROM network_edges WHERE b_type = 'person'),
    records AS (
        SELECT l.person_id, r.dob, upper(trim(r.surname)) AS surname, r.kind
        FROM result_linkage l JOIN person_records r USING (source, record_id)
        JOIN in_graph USING (person_id)),
    people AS (
        SELECT person_id, mode(dob) AS dob, list(DISTINCT surname) FILTER (WHERE surname IS NOT NULL)
                   AS surnames, bool_or(kind <> 'police') AS seen_by_children_services
        FROM records GROUP BY person_id)
    SELECT p.person_id, f.level,
           CASE WHEN f.level IN ('medium', 'high') THEN 'child_at_risk'
                WHEN f.level = 'low' THEN 'child_of_concern'
                WHEN p.seen_by_children_services THEN 'child'
                WHEN p.dob IS NOT NULL AND p.dob > CAST(? AS DATE) - INTERVAL 18 YEAR THEN 'child'
                ELSE 'adult' END AS kind,
           coalesce(p.surnames, []) AS surnames
    FROM people p LEFT JOIN result_flags f USING (person_id)"""


def node_name(entity_type: str, entity_key: str) -> str:
    """A node's name in the graph: `person:P000123`, `vehicle:AB12CDE`, ..."""
    return f"{entity_type}:{entity_key}"


@dataclass
class NetworkGraph:
    """The whole graph, and the attributes detection needs, by vertex index."""

    graph: igraph.Graph
    kinds: list[str]                 # child_at_risk, child, adult, vehicle, phone, location
    levels: dict[int, str] = field(default_factory=dict)
    surnames: dict[int, frozenset[str]] = field(default_factory=dict)

    def entity(self, vertex: int) -> tuple[str, str]:
        """(entity_type, entity_key) of a vertex."""
        entity_type, _, key = self.graph.vs[vertex]["name"].partition(":")
        return entity_type, key

    def is_person(self, vertex: int) -> bool:
        """Whether the vertex is a person (rather than a vehicle, phone or place)."""
        return self.kinds[vertex] in PERSON_KINDS

    def family(self, a: int, b: int) -> bool:
        """Whether two people share a surname on their records (probably family)."""
        return bool(self.surnames.get(a, frozenset()) & self.surnames.get(b, frozenset()))


def from_rows(edges: list[tuple[str, str, float, int]], people: dict[str, tuple[str, str | None, list[str]]],
              ) -> NetworkGraph:
    """A graph from `(node, node, weight, occurrences)` rows and `person node -> (kind, level,
    surnames)`; nodes other than people are typed by their name's prefix."""
    names = sorted({n for a, b, _, _ in edges for n in (a, b)} | set(people))
    index = {n: i for i, n in enumerate(names)}
    graph = igraph.Graph(n=len(names), edges=[(index[a], index[b]) for a, b, _, _ in edges])
    graph.vs["name"] = names
    graph.es["weight"] = [w for _, _, w, _ in edges]
    graph.es["occurrences"] = [o for _, _, _, o in edges]
    kinds, levels, surnames = [], {}, {}
    for i, name in enumerate(names):
        if name in people:
            kind, level, family_names = people[name]
            kinds.append(kind)
            if level:
                levels[i] = level
            surnames[i] = frozenset(family_names)
        else:
            kinds.append(name.partition(":")[0])
    return NetworkGraph(graph, kinds, levels, surnames)


def load_graph(con: duckdb.DuckDBPyConnection, as_of) -> NetworkGraph:
    """The graph of `network_edges`, with people typed from `result_flags` and their records."""
    con.execute(_PEOPLE, [as_of])
    people = {node_name("person", p): (kind, level, surnames) for p, level, kind, surnames in
              con.execute("SELECT person_id, level, kind, surnames FROM nw_people").fetchall()}
    edges = con.execute("""
        SELECT a_type || ':' || a_key, b_type || ':' || b_key, weight, occurrences
        FROM network_edges ORDER BY ALL""").fetchall()
    return from_rows(edges, people)
