"""Why a child is flagged: each indicator that counts, the conditions it tested, and the
records (agency, source, record, line, date, field values) on which they held."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

__all__ = ["EvidenceRecord", "FlagTrace", "IndicatorTrace", "explain_flag"]


@dataclass(frozen=True)
class EvidenceRecord:
    """One record on which an indicator's conditions held."""

    at: dt.datetime
    kind: str
    source: str
    record_id: str
    event_id: str
    line: int | None
    window: str
    detail: str


@dataclass(frozen=True)
class IndicatorTrace:
    """An indicator that counts in the flag, with the tests it made and the records behind it."""

    indicator_id: str
    version: int
    name: str
    tier: str
    practitioner: str
    guidance: tuple[str, ...]
    conditions: tuple[str, ...]
    records: tuple[EvidenceRecord, ...]


@dataclass(frozen=True)
class FlagTrace:
    """A flag and everything it rests on."""

    person_id: str
    level: str
    computed_level: str
    score: int
    agencies: int
    first_flagged_at: dt.date | None
    as_of: dt.date
    override: str | None
    indicators: tuple[IndicatorTrace, ...]


def explain_flag(con: duckdb.DuckDBPyConnection, person_id: str, *, prefix: str = "result_") -> FlagTrace:
    """The trace of `person_id`'s flag (`prefix` "asof_" for a look-back in this connection)."""
    rows = con.execute(f"""SELECT level, computed_level, score, agencies, first_flagged_at, as_of,
                                  override_by, override_reason, override_at
                           FROM {prefix}flags WHERE person_id = ?""", [person_id]).fetchall()
    if not rows:
        raise ValueError(f"person {person_id!r} is not flagged")
    level, computed, score, agencies, first, as_of, by, reason, at = rows[0]
    override = f"set to {level} by {by} at {at}: {reason}" if by else None
    rules = {r[0]: r[1:] for r in con.execute(
        """SELECT indicator_id, version, name, tier, practitioner, guidance, conditions,
                  at_least, within_days, age_at_least, age_at_most FROM indicator_rules""").fetchall()}
    evidence: dict[str, list[EvidenceRecord]] = {}
    for ind, *rest in con.execute(f"""
            SELECT e.indicator_id, e.at, e.kind, e.source, e.record_id, e.event_id, e.line, e.window, e.detail
            FROM {prefix}flag_evidence e WHERE e.person_id = ?
            ORDER BY e.at, e.event_id""", [person_id]).fetchall():
        evidence.setdefault(ind, []).append(EvidenceRecord(*rest))
    traces = []
    for ind in sorted(evidence, key=lambda i: (("significant", "moderate", "vulnerability").index(rules[i][2]), i)):
        version, name, tier, practitioner, guidance, conditions, at_least, within, age_min, age_max = rules[ind]
        tests = list(conditions)
        if at_least > 1:
            tests.append(f"at least {at_least} such records within {within} days")
        tests.append(f"child aged {age_min or 0} to {age_max if age_max is not None else 17} on the record's date")
        traces.append(IndicatorTrace(ind, version, name, tier, practitioner, tuple(guidance), tuple(tests),
                                     tuple(evidence[ind])))
    return FlagTrace(person_id, level, computed, score, agencies, first, as_of, override, tuple(traces))
