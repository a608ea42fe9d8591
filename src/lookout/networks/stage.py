"""The networks stage: build the graph, find suspected networks, rank and explain them, and
write the result tables.

- `result_networks`: the data contract's rows (network_id, entity_type, entity_key, role,
  areas), one per member;
- `result_network_summary`: one row per network: rank, score, counts, areas, whether it spans
  more than one area, the rules that found it and its bridges;
- `result_network_edges` and `result_network_evidence`: every edge between two members, and
  every record behind each (source, event, each end's record, date);
- `result_network_paths`: for each child in a network, the steps from the child to the
  suspected offender they are most strongly tied to;
- `result_network_links`: the same, one row per child, with the child's own record that
  starts the path;
- `result_network_link_children`: the other children each link counts (tied to the same
  adult, or in the same network), each with the day it was known: at risk on the records
  then held, and tied;
- `result_network_link_counts`: each link's counts on each day they grew, what the
  indicators stage reads (fact `network_link`) so that a look back counts only the children
  known by then.

Children at risk are read from `result_flags`: the pipeline scores indicators once without
network evidence, runs this stage, then scores again with it, so a network is never found
from flags that the network itself raised.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

import duckdb

from lookout.networks.detect import Network, detect_networks
from lookout.networks.edges import build_edges
from lookout.networks.graph import NetworkGraph, load_graph
from lookout.warehouse.database import table_names, transaction

__all__ = ["NetworkReport", "run_networks"]


@dataclass
class NetworkReport:
    """What one run of the networks stage did."""

    as_of: dt.date
    nodes: int
    edges: int
    networks: int
    cross_area: int
    seconds: dict[str, float] = field(default_factory=dict)


def _strongest_ties(network: Network) -> dict[int, object]:
    """child -> its strongest tie to a suspected offender (or, failing that, to any adult)."""
    offenders = set(network.with_role("suspected_offender"))
    best: dict[int, object] = {}
    for tie in network.ties:
        rank = (tie.adult in offenders, tie.via is None, tie.strength)
        current = best.get(tie.child)
        if current is None or rank > (current.adult in offenders, current.via is None, current.strength):
            best[tie.child] = tie
    return best


def _rows(ng: NetworkGraph, networks: list[Network]) -> tuple[list[tuple], ...]:
    """Rows of members, summaries, paths, and the other children each child's link counts
    (with the tie that puts each of them there, so the link can be dated when all were known)."""
    members, summary, paths, counted = [], [], [], []
    for rank, network in enumerate(networks, 1):
        network_id = f"N{rank:03d}"
        for vertex, role in sorted(network.roles.items()):
            members.append((network_id, *ng.entity(vertex), role))
        at_risk = network.with_role("child_at_risk")
        summary.append((network_id, rank, network.score, len(at_risk),
                        len(network.with_role("suspected_offender")), len(network.roles),
                        sorted(network.rules), sorted(":".join(ng.entity(v)) for v in network.bridges)))
        strongest = _strongest_ties(network)
        for child, tie in sorted(strongest.items()):
            steps = [child] + ([tie.via] if tie.via is not None else []) + [tie.adult]
            adult_ties = {t.child: t for t in network.ties if t.adult == tie.adult and t.child in at_risk}
            adult_children = set(adult_ties)
            for counts_for, others in (("adult", adult_ties), ("network", strongest)):
                for other, other_tie in sorted(others.items()):
                    if other == child or other not in at_risk:
                        continue
                    tie_steps = [other] + ([other_tie.via] if other_tie.via is not None else []) + [other_tie.adult]
                    for a, b in zip(tie_steps, tie_steps[1:]):
                        counted.append((network_id, ng.entity(child)[1], counts_for,
                                        ng.entity(other)[1], *ng.entity(a), *ng.entity(b)))
            for step, (a, b) in enumerate(zip(steps, steps[1:]), 1):
                paths.append((network_id, ng.entity(child)[1], step, *ng.entity(a), *ng.entity(b),
                              ng.entity(tie.adult)[1], len(adult_children - {child}),
                              len(set(at_risk) - {child})))
    return members, summary, paths, counted


def run_networks(con: duckdb.DuckDBPyConnection, *, as_of: dt.date | None = None) -> NetworkReport:
    """Build the graph as of `as_of` (default: the latest extract's date), detect, rank and
    explain suspected networks, and write the result tables in one transaction."""
    from lookout.indicators.stage import default_as_of

    tables = table_names(con)
    if "result_flags" not in tables:
        raise ValueError("networks start from the children at risk: run the indicators stage "
                         "(`lookout run`) first")
    as_of = as_of or default_as_of(con)
    seconds: dict[str, float] = {}
    mark = time.perf_counter()
    build_edges(con, as_of)
    ng = load_graph(con, as_of)
    seconds["build"] = time.perf_counter() - mark
    mark = time.perf_counter()
    networks = sorted(detect_networks(ng), key=lambda n: (
        -n.score, -len(n.with_role("child_at_risk")), min(ng.graph.vs[v]["name"] for v in n.roles)))
    rows = _rows(ng, networks)
    seconds["detect"] = time.perf_counter() - mark
    mark = time.perf_counter()
    _write(con, as_of, *rows)
    seconds["write"] = time.perf_counter() - mark
    cross = con.execute("SELECT count(*) FROM result_network_summary WHERE cross_area").fetchall()[0][0]
    return NetworkReport(as_of, ng.graph.vcount(), ng.graph.ecount(), len(networks), cross, seconds)


def _write(con: duckdb.DuckDBPyConnection, as_of: dt.date, members: list[tuple],
           summary: list[tuple], paths: list[tuple], counted: list[tuple]) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE nw_members (network_id VARCHAR, entity_type VARCHAR, "
                "entity_key VARCHAR, role VARCHAR)")
    con.execute("CREATE OR REPLACE TEMP TABLE nw_summary (network_id VARCHAR, rank INTEGER, score DOUBLE, "
                "children_at_risk INTEGER, suspected_offenders INTEGER, members INTEGER, "
                "rules VARCHAR[], bridges VARCHAR[])")
    con.execute("CREATE OR REPLACE TEMP TABLE nw_paths (network_id VARCHAR, person_id VARCHAR, "
                "step INTEGER, from_type VARCHAR, from_key VARCHAR, to_type VARCHAR, to_key VARCHAR, "
                "via_adult VARCHAR, children_at_risk_linked INTEGER, network_children_at_risk INTEGER)")
    con.execute("CREATE OR REPLACE TEMP TABLE nw_counted (network_id VARCHAR, person_id VARCHAR, "
                "counts_for VARCHAR, other_id VARCHAR, from_type VARCHAR, from_key VARCHAR, "
                "to_type VARCHAR, to_key VARCHAR)")
    for table, rows in (("nw_members", members), ("nw_summary", summary), ("nw_paths", paths),
                        ("nw_counted", counted)):
        if rows:
            con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    with transaction(con):
        _publish(con, as_of)


def _publish(con: duckdb.DuckDBPyConnection, as_of: dt.date) -> None:
    # An edge belongs to a network when both its ends are members.
    con.execute("""
        CREATE OR REPLACE TABLE result_network_edges AS
        SELECT a.network_id, e.* FROM network_edges e
        JOIN nw_members a ON a.entity_type = e.a_type AND a.entity_key = e.a_key
        JOIN nw_members b ON b.entity_type = e.b_type AND b.entity_key = e.b_key
         AND b.network_id = a.network_id
        ORDER BY ALL""")
    con.execute("""
        CREATE OR REPLACE TABLE result_network_evidence AS
        SELECT n.network_id, v.* FROM network_edge_evidence v
        JOIN result_network_edges n USING (a_type, a_key, b_type, b_key)
        ORDER BY ALL""")
    # A network's areas: those of the records behind its edges, and of its people's records
    # held by police, schools and children's services, which each serve one area (a clinic
    # or an emergency department may serve several, so its extract's area says little).
    con.execute("""
        CREATE OR REPLACE TEMP TABLE nw_areas AS
        WITH found AS (
            SELECT v.network_id, s.area FROM result_network_evidence v JOIN sources s USING (source)
            UNION ALL
            SELECT m.network_id, s.area FROM nw_members m
            JOIN result_linkage l ON m.entity_type = 'person' AND l.person_id = m.entity_key
            JOIN sources s ON s.source = l.source
            WHERE s.kind IN ('police', 'education', 'social_care'))
        SELECT network_id, list(DISTINCT area ORDER BY area) AS areas
        FROM found WHERE area IS NOT NULL GROUP BY network_id""")
    con.execute("""
        CREATE OR REPLACE TABLE result_network_summary AS
        SELECT s.network_id, s.rank, s.score, s.children_at_risk, s.suspected_offenders, s.members,
               array_to_string(coalesce(a.areas, []), ';') AS areas,
               len(coalesce(a.areas, [])) > 1 AS cross_area,
               array_to_string(s.rules, ';') AS rules, array_to_string(s.bridges, ';') AS bridges
        FROM nw_summary s LEFT JOIN nw_areas a USING (network_id) ORDER BY s.rank""")
    con.execute("""
        CREATE OR REPLACE TABLE result_networks AS
        SELECT m.network_id, m.entity_type, m.entity_key, m.role, s.areas
        FROM nw_members m JOIN result_network_summary s USING (network_id) ORDER BY ALL""")
    con.execute("""
        CREATE OR REPLACE TABLE result_network_paths AS
        SELECT p.*, e.kinds, e.occurrences, e.first_at, e.last_at
        FROM nw_paths p JOIN network_edges e
          ON (e.a_type, e.a_key, e.b_type, e.b_key) = (p.from_type, p.from_key, p.to_type, p.to_key)
          OR (e.a_type, e.a_key, e.b_type, e.b_key) = (p.to_type, p.to_key, p.from_type, p.from_key)
        ORDER BY network_id, person_id, step""")
    # When each other child a link counts was known to be at risk and tied to the adult (or
    # in the network): the later of the first day the records then held put that child at
    # medium (or an analyst raised them) and the day their tie was on record.
    con.execute("""
        CREATE OR REPLACE TABLE result_network_link_children AS
        WITH steps AS (
            SELECT c.*, e.first_at FROM nw_counted c JOIN network_edges e
              ON (e.a_type, e.a_key, e.b_type, e.b_key) = (c.from_type, c.from_key, c.to_type, c.to_key)
            UNION ALL
            SELECT c.*, e.first_at FROM nw_counted c JOIN network_edges e
              ON (e.a_type, e.a_key, e.b_type, e.b_key) = (c.to_type, c.to_key, c.from_type, c.from_key))
        SELECT s.network_id, s.person_id, s.counts_for, s.other_id,
               greatest(max(s.first_at), CAST(coalesce(any_value(f.first_medium_at),
                        TRY_CAST(any_value(f.override_at) AS DATE), CAST(? AS DATE)) AS TIMESTAMP)) AS known_at
        FROM steps s LEFT JOIN result_flags f ON f.person_id = s.other_id
        GROUP BY s.network_id, s.person_id, s.counts_for, s.other_id
        ORDER BY ALL""", [as_of])
    # The child's own record that starts the path (the earliest), dated when the whole path
    # was on record: the latest of its steps' first meetings.
    con.execute("""
        CREATE OR REPLACE TABLE result_network_links AS
        WITH first_step AS (
            SELECT p.network_id, p.person_id,
                   arg_min(v.source, v.seen_at) AS source, arg_min(v.a_record_id, v.seen_at) AS record_id,
                   arg_min(v.event_id, v.seen_at) AS event_id
            FROM result_network_paths p JOIN network_edge_evidence v
              ON v.a_type = 'person' AND v.a_key = p.person_id AND v.a_record_id IS NOT NULL
             AND ((v.b_type, v.b_key) = (p.to_type, p.to_key))
            WHERE p.step = 1 GROUP BY ALL
            UNION ALL
            SELECT p.network_id, p.person_id,
                   arg_min(v.source, v.seen_at), arg_min(v.b_record_id, v.seen_at),
                   arg_min(v.event_id, v.seen_at)
            FROM result_network_paths p JOIN network_edge_evidence v
              ON v.b_type = 'person' AND v.b_key = p.person_id AND v.b_record_id IS NOT NULL
             AND ((v.a_type, v.a_key) = (p.to_type, p.to_key))
            WHERE p.step = 1 GROUP BY ALL),
        whole AS (
            SELECT network_id, person_id, max(first_at) AS at, any_value(via_adult) AS via_adult,
                   any_value(children_at_risk_linked) AS children_at_risk_linked,
                   any_value(network_children_at_risk) AS network_children_at_risk,
                   string_agg(from_type || ':' || from_key || ' -[' || array_to_string(kinds, ',')
                              || ']- ' || to_type || ':' || to_key, ' | ' ORDER BY step) AS path
            FROM result_network_paths GROUP BY ALL)
        SELECT w.person_id, w.network_id, w.via_adult, w.children_at_risk_linked,
               w.network_children_at_risk, s.cross_area, f.source, f.record_id, f.event_id, w.at, w.path
        FROM whole w JOIN result_network_summary s USING (network_id)
        JOIN (SELECT network_id, person_id, min(source) AS source, arg_min(record_id, source) AS record_id,
                     arg_min(event_id, source) AS event_id FROM first_step GROUP BY ALL) f
          USING (network_id, person_id)
        ORDER BY ALL""")
    write_link_counts(con)


def write_link_counts(con: duckdb.DuckDBPyConnection) -> None:
    """`result_network_link_counts`: the counts a link holds on each day they grew (the
    path's own date, then each day another child it counts became known), from
    `result_network_links` and `result_network_link_children`. What the indicators read (fact
    `network_link`), so a look back counts only the children already known."""
    con.execute("""
        CREATE OR REPLACE TABLE result_network_link_counts AS
        WITH days AS (
            SELECT network_id, person_id, l.at AS known_at FROM result_network_links l
            UNION
            SELECT c.network_id, c.person_id, greatest(c.known_at, l.at)
            FROM result_network_link_children c JOIN result_network_links l USING (network_id, person_id))
        SELECT d.network_id, d.person_id, d.known_at,
               count(c.other_id) FILTER (WHERE c.counts_for = 'adult') AS children_at_risk_linked,
               count(c.other_id) FILTER (WHERE c.counts_for = 'network') AS network_children_at_risk
        FROM days d LEFT JOIN result_network_link_children c
          ON c.network_id = d.network_id AND c.person_id = d.person_id AND c.known_at <= d.known_at
        GROUP BY ALL ORDER BY ALL""")
