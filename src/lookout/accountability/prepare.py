"""Tables every check reads: people, extract dates, referrals, missing episodes, risk.

Built once per run as temporary tables of the connection (`acc_*`), so each check's query
reads as its rule and not as plumbing.

- `acc_person`: (source, record_id) -> person_id, from linkage.
- `acc_source`: each extract's agency, area and `as_of` (when it was extracted: a deadline
  later than that cannot yet have been missed).
- `acc_dob`: each person's `agreed` date of birth (one that two or more of their records give,
  more than give any other), and the `youngest` and `oldest` any of them gives.
- `acc_referral`: referrals to children's social care, by person.
- `acc_episode`: missing and away episodes from police reports and SSDA903 returns, one row
  per record, with `episode` naming the episode across sources: a care record and a police
  report of the same child starting within a day of each other are one episode. Each row
  carries the episode's best-known start and return (the police time where there is one,
  else the SSDA903 date), `returned_by` (the latest time the child can have come back: the
  police time, else the end of the SSDA903 day or the time an interview was offered, if
  earlier) and every return interview recorded for it in either source.
- `acc_risk`: each person's indicator evidence (event and date), from the indicators stage;
  `acc_flag`: each flagged person's level now.
"""

from __future__ import annotations

import duckdb
from lookout.warehouse.database import table_names

