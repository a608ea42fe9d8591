"""Scoring with hindsight: indicators held per subject, SERAF points, a level as of a date,
and the first date on which the records then held would already have raised that level.

A subject is whoever is scored: a Lookout person (every agency's records joined) or, for the
single-agency baseline, one agency's own record. Everything is set-based SQL:

1. `hits`: an indicator holds on the date of an evidence record when, counting back over its
   window, there are records on at least `at_least` different days (three missing episodes in
   90 days; an episode both the police and the council recorded counts once), and the
   child's age on that date fits the rule (every indicator needs a child under 18).
2. A level can rise only on a day something was recorded, so it is computed as of each such
   day per subject, and as of the `as_of` date itself: never day by day.
3. As of a day `d` (SERAF, `seraf.yaml`): a significant indicator is current if it held in
   the last 6 months (5 points), recent if it held 6-12 months before (1), both (6); a
   moderate indicator held in the last 6 months scores 1; a vulnerability scores 1 while it
   lasts. Bands give the level; one agency alone raises at most `medium`; an indicator's own
   `raises_to` and the 13-and-under rule can raise it.

Only records dated on or before `as_of` (and, for each day, on or before that day) are used.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from lookout.indicators.evidence import RULES_TABLE
from lookout.indicators.facts import age_sql
from lookout.indicators.seraf import ScoringRules

__all__ = ["LEVEL_RANK", "score_subjects"]

LEVEL_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}
_RANK_SQL = "CASE {} WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 0 END"


def score_subjects(con: duckdb.DuckDBPyConnection, *, keyed: str, as_of: dt.date,
                   rules: ScoringRules, prefix: str) -> None:
    """Score every subject of `keyed` (indicator_evidence rows with `subject` and `dob`).

    Writes temp tables `{prefix}_hits`, `{prefix}_levels` (subject, level, score, agencies,
    first_flagged_at, indicators, sources, dob, first_medium_at: for a flag at medium or high,
    the earliest day it was at medium or above) and `{prefix}_evidence` (the records behind
    each indicator that counts as of `as_of`)."""
    day = f"DATE '{as_of.isoformat()}'"
    age_b = age_sql("b.dob", "b.at")
    age_a = age_sql("a.dob", "a.at")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {prefix}_hits AS
        SELECT a.subject, a.indicator_id, a.event_id AS hit_event, CAST(a.at AS DATE) AS hit_on,
               CASE WHEN r.fact = 'care_episode' THEN coalesce(CAST(a.ends_at AS DATE), DATE '9999-12-31')
                    ELSE CAST(a.at AS DATE) END AS until,
               list_distinct(list(b.kind)) AS kinds,
               list({{'source': b.source, 'kind': b.kind, 'record_id': b.record_id,
                      'event_id': b.event_id, 'line': b.line, 'at': b.at, 'detail': b.detail}}
                    ORDER BY b.at, b.event_id) AS evidence
        FROM {keyed} a
        JOIN {RULES_TABLE} r USING (indicator_id)
        JOIN {keyed} b ON b.subject = a.subject AND b.indicator_id = a.indicator_id
         AND b.at <= a.at AND b.at > a.at - to_days(r.within_days)
        WHERE CAST(a.at AS DATE) <= {day}
          AND {age_a} < 18 AND {age_b} < 18
          AND {age_a} >= coalesce(r.age_at_least, 0) AND {age_a} <= coalesce(r.age_at_most, 17)
          AND {age_b} >= coalesce(r.age_at_least, 0) AND {age_b} <= coalesce(r.age_at_most, 17)
        GROUP BY a.subject, a.indicator_id, a.event_id, a.at, a.ends_at, r.fact, r.at_least
        HAVING count(DISTINCT CAST(b.at AS DATE)) >= r.at_least""")
    # Each hit as seen from each candidate day: does it count, and in which SERAF window?
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {prefix}_seen AS
        WITH candidates AS (
            SELECT DISTINCT subject, hit_on AS d FROM {prefix}_hits
            UNION SELECT DISTINCT subject, {day} FROM {prefix}_hits),
        seen AS (
            SELECT c.subject, c.d, h.indicator_id, h.hit_event, h.hit_on, h.until, h.kinds, h.evidence,
                   r.tier, r.raises_to, r.lasts_days,
                   least(h.until, c.d) AS u
            FROM candidates c JOIN {prefix}_hits h ON h.subject = c.subject AND h.hit_on <= c.d
            JOIN {RULES_TABLE} r USING (indicator_id))
        SELECT *, u > d - {rules.current_days} AS is_current,
               hit_on <= d - {rules.current_days} AND u > d - {rules.recent_days} AS is_recent,
               u > d - lasts_days AS is_lasting,
               CASE tier WHEN 'significant' THEN u > d - {rules.recent_days}
                         WHEN 'moderate' THEN u > d - {rules.current_days}
                         ELSE u > d - lasts_days END AS counts
        FROM seen""")
    b = rules.bands
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {prefix}_daily AS
        WITH per_indicator AS (
            SELECT subject, d, indicator_id, any_value(tier) AS tier, any_value(raises_to) AS raises_to,
                   bool_or(is_current) AS cur, bool_or(is_recent) AS rec, bool_or(is_lasting) AS lasting,
                   list_distinct(flatten(list(kinds))) AS kinds
            FROM {prefix}_seen WHERE counts GROUP BY ALL),
        pointed AS (
            SELECT *, CASE tier
                WHEN 'significant' THEN {rules.significant_current_points} * cur::INT
                                        + {rules.significant_recent_points} * rec::INT
                WHEN 'moderate' THEN {rules.moderate_points} * cur::INT
                ELSE {rules.vulnerability_points} * lasting::INT END AS points
            FROM per_indicator),
        dobs AS (SELECT subject, mode(dob) AS dob FROM {keyed} GROUP BY subject),
        per_day AS (
            SELECT p.subject, p.d, sum(points) AS score,
                   list_distinct(flatten(list(kinds) FILTER (WHERE tier <> 'vulnerability'))) AS concern_kinds,
                   max({_RANK_SQL.format('raises_to')}) FILTER (WHERE cur) AS raised,
                   bool_or(tier = 'significant' AND cur) AS significant_now,
                   any_value(o.dob) AS dob
            FROM pointed p JOIN dobs o USING (subject) GROUP BY p.subject, p.d)
        SELECT subject, d, score, len(concern_kinds) AS agencies, dob,
               greatest(
                   CASE WHEN len(concern_kinds) < {rules.high_needs_agencies}
                        THEN least(band, 2) ELSE band END,
                   coalesce(raised, 0),
                   CASE WHEN significant_now AND {age_sql('dob', 'd')} <= {rules.age_at_most}
                        THEN {LEVEL_RANK[rules.age_raises_to]} ELSE 0 END) AS rank
        FROM (SELECT *, CASE WHEN score >= {b['high']} THEN 3 WHEN score >= {b['medium']} THEN 2
                             WHEN score >= {b['low']} THEN 1 ELSE 0 END AS band FROM per_day)""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {prefix}_levels AS
        WITH final AS (SELECT * FROM {prefix}_daily WHERE d = {day} AND rank > 0),
        first AS (
            SELECT f.subject, min(x.d) FILTER (WHERE x.rank >= f.rank) AS first_flagged_at,
                   CASE WHEN any_value(f.rank) >= 2 THEN min(x.d) FILTER (WHERE x.rank >= 2) END
                       AS first_medium_at
            FROM final f JOIN {prefix}_daily x ON x.subject = f.subject AND x.rank >= least(f.rank, 2)
            GROUP BY f.subject),
        counted AS (
            SELECT subject, list(DISTINCT indicator_id ORDER BY indicator_id) AS indicators,
                   list_sort(list_distinct(flatten(list(kinds)))) AS sources
            FROM {prefix}_seen WHERE d = {day} AND counts GROUP BY subject)
        SELECT f.subject, ['none', 'low', 'medium', 'high'][f.rank + 1] AS level, f.rank,
               CAST(f.score AS INTEGER) AS score, f.agencies, x.first_flagged_at,
               c.indicators, c.sources, f.dob, x.first_medium_at
        FROM final f JOIN first x USING (subject) JOIN counted c USING (subject)""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {prefix}_evidence AS
        SELECT DISTINCT s.subject, s.indicator_id, s.tier,
               CASE WHEN s.tier = 'vulnerability' THEN 'lasting'
                    WHEN s.is_current THEN 'current' ELSE 'recent' END AS window,
               e.source, e.kind, e.record_id, e.event_id, e.line, e.at, e.detail
        FROM {prefix}_seen s, unnest(s.evidence) AS t(e)
        WHERE s.d = {day} AND s.counts AND s.subject IN (SELECT subject FROM {prefix}_levels)""")
