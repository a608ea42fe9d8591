"""Flags against the truth: who was found, how early, at what cost in false alarms, and the
single-agency baseline beside each figure.

A real child's level is the highest level of any person id holding their records (an
over-merged person passes its flag to everyone merged into it, as it would in practice).
Measures (children as the simulator's `people.csv` counts them):

- recall at medium and at high: exploited children flagged at that level or above. Exploited
  children are those still under 18 on the as-of date; flags are for children, so those who
  had turned 18 are counted apart (`exploited_turned_18_by_as_of`);
- precision: of person ids flagged medium or high, the share whose records are mostly an
  exploited child's;
- recall within review capacity: exploited children among the first 5 (and 20) per 1,000
  children in review order (level, then agencies corroborating, then score, then the
  earliest first_flagged_at);
- lead time: days from `first_flagged_at` to `first_disclosure_at` (positive = flagged before
  the child told anyone), median over exploited children flagged medium or high who
  disclosed; delay: days from `exploitation_start` to `first_flagged_at`, median. A flag now
  high was first flagged when it first reached high, so the same two are also given from
  `first_medium_at`, the day the child first reached medium (the threshold for a
  multi-agency response): `..._medium` figures;
- decoy rate: decoys (`decoys.csv`) flagged medium or high; and decoys among the children
  reviewed within each review capacity, the false alarms a team working down the list meets;
- the ceiling on lead time: the median lead before disclosure had every exploited child been
  flagged on the first record that is evidence of any moderate or significant indicator
  (`median_lead_days_on_first_indicator_record`): no rule over these records can do better.

The single-agency baseline scores each agency's own records alone
(`result_flags_single_agency`): for each agency kind the same measures, its review capacity
filled from its own records in its own order; `best_single_agency_*` is the best kind on
each measure separately, which flatters the baseline. Child by child, `..._single_agency`
figures count the exploited children Lookout put at medium before any one agency alone did
(a child no agency alone has at medium counts from the as-of date). A second baseline counts instead of
scoring: each agency reviews the children its own events name most often in the last year
(schools: unauthorised absent sessions too), 5 per 1,000 children, on a list it redraws each
month; `counting_baseline_*` gives the recall and decoys among those reviewed on the as-of
date for the kind that finds most, and the median lead before disclosure from the first
month each of them was on the list.
"""

from __future__ import annotations

from pathlib import Path
from statistics import median

import duckdb

from lookout.evaluate.report import SECTIONS, Section
from lookout.warehouse.database import table_names

__all__ = ["flags_section", "linkage_from_truth"]

CAPACITIES = (5, 20)
_RANK = "CASE level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END"


def linkage_from_truth(con: duckdb.DuckDBPyConnection, truth: Path) -> int:
    """Write `result_linkage` straight from `truth/records.csv` (person id = truth id), so
    indicators can be measured apart from linkage quality. Only for tests and evaluation."""
    con.execute("""CREATE OR REPLACE TABLE result_linkage AS
                   SELECT t.source, t.record_id, t.truth_id AS person_id, 1.0 AS match_probability
                   FROM read_csv(?, all_varchar = true) t
                   JOIN person_records p USING (source, record_id)""", [str(truth / "records.csv")])
    return con.execute("SELECT count(*) FROM result_linkage").fetchall()[0][0]