__all__ = ["prepare"]


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    """Create the `acc_*` temporary tables the checks read."""
    tables = table_names(con)
    if "result_linkage" not in tables:
        raise ValueError("accountability checks need person ids: run the link stage (`lookout link`) first")
    con.execute("CREATE OR REPLACE TEMP TABLE acc_person AS SELECT source, record_id, person_id FROM result_linkage")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE acc_source AS
        SELECT source, kind, agency, area, CAST(extracted_at AS TIMESTAMP) AS as_of FROM sources""")
    # `agreed`: a date of birth that two or more of a person's records agree on, more of them
    # than any other; it outweighs one record's typing error. `youngest`: the latest any of
    # them gives, for questions where the benefit of the doubt goes to the child (see
    # `lookout.accountability.checks.child_dob`).
    con.execute("""
        CREATE OR REPLACE TEMP TABLE acc_dob AS
        WITH stated AS (
            -- every date of birth written down: each person-record's, and each attendance's
            -- and pupil row's (a patient or pupil seen many times has one record, many rows)
            SELECT source, record_id, dob FROM person_records WHERE kind NOT IN ('health_sexual', 'education')
            UNION ALL SELECT _source, patient_ref, dob FROM health_sexual_attendances
            UNION ALL SELECT _source, upn, dob FROM education_pupils),
        counted AS (
            SELECT l.person_id, r.dob, count(*) AS records
            FROM stated r JOIN acc_person l USING (source, record_id)
            WHERE r.dob IS NOT NULL GROUP BY ALL),
        ranked AS (
            SELECT *, row_number() OVER (PARTITION BY person_id ORDER BY records DESC, dob) AS rank,
                      lead(records) OVER (PARTITION BY person_id ORDER BY records DESC, dob) AS runner_up
            FROM counted)
        SELECT person_id,
               max(dob) FILTER (WHERE rank = 1 AND records >= 2 AND coalesce(runner_up, 0) < records) AS agreed,
               max(dob) AS youngest, min(dob) AS oldest
        FROM ranked GROUP BY person_id""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE acc_referral AS
        SELECT l.person_id, f._source AS source, f.referral_id, f.received_at, f.source AS referral_source,
               f.decision, f.decision_at
        FROM social_care_referrals f
        JOIN acc_person l ON l.source = f._source AND l.record_id = f.la_child_id""")
    if "result_flag_evidence" in tables:
        con.execute("""
            CREATE OR REPLACE TEMP TABLE acc_risk AS
            SELECT DISTINCT person_id, event_id, "at" FROM result_flag_evidence WHERE "at" IS NOT NULL""")
    else:
        con.execute('CREATE OR REPLACE TEMP TABLE acc_risk (person_id VARCHAR, event_id VARCHAR, "at" TIMESTAMP)')
    if "result_flags" in tables:
        con.execute("CREATE OR REPLACE TEMP TABLE acc_flag AS SELECT person_id, level FROM result_flags")
    else:
        con.execute("CREATE OR REPLACE TEMP TABLE acc_flag (person_id VARCHAR, level VARCHAR)")
    _episodes(con)


def _episodes(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        CREATE OR REPLACE TEMP TABLE acc_episode_record AS
        WITH interview AS (
            SELECT _source, child, mis_start, min(held_at) AS held_at, min(offered_at) AS offered_at,
                   min(offered_at) FILTER (WHERE declined) AS declined_offer_at
            FROM social_care_return_interviews GROUP BY ALL)
        SELECT m._source AS source, m.episode_id AS record_id, m._line AS line, m.nominal_id AS person_record,
               l.person_id, 'police' AS kind, m.reported_at AS started_at, m.found_at AS returned_at,
               m.found_at AS returned_by, true AS exact, m.return_interview_at AS held_at,
               CAST(NULL AS TIMESTAMP) AS declined_offer_at,
               coalesce(d.agreed, greatest(d.youngest, n.dob)) AS dob
        FROM police_missing_episodes m
        LEFT JOIN police_nominals n ON n._source = m._source AND n.nominal_id = m.nominal_id
        LEFT JOIN acc_person l ON l.source = m._source AND l.record_id = m.nominal_id
        LEFT JOIN acc_dob d ON d.person_id = l.person_id
        UNION ALL
        SELECT m._source, m.child || '/' || strftime(m.mis_start, '%Y-%m-%d'), m._line, m.child,
               l.person_id, 'care', CAST(m.mis_start AS TIMESTAMP), CAST(m.mis_end AS TIMESTAMP),
               -- the return is known only to the day; the child was back by the end of it, and by
               -- the time a return interview was offered
               least(CAST(m.mis_end AS TIMESTAMP) + INTERVAL 1 DAY - INTERVAL 1 SECOND,
                     CASE WHEN i.offered_at >= CAST(m.mis_end AS TIMESTAMP) THEN i.offered_at END),
               false, i.held_at, i.declined_offer_at, coalesce(d.agreed, greatest(d.youngest, r.dob))
        FROM social_care_ssda903_missing m
        LEFT JOIN interview i ON i._source = m._source AND i.child = m.child AND i.mis_start = m.mis_start
        LEFT JOIN person_records r ON r.source = m._source AND r.record_id = m.child
        LEFT JOIN acc_person l ON l.source = m._source AND l.record_id = m.child
        LEFT JOIN acc_dob d ON d.person_id = l.person_id""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE acc_episode AS
        WITH pairs AS (
            SELECT c.source AS c_source, c.record_id AS c_record, p.source || '|' || p.record_id AS episode,
                   row_number() OVER (PARTITION BY c.source, c.record_id
                                      ORDER BY abs(date_diff('hour', p.started_at, c.started_at)), p.record_id) AS rank
            FROM acc_episode_record c JOIN acc_episode_record p
              ON c.kind = 'care' AND p.kind = 'police' AND p.person_id = c.person_id
             AND abs(date_diff('day', CAST(p.started_at AS DATE), CAST(c.started_at AS DATE))) <= 1),
        keyed AS (
            SELECT e.*, coalesce(p.episode, e.source || '|' || e.record_id) AS episode
            FROM acc_episode_record e
            LEFT JOIN pairs p ON p.rank = 1 AND p.c_source = e.source AND p.c_record = e.record_id),
        best AS (
            SELECT episode,
                   coalesce(min(started_at) FILTER (WHERE exact), min(started_at)) AS episode_start,
                   bool_or(exact) AS exact_start,
                   coalesce(max(returned_at) FILTER (WHERE exact), max(returned_at)) AS episode_return,
                   bool_or(exact AND returned_at IS NOT NULL) AS exact_return,
                   coalesce(max(returned_by) FILTER (WHERE exact), min(returned_by)) AS returned_by,
                   min(held_at) AS episode_held_at, min(declined_offer_at) AS episode_declined_offer_at
            FROM keyed GROUP BY episode)
        SELECT k.source, k.record_id, k.line, k.person_record, k.person_id, k.kind, k.started_at, k.returned_at,
               k.exact, k.held_at, k.declined_offer_at, k.dob, k.episode,
               b.episode_start, b.exact_start, b.episode_return, b.exact_return, b.returned_by, b.episode_held_at,
               b.episode_declined_offer_at
        FROM keyed k JOIN best b USING (episode)""")
