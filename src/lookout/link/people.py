"""Resolving people: scored pairs, decisions and earlier ids in; `result_linkage` out.

Runs in the warehouse after scoring, and again after every review decision (it is cheap: no
model, no engine). Every person-record gets a row:

- `person_id`: Lookout's id, stable across re-runs (see `cluster.assign_person_ids`);
- `match_probability`: the best probability among the links that put the record in its
  cluster; 1.0 when a person accepted one of them; blank (NULL) for a record linked to nobody,
  because no link means no probability to report, and 0 would read as "certainly not".

`link_held_pairs(unique_id_l, unique_id_r, held_record)` lists the links held back from a
record torn between two people (`cluster.Clusters.torn`): they go to clerical review.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from lookout.link.cluster import Edge, assign_person_ids, cluster
from lookout.link.identity import Identity, Name
from lookout.link.review import load_decisions
from lookout.workspace import Workspace
from lookout.warehouse.database import transaction

__all__ = ["PeopleReport", "resolve_people"]

_SCHEMA = pa.schema([("source", pa.string()), ("record_id", pa.string()),
                     ("person_id", pa.string()), ("match_probability", pa.float64())])


@dataclass(frozen=True)
class PeopleReport:
    """How records were resolved into people."""

    records: int
    people: int
    linked_records: int
    decisions_applied: int
    kept_apart: int
    held_apart: int = 0


def resolve_people(con: duckdb.DuckDBPyConnection, workspace: Workspace) -> PeopleReport:
    """Cluster scored links into people and (re)write `result_linkage` in one transaction."""
    rows = con.execute("""SELECT unique_id, nhs_number, upn, dob, forename, forename_group,
                          surname, given_names FROM link_records ORDER BY unique_id""").fetchall()
    records = [row[0] for row in rows]
    identities = {uid: Identity(nhs, upn, dob, Name(fn, group, sn, tuple(given or ()))
                                if fn else None)
                  for uid, nhs, upn, dob, fn, group, sn, given in rows}
    names = _has_table(con, "link_contradictions") and bool(con.execute(
        "SELECT count(*) FROM link_contradictions WHERE contradiction_id = 'different_given_names'"
    ).fetchall()[0][0])
    decisions = load_decisions(workspace)
    rejected = {pair for pair, d in decisions.items() if d.decision == "reject"}
    edges = [Edge(l, r, p, w) for l, r, p, w in con.execute(
        "SELECT unique_id_l, unique_id_r, match_probability, match_weight FROM link_pairs "
        "WHERE band = 'link'").fetchall() if tuple(sorted((l, r))) not in rejected]
    edges += [Edge(*pair, 1.0) for pair, d in decisions.items() if d.decision == "accept"]
    cannot = {tuple(sorted(pair)) for pair in con.execute(
        "SELECT unique_id_l, unique_id_r FROM link_cannot_pairs").fetchall()}
    # A person's acceptance outranks the model's certainty that two records differ.
    cannot = (cannot - {p for p, d in decisions.items() if d.decision == "accept"}) | rejected
    found = cluster(records, edges, cannot, identities, names=names)
    clusters, best = found.numbers, found.best
    accepted_records = {uid for pair, d in decisions.items() if d.decision == "accept"
                        for uid in pair}

    previous: dict[str, str] = {}
    if _has_table(con, "result_linkage"):
        previous = {f"{s}|{r}": p for s, r, p in con.execute(
            "SELECT source, record_id, person_id FROM result_linkage").fetchall()}
    ids = assign_person_ids(clusters, previous)
    sizes: dict[int, int] = {}
    for number in clusters.values():
        sizes[number] = sizes.get(number, 0) + 1
    rows = []
    for uid in records:
        linked = sizes[clusters[uid]] > 1
        probability = None
        if linked:
            # to 12 places: engines add a pair's weights in different orders, and the digits
            # beyond differ between them while meaning nothing
            probability = 1.0 if uid in accepted_records else (
                round(best[uid], 12) if uid in best else None)
        source, record_id = uid.split("|", 1)
        rows.append((source, record_id, ids[uid], probability))

    with transaction(con):
        columns = list(zip(*rows)) if rows else [(), (), (), ()]
        table = pa.table([list(c) for c in columns], schema=_SCHEMA)
        con.register("lk_result_in", table)
        con.execute("CREATE OR REPLACE TABLE result_linkage AS SELECT * FROM lk_result_in")
        con.unregister("lk_result_in")
        held = [(*sorted((e.left, e.right)), record)
                for record, links in sorted(found.torn.items()) for e in links]
        con.execute("""CREATE OR REPLACE TABLE link_held_pairs (unique_id_l VARCHAR,
                       unique_id_r VARCHAR, held_record VARCHAR)""")
        if held:
            con.executemany("INSERT INTO link_held_pairs VALUES (?, ?, ?)", held)
    kept_apart = sum(1 for e in edges if clusters.get(e.left) != clusters.get(e.right))
    return PeopleReport(records=len(records), people=len(set(ids.values())),
                        linked_records=sum(1 for r in rows if r[3] is not None),
                        decisions_applied=len(decisions), kept_apart=kept_apart,
                        held_apart=len(found.torn))


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                            [name]).fetchall()[0][0])