def _measures(cur: duckdb.DuckDBPyConnection, scored: str, children: int,
              samples: dict[str, list] | None = None) -> dict[str, float | int | None]:
    """Measures over `scored(subject, truth_id, rank, score, agencies, first_flagged_at,
    first_medium_at)`; the lead times behind the medians go into `samples` when given (so
    several counties can be pooled)."""
    samples = {} if samples is None else samples
    out: dict[str, float | int | None] = {}
    per_child = cur.execute(f"""
        WITH best AS (
            SELECT truth_id, max(rank) AS rank FROM {scored} GROUP BY truth_id),
        dated AS (
            SELECT s.truth_id, b.rank, min(s.first_flagged_at) AS first_flagged_at,
                   min(s.first_medium_at) AS first_medium_at
            FROM {scored} s JOIN best b ON b.truth_id = s.truth_id AND s.rank = b.rank
            GROUP BY s.truth_id, b.rank)
        SELECT p.truth_id, e.truth_id IS NOT NULL, d.truth_id IS NOT NULL, coalesce(d.rank, 0),
               d.first_flagged_at, TRY_CAST(p.exploitation_start AS DATE),
               TRY_CAST(p.first_disclosure_at AS DATE), d.first_medium_at
        FROM ev_people p LEFT JOIN ev_exploited e USING (truth_id)
        LEFT JOIN dated d USING (truth_id)
        WHERE p.kind = 'child'""").fetchall()
    exploited = [r for r in per_child if r[1]]
    n = len(exploited)
    out["exploited_children"] = n
    out["recall_medium"] = round(sum(r[3] >= 2 for r in exploited) / n, 4) if n else None
    out["recall_high"] = round(sum(r[3] >= 3 for r in exploited) / n, 4) if n else None
    flagged = cur.execute(f"""
        WITH owner AS (SELECT subject, arg_max(truth_id, c) AS truth_id
                       FROM (SELECT subject, truth_id, count(*) AS c FROM ev_subject_truth GROUP BY ALL)
                       GROUP BY subject)
        SELECT count(*), count(*) FILTER (WHERE p.exploited = 'Y')
        FROM (SELECT DISTINCT subject FROM {scored} WHERE rank >= 2) f
        JOIN owner o USING (subject) JOIN ev_people p USING (truth_id)""").fetchall()[0]
    out["flagged_medium_or_high"] = flagged[0]
    out["precision_medium"] = round(flagged[1] / flagged[0], 4) if flagged[0] else None
    for per_thousand in CAPACITIES:
        k = max(1, round(children * per_thousand / 1000))
        found, decoys_reviewed, decoys = cur.execute(f"""
            WITH ordered AS (
                SELECT subject FROM (SELECT DISTINCT subject, rank, agencies, score, first_flagged_at
                                     FROM {scored} WHERE rank > 0)
                ORDER BY rank DESC, agencies DESC, score DESC, first_flagged_at, subject LIMIT {k}),
            reviewed AS (SELECT DISTINCT s.truth_id FROM {scored} s JOIN ordered USING (subject))
            SELECT (SELECT count(*) FROM reviewed JOIN ev_exploited USING (truth_id)),
                   (SELECT count(*) FROM reviewed JOIN ev_decoys USING (truth_id)),
                   (SELECT count(*) FROM ev_decoys)""").fetchall()[0]
        out[f"recall_within_{per_thousand}_per_1000"] = round(found / n, 4) if n else None
        out[f"reviews_at_{per_thousand}_per_1000"] = k
        out[f"decoy_rate_within_{per_thousand}_per_1000"] = round(decoys_reviewed / decoys, 4) if decoys else None
    leads = [(r[6] - r[4]).days for r in exploited if r[3] >= 2 and r[6] and r[4]]
    delays = [(r[4] - r[5]).days for r in exploited if r[3] >= 2 and r[5] and r[4]]
    out["median_lead_days_before_disclosure"] = median(leads) if leads else None
    out["disclosed_and_flagged"] = len(leads)
    samples["lead_days"] = sorted(leads)
    out["median_delay_days_after_start"] = median(delays) if delays else None
    leads = [(r[6] - r[7]).days for r in exploited if r[3] >= 2 and r[6] and r[7]]
    delays = [(r[7] - r[5]).days for r in exploited if r[3] >= 2 and r[5] and r[7]]
    out["median_lead_days_before_disclosure_medium"] = median(leads) if leads else None
    samples["lead_days_medium"] = sorted(leads)
    out["median_delay_days_after_start_medium"] = median(delays) if delays else None
    decoys = cur.execute(f"""
        SELECT count(*), count(*) FILTER (WHERE f.truth_id IS NOT NULL)
        FROM ev_decoys d LEFT JOIN (SELECT DISTINCT truth_id FROM {scored} WHERE rank >= 2) f
        USING (truth_id)""").fetchall()[0]
    out["decoys"] = decoys[0]
    out["decoy_rate_medium"] = round(decoys[1] / decoys[0], 4) if decoys[0] else None
    return out


