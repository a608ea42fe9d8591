"""Networks against the truth: which rings were found, how fully, and at what cost in
networks that are no ring at all.

A network's people are the truth ids of the records its person ids hold (an over-merged
person counts for everyone merged into it, as it would in practice). Measures, over the
rings of `rings.csv`:

- rings recovered: rings with a network holding at least two of the ring's victims and one
  of its offenders; beside it, rings in the graph: rings with two victims and an offender
  tied to anything at all in the records (the most any rule could recover);
- member recall: of all rings' victims and offenders, the share held by the network that
  holds most of their ring; object recall the same for the ring's VRMs, phones and postcodes;
- false networks: networks that recover no ring (`partial` ones among them hold some ring
  member without meeting the bar), and how many of the top ten are false against true;
- cross-area rings: rings whose `areas` name more than one area, how many were recovered,
  and how many of those by a network marked as spanning more than one area.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import duckdb

from lookout.evaluate.report import SECTIONS, Section

__all__ = ["networks_section", "ring_matches"]

TOP = 10


def _split(value: str | None) -> set[str]:
    return {v for v in (value or "").split(";") if v}


def ring_matches(ring: dict, people: set[str]) -> bool:
    """Whether a network holding `people` (truth ids) recovers the ring."""
    return len(ring["victims"] & people) >= 2 and bool(ring["offenders"] & people)


def networks_section(con: duckdb.DuckDBPyConnection, truth: Path) -> Section:
    """Evaluate `result_networks` (and `result_network_summary`) against the truth."""
    cur = con.cursor()
    rings = [{"ring_id": r[0], "areas": _split(r[1]), "offenders": _split(r[2]), "victims": _split(r[3]),
              "objects": _split(r[4]) | _split(r[5]) | _split(r[6])}
             for r in cur.execute("SELECT ring_id, areas, offender_ids, victim_ids, vrms, phones, postcodes "
                                  "FROM read_csv(?, all_varchar = true) ORDER BY ring_id",
                                  [str(truth / "rings.csv")]).fetchall()]
    held: dict[str, set[str]] = defaultdict(set)
    for network_id, truth_id in cur.execute("""
            SELECT DISTINCT n.network_id, t.truth_id
            FROM result_networks n
            JOIN result_linkage l ON n.entity_type = 'person' AND l.person_id = n.entity_key
            JOIN read_csv(?, all_varchar = true) t USING (source, record_id)""",
            [str(truth / "records.csv")]).fetchall():
        held[network_id].add(truth_id)
    for network_id, key in cur.execute(
            "SELECT network_id, entity_key FROM result_networks WHERE entity_type <> 'person'").fetchall():
        held[network_id].add(key)
    ranked = cur.execute("SELECT network_id, cross_area FROM result_network_summary ORDER BY rank").fetchall()
    # Who the graph holds at all: a ring whose people no event ties to anyone is beyond reach.
    in_graph = {t[0] for t in cur.execute("""
            WITH people AS (SELECT a_key AS person_id FROM network_edges WHERE a_type = 'person'
                            UNION SELECT b_key FROM network_edges WHERE b_type = 'person')
            SELECT DISTINCT t.truth_id FROM people
            JOIN result_linkage l USING (person_id)
            JOIN read_csv(?, all_varchar = true) t USING (source, record_id)""",
            [str(truth / "records.csv")]).fetchall()}
    cur.close()

    recovered, cross_rings, cross_found, cross_marked = [], 0, 0, 0
    members_found = members_total = objects_found = objects_total = 0
    true_networks: set[str] = set()
    for ring in rings:
        matching = [n for n, _ in ranked if ring_matches(ring, held[n])]
        true_networks.update(matching)
        people = ring["victims"] | ring["offenders"]
        best = max((n for n, _ in ranked), key=lambda n: len(people & held[n]), default=None)
        members_total += len(people)
        objects_total += len(ring["objects"])
        if best is not None:
            members_found += len(people & held[best])
            objects_found += len(ring["objects"] & held[best])
        if matching:
            recovered.append(ring["ring_id"])
        if len(ring["areas"]) > 1:
            cross_rings += 1
            cross_found += bool(matching)
            cross_marked += any(dict(ranked)[n] for n in matching)
    every_ring_member = set().union(*(r["victims"] | r["offenders"] for r in rings)) if rings else set()
    false = [n for n, _ in ranked if n not in true_networks]
    top = [n for n, _ in ranked[:TOP]]
    figures = {
        "rings": len(rings),
        "rings_in_graph": sum(ring_matches(r, in_graph) for r in rings),
        "rings_recovered": len(recovered),
        "ring_recall": round(len(recovered) / len(rings), 4) if rings else None,
        "member_recall": round(members_found / members_total, 4) if members_total else None,
        "object_recall": round(objects_found / objects_total, 4) if objects_total else None,
        "networks": len(ranked),
        "true_networks": len(true_networks),
        "false_networks": len(false),
        "false_networks_partial": sum(bool(held[n] & every_ring_member) for n in false),
        "top_ten_true": sum(n in true_networks for n in top),
        "top_ten_false": sum(n not in true_networks for n in top),
        "cross_area_rings": cross_rings,
        "cross_area_rings_recovered": cross_found,
        "cross_area_rings_marked_cross_area": cross_marked,
    }
    details = {"rings_recovered": recovered,
               "rings_missed": [r["ring_id"] for r in rings if r["ring_id"] not in recovered],
               "false_networks": false}
    return Section("networks", figures, details)


SECTIONS.append(("networks", "result_networks", ("rings.csv", "records.csv"),
                 networks_section))
