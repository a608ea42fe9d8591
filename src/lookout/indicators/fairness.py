"""Flag rates by sex, age band and (for this report only) ethnicity where recorded.

None of these is ever an input to an indicator or a score (the facts carry no such field);
they are read here only to publish whether flags fall unevenly (domain guide: "audit flag
rates by sex, ethnicity and disability, and publish them"). Ethnicity is the SSDA903 `ETHNIC`
code, recorded only for children in care, so its rates compare children in care with each other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from lookout.indicators.facts import age_sql

__all__ = ["FairnessRow", "fairness_report"]

AGE_BANDS = ((0, 9, "0-9"), (10, 12, "10-12"), (13, 15, "13-15"), (16, 17, "16-17"))


@dataclass(frozen=True)
class FairnessRow:
    """Flag rates for one group of children."""

    dimension: str
    group: str
    children: int
    flagged: int
    flagged_medium_or_high: int

    @property
    def rate(self) -> float:
        """Share of the group flagged at any level."""
        return self.flagged / self.children if self.children else 0.0

    @property
    def rate_medium_or_high(self) -> float:
        """Share of the group flagged medium or high."""
        return self.flagged_medium_or_high / self.children if self.children else 0.0


def fairness_report(con: duckdb.DuckDBPyConnection, *, prefix: str = "result_") -> list[FairnessRow]:
    """Rates over every person under 18 on the flags' as-of date (date of birth recorded)."""
    as_of = con.execute(f"SELECT max(as_of) FROM {prefix}flags_computed").fetchall()[0][0]
    if as_of is None:
        as_of = con.execute("SELECT max(CAST(extracted_at AS DATE)) FROM loads").fetchall()[0][0]
    day = f"DATE '{as_of.isoformat() if isinstance(as_of, dt.date) else as_of}'"
    bands = " ".join(f"WHEN age BETWEEN {lo} AND {hi} THEN '{name}'" for lo, hi, name in AGE_BANDS)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE fair_children AS
        WITH people AS (
            SELECT l.person_id, mode(r.dob) AS dob,
                   mode(CASE upper(r.sex) WHEN 'F' THEN 'female' WHEN 'M' THEN 'male' END) AS sex
            FROM result_linkage l JOIN person_records r USING (source, record_id) GROUP BY l.person_id),
        ethnic AS (
            SELECT l.person_id, mode(h.ethnic) AS ethnic
            FROM result_linkage l JOIN social_care_ssda903_header h
              ON h._source = l.source AND h.child = l.record_id
            WHERE h.ethnic IS NOT NULL GROUP BY l.person_id)
        SELECT p.person_id, coalesce(p.sex, 'not recorded') AS sex,
               CASE {bands} END AS age_band, coalesce(e.ethnic, 'not recorded') AS ethnicity,
               f.level
        FROM (SELECT *, {age_sql('dob', day)} AS age FROM people) p
        LEFT JOIN ethnic e USING (person_id)
        LEFT JOIN {prefix}flags f USING (person_id)
        WHERE p.age BETWEEN 0 AND 17""")
    rows = []
    for dimension in ("sex", "age_band", "ethnicity"):
        for group, children, flagged, serious in con.execute(f"""
                SELECT {dimension}, count(*), count(level),
                       count(*) FILTER (WHERE level IN ('medium', 'high'))
                FROM fair_children GROUP BY 1 ORDER BY 1""").fetchall():
            rows.append(FairnessRow(dimension, group, children, flagged, serious))
    return rows