def _counting_baseline(cur: duckdb.DuckDBPyConnection, as_of, children: int) -> dict[str, dict]:
    """Each agency counting its own records: on each monthly review date (the as-of date and
    each month back from it), its children ranked by how many of its own events named them in
    the year before (schools add unauthorised absent sessions), the first 5 per 1,000 children
    reviewed. Per kind: recall and decoys among those reviewed on the as-of date, and the
    median lead before disclosure from the first review date each exploited child reviewed
    then had been on the list (hindsight, like `first_flagged_at`)."""
    tables = table_names(cur)
    if not {"events", "event_participants", "person_records"} <= tables:
        return {}
    k = max(1, round(children * 5 / 1000))
    absences = ("UNION ALL SELECT 'education', _source, upn, week_start, sum(unauthorised_absences) "
                "FROM attendance_weekly WHERE week_start <= CAST($as_of AS DATE) GROUP BY ALL"
                ) if "attendance_weekly" in tables else ""
    cur.execute(f"""
        CREATE OR REPLACE TEMP TABLE ev_counting AS
        WITH daily AS (
            SELECT e.kind, p.source, p.record_id, CAST(e.at AS DATE) AS day,
                   count(DISTINCT e.event_id) AS n
            FROM event_participants p JOIN events e USING (source, event_id)
            WHERE CAST(e.at AS DATE) <= CAST($as_of AS DATE)
            GROUP BY ALL
            {absences}),
        reviews AS (
            SELECT CAST(CAST($as_of AS DATE) - to_months(CAST(i AS INTEGER)) AS DATE) AS review_on
            FROM range(0, 1 + coalesce(date_diff('month', (SELECT min(day) FROM daily), CAST($as_of AS DATE)), 0)) t(i)),
        counts AS (
            SELECT d.kind, d.source, d.record_id, r.review_on, sum(d.n) AS n
            FROM daily d JOIN reviews r ON d.day <= r.review_on AND d.day > r.review_on - INTERVAL 365 DAY
            GROUP BY ALL),
        ranked AS (
            SELECT c.*, row_number() OVER (PARTITION BY c.kind, c.review_on
                                           ORDER BY c.n DESC, c.source, c.record_id) AS place
            FROM counts c JOIN person_records r ON r.source = c.source AND r.record_id = c.record_id
            WHERE r.dob > c.review_on - INTERVAL 18 YEAR)
        SELECT DISTINCT r.kind, r.review_on, t.truth_id FROM ranked r
        JOIN ev_records t ON t.source = r.source AND t.record_id = r.record_id
        WHERE r.place <= {k}""", {"as_of": as_of})
    rows = cur.execute("""
        WITH now AS (SELECT DISTINCT kind, truth_id FROM ev_counting WHERE review_on = CAST($as_of AS DATE)),
        first AS (SELECT kind, truth_id, min(review_on) AS first_reviewed FROM ev_counting GROUP BY ALL)
        SELECT n.kind, count(*) FILTER (WHERE n.truth_id IN (SELECT truth_id FROM ev_exploited)),
               count(*) FILTER (WHERE n.truth_id IN (SELECT truth_id FROM ev_decoys)),
               list(date_diff('day', f.first_reviewed, TRY_CAST(p.first_disclosure_at AS DATE)))
                   FILTER (WHERE n.truth_id IN (SELECT truth_id FROM ev_exploited)
                           AND TRY_CAST(p.first_disclosure_at AS DATE) IS NOT NULL)
        FROM now n JOIN first f USING (kind, truth_id) JOIN ev_people p USING (truth_id)
        GROUP BY n.kind ORDER BY n.kind""", {"as_of": as_of}).fetchall()
    exploited = cur.execute("SELECT count(*) FROM ev_exploited").fetchall()[0][0]
    decoys = cur.execute("SELECT count(*) FROM ev_decoys").fetchall()[0][0]
    return {kind: {"recall_within_5_per_1000": round(found / exploited, 4) if exploited else None,
                   "decoy_rate_within_5_per_1000": round(false / decoys, 4) if decoys else None,
                   "median_lead_days_before_disclosure": median(leads) if leads else None,
                   "disclosed_and_reviewed": len(leads or []), "lead_days": sorted(leads or [])}
            for kind, found, false, leads in rows}


