"""Accountability findings against the planted cases of `truth/accountability.csv`.

A planted `failure` is found when a finding of the same check cites the same source and
record. Per check: recall (planted failures found), findings that match no planted failure
(everything not planted is compliant by construction, so these are false alarms), precision,
and planted `handled` cases (mostly just inside a threshold) that were wrongly raised.
Resolved findings count as found: resolving one is a person's decision, not the check's.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import duckdb

from lookout.evaluate.report import SECTIONS, Section

__all__ = ["accountability_section"]

_EXAMPLES = 5


def accountability_section(con: duckdb.DuckDBPyConnection, truth: Path) -> Section:
    """Recall and precision of every check against the planted cases."""
    planted: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    path = truth / "accountability.csv"
    if path.exists():
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                key = (row["source"], row["record_id"])
                # a record planted as a failure stays a failure even if also listed as handled
                if planted[row["check_id"]].get(key) != "failure":
                    planted[row["check_id"]][key] = row["planted"]
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for check_id, source, record_id in con.execute(
            "SELECT check_id, source, record_id FROM accountability_findings").fetchall():
        found[check_id].add((source, record_id))
    checks = [r[0] for r in con.execute("SELECT check_id FROM accountability_checks ORDER BY 1").fetchall()]
    figures: dict[str, object] = {}
    details: dict[str, object] = {}
    for check_id in checks:
        truth_rows = planted.get(check_id, {})
        failures = {k for k, v in truth_rows.items() if v == "failure"}
        handled = {k for k, v in truth_rows.items() if v == "handled"}
        raised = found.get(check_id, set())
        hit = failures & raised
        unmatched = raised - failures
        figures[check_id] = {
            "planted_failures": len(failures), "found": len(hit),
            "recall": round(len(hit) / len(failures), 4) if failures else None,
            "findings": len(raised), "unmatched": len(unmatched),
            "precision": round(len(hit) / len(raised), 4) if raised else None,
            "handled_raised": len(handled & raised), "handled_planted": len(handled)}
        details[check_id] = {"missed": sorted(failures - raised)[:_EXAMPLES],
                             "unmatched": sorted(unmatched)[:_EXAMPLES]}
    return Section("accountability", figures, details)


SECTIONS.append(("accountability", "accountability_findings", ("accountability.csv",),
                 accountability_section))
