"""Write truth/: the people, which records are whose, rings, decoys and planted cases."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from .calendar import iso
from .world import World

PEOPLE = ("truth_id", "kind", "sex", "dob", "forenames", "surname", "home_area", "role", "exploited", "ring_id",
          "exploitation_start", "first_disclosure_at", "decoy", "in_care")


def _write(path: Path, header: tuple[str, ...], rows) -> int:
    count = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def write_truth(world: World, out: Path, summary: dict) -> dict[str, int]:
    """Write every truth file; returns row counts by file."""
    from .world import AREAS
    out.mkdir(parents=True, exist_ok=True)
    people = world.children + world.adults
    counts = {
        "people.csv": _write(out / "people.csv", PEOPLE, (
            (p.truth_id, p.kind, p.sex, iso(p.dob), p.forename, p.surname, AREAS[p.area], p.role,
             "Y" if p.exploited else "N", p.ring_id, iso(p.exploitation_start), iso(p.first_disclosure_at),
             p.decoy, "Y" if p.in_care else "N") for p in people)),
        "records.csv": _write(out / "records.csv", ("source", "record_id", "truth_id"), sorted(world.ledger.records)),
        "rings.csv": _write(out / "rings.csv", ("ring_id", "areas", "offender_ids", "victim_ids", "vrms", "phones",
                                                "postcodes", "started_at"), (
            (r.ring_id, ";".join(AREAS[a] for a in r.areas), ";".join(p.truth_id for p in r.offenders),
             ";".join(p.truth_id for p in r.victims), ";".join(r.vrms), ";".join(r.phones),
             ";".join(sorted({pl[1] for pl in r.places})), iso(r.started_at)) for r in world.rings)),
        "decoys.csv": _write(out / "decoys.csv", ("truth_id", "decoy_type"),
                             ((c.truth_id, c.decoy) for c in world.children if c.decoy)),
        "accountability.csv": _write(out / "accountability.csv", ("check_id", "source", "record_id", "truth_id", "planted"),
                                     sorted(set(world.ledger.accountability))),
        "bad_rows.csv": _write(out / "bad_rows.csv", ("source", "file", "line", "column", "problem"),
                               sorted(world.ledger.bad_rows)),
    }
    summary = dict(summary, truth=counts)
    (out / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return counts