def _paired_with_single_agencies(cur: duckdb.DuckDBPyConnection, as_of,
                                 samples: dict[str, list]) -> dict[str, float | int | None]:
    """Child by child: for each exploited child Lookout flags at medium or high, how many days
    before any one agency alone (`result_flags_single_agency`) first put them at medium. A
    child no agency alone has at medium counts from the as-of date (at least that many days).
    A single agency's record that stood at medium once but has since fallen back is not in
    the baseline's table, so it counts as never: this flatters Lookout for those children."""
    if "first_medium_at" not in {r[0] for r in cur.execute("DESCRIBE result_flags_single_agency").fetchall()}:
        return {}
    gains = cur.execute("""
        WITH joined AS (
            SELECT t.truth_id, min(f.first_medium_at) AS at
            FROM result_flags f JOIN result_linkage l USING (person_id)
            JOIN ev_records t ON t.source = l.source AND t.record_id = l.record_id
            WHERE f.first_medium_at IS NOT NULL GROUP BY t.truth_id),
        alone AS (
            SELECT t.truth_id, min(f.first_medium_at) AS at
            FROM result_flags_single_agency f JOIN ev_records t USING (source, record_id)
            WHERE f.first_medium_at IS NOT NULL GROUP BY t.truth_id)
        SELECT date_diff('day', j.at, coalesce(a.at, CAST($as_of AS DATE))), a.at IS NULL
        FROM ev_exploited x JOIN joined j USING (truth_id) LEFT JOIN alone a USING (truth_id)""",
                        {"as_of": as_of}).fetchall()
    days = [g for g, _ in gains]
    samples["days_earlier_than_any_single_agency"] = sorted(days)
    return {"exploited_at_medium_paired": len(days),
            "earlier_than_any_single_agency": sum(d > 0 for d in days),
            "same_day_as_a_single_agency": sum(d == 0 for d in days),
            "later_than_a_single_agency": sum(d < 0 for d in days),
            "no_single_agency_at_medium": sum(never for _, never in gains),
            "median_days_earlier_than_any_single_agency": median(days) if days else None}


def _first_record_lead(cur: duckdb.DuckDBPyConnection, as_of,
                       samples: dict[str, list]) -> dict[str, float | int | None]:
    """The most any rule could achieve on these records: the median lead before disclosure had
    each exploited child been flagged on the first record that is evidence of any moderate or
    significant indicator (made before they were 18), whatever the scoring."""
    if "indicator_evidence" not in table_names(cur):
        return {}
    leads = [r[0] for r in cur.execute("""
        WITH first AS (
            SELECT t.truth_id, min(CAST(e.at AS DATE)) AS first_at
            FROM indicator_evidence e JOIN indicator_rules r USING (indicator_id)
            JOIN ev_records t USING (source, record_id)
            WHERE r.tier <> 'vulnerability' AND CAST(e.at AS DATE) <= CAST($as_of AS DATE)
              AND (e.record_dob IS NULL OR e.at < e.record_dob + INTERVAL 18 YEAR)
            GROUP BY t.truth_id)
        SELECT date_diff('day', f.first_at, TRY_CAST(p.first_disclosure_at AS DATE))
        FROM ev_exploited x JOIN ev_people p USING (truth_id) JOIN first f USING (truth_id)
        WHERE TRY_CAST(p.first_disclosure_at AS DATE) IS NOT NULL""", {"as_of": as_of}).fetchall()]
    samples["lead_days_on_first_indicator_record"] = sorted(leads)
    return {"median_lead_days_on_first_indicator_record": median(leads) if leads else None,
            "disclosed_with_indicator_records": len(leads)}


def _first_medium(cur: duckdb.DuckDBPyConnection, table: str) -> str:
    """`f.first_medium_at`, or NULL for a workspace scored before flags recorded it."""
    columns = {r[0] for r in cur.execute(f"DESCRIBE {table}").fetchall()}
    return "f.first_medium_at" if "first_medium_at" in columns else "CAST(NULL AS DATE) AS first_medium_at"


def flags_section(con: duckdb.DuckDBPyConnection, truth: Path) -> Section:
    """Evaluate `result_flags` (and `result_flags_single_agency`) against the truth."""
    cur = con.cursor()
    cur.execute("CREATE OR REPLACE TEMP TABLE ev_people AS SELECT * FROM read_csv(?, all_varchar = true)",
                [str(truth / "people.csv")])
    cur.execute("CREATE OR REPLACE TEMP TABLE ev_decoys AS SELECT * FROM read_csv(?, all_varchar = true)",
                [str(truth / "decoys.csv")])
    cur.execute("CREATE OR REPLACE TEMP TABLE ev_records AS SELECT * FROM read_csv(?, all_varchar = true)",
                [str(truth / "records.csv")])
    children = cur.execute("SELECT count(*) FROM ev_people WHERE kind = 'child'").fetchall()[0][0]
    # Flags are for children: exploited people who had turned 18 by the as-of date are counted
    # apart, not as children the flags should find (their records after 18 count for nothing).
    as_of = cur.execute("SELECT max(as_of) FROM result_flags").fetchall()[0][0]
    cur.execute("""CREATE OR REPLACE TEMP TABLE ev_exploited AS
                   SELECT truth_id FROM ev_people
                   WHERE kind = 'child' AND exploited = 'Y'
                     AND (TRY_CAST(dob AS DATE) IS NULL OR TRY_CAST(dob AS DATE) > CAST(? AS DATE) - INTERVAL 18 YEAR)""",
                [as_of])
    turned_18 = cur.execute("""SELECT count(*) FROM ev_people WHERE kind = 'child' AND exploited = 'Y'
                               AND truth_id NOT IN (SELECT truth_id FROM ev_exploited)""").fetchall()[0][0]
    # Linked: subjects are person ids; a person's truth is each of its records' truth.
    cur.execute("""CREATE OR REPLACE TEMP TABLE ev_subject_truth AS
                   SELECT l.person_id AS subject, t.truth_id
                   FROM result_linkage l JOIN ev_records t USING (source, record_id)""")
    cur.execute(f"""CREATE OR REPLACE TEMP TABLE ev_scored AS
                    SELECT DISTINCT f.person_id AS subject, st.truth_id, {_RANK} AS rank, f.score,
                           f.agencies, f.first_flagged_at, {_first_medium(cur, "result_flags")}
                    FROM result_flags f JOIN ev_subject_truth st ON st.subject = f.person_id""")
    figures: dict = {"children": children, "exploited_turned_18_by_as_of": turned_18}
    details: dict = {"single_agency": {}, "samples": {}}
    figures.update(_measures(cur, "ev_scored", children, details["samples"]))
    tables = table_names(cur)
    if "result_flags_single_agency" in tables:
        cur.execute("""CREATE OR REPLACE TEMP TABLE ev_subject_truth AS
                       SELECT source || '|' || record_id AS subject, truth_id FROM ev_records""")
        kinds = [r[0] for r in cur.execute("SELECT DISTINCT kind FROM sources ORDER BY 1").fetchall()]
        for kind in kinds:
            cur.execute(f"""CREATE OR REPLACE TEMP TABLE ev_scored AS
                            SELECT f.source || '|' || f.record_id AS subject, t.truth_id, {_RANK} AS rank,
                                   f.score, 1 AS agencies, f.first_flagged_at,
                                   {_first_medium(cur, "result_flags_single_agency")}
                            FROM result_flags_single_agency f
                            JOIN ev_records t USING (source, record_id) WHERE f.kind = ?""", [kind])
            details["single_agency"][kind] = _measures(cur, "ev_scored", children)
        higher_is_better = ("recall_medium", "recall_high", "precision_medium",
                            "recall_within_5_per_1000", "recall_within_20_per_1000",
                            "median_lead_days_before_disclosure", "median_lead_days_before_disclosure_medium")
        lower_is_better = ("median_delay_days_after_start", "median_delay_days_after_start_medium",
                           "decoy_rate_medium", "decoy_rate_within_5_per_1000", "decoy_rate_within_20_per_1000")
        for name in higher_is_better + lower_is_better:
            values = [(m[name], k) for k, m in details["single_agency"].items() if m[name] is not None]
            if values:
                best = max(values) if name in higher_is_better else min(values)
                figures[f"best_single_agency_{name}"] = best[0]
                details.setdefault("best_single_agency_kind", {})[name] = best[1]
        figures.update(_paired_with_single_agencies(cur, as_of, details["samples"]))
    figures.update(_first_record_lead(cur, as_of, details["samples"]))
    counting = _counting_baseline(cur, as_of, children)
    if counting:
        details["counting_baseline"] = counting
        best = max(counting, key=lambda kind: (counting[kind]["recall_within_5_per_1000"], kind))
        figures["counting_baseline_best_kind"] = best
        for name in ("recall_within_5_per_1000", "decoy_rate_within_5_per_1000",
                     "median_lead_days_before_disclosure"):
            figures[f"counting_baseline_{name}"] = counting[best][name]
    decoy_types = cur.execute(f"""
        SELECT d.decoy_type, count(*), count(f.truth_id)
        FROM ev_decoys d LEFT JOIN (SELECT DISTINCT st.truth_id FROM result_flags f
                                     JOIN (SELECT l.person_id, t.truth_id FROM result_linkage l
                                           JOIN ev_records t USING (source, record_id)) st
                                       ON st.person_id = f.person_id
                                     WHERE {_RANK} >= 2) f USING (truth_id)
        GROUP BY 1 ORDER BY 1""").fetchall()
    details["decoys_flagged_medium_or_high_by_type"] = {t: f"{f} of {n}" for t, n, f in decoy_types}
    cur.close()
    return Section("flags", figures, details)


SECTIONS.append(("flags", "result_flags", ("people.csv", "decoys.csv", "records.csv"),
                 flags_section))
