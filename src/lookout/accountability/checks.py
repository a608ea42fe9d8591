"""One query per check: every case the check judges, and whether it was handled in time.

Each query returns one row per case, with the record it cites and the columns of `COLUMNS`:
the case's source and record id (the event's own id: episode, referral, incident, evidence,
concern, attendance or note), its line in the extract, the child (`person_id`), when the clock
started (`raised_at`), when the action was due (`due_at`), when it was done (`done_at`, blank
if never), `failed`, and a one-line summary. A case whose deadline had not passed when its
extract was taken, with nothing done yet, cannot be judged and is left out, except where the
service's own record already says it did not act (a concern with no referral made).

Queries read the `acc_*` tables of `lookout.accountability.prepare` and the typed tables of
the warehouse; their limits come from the catalogue's `params`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import duckdb

from lookout.accountability.language import find_phrases, suggestion
from lookout.accountability.working_days import due_by_working_days
from lookout.chronology.free_text import FreeText
from lookout.indicators.facts import age_sql
from lookout.warehouse.database import table_names

__all__ = ["CHECK_SQL", "COLUMNS"]

COLUMNS = ("source", "record_id", "line", "person_id", "raised_at", "due_at", "done_at", "failed", "summary")

Params = dict[str, Any]


def _codes(values: list[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _referred_within(person: str, start: str, days: int, sources: list[str]) -> str:
    """SQL: the earliest referral to children's social care for `person` from `start` to
    `days` days after it, from one of the CIN census referral `sources` (NULL if none)."""
    return (f"(SELECT min(f.received_at) FROM acc_referral f WHERE f.person_id = {person} "
            f"AND f.referral_source IN ({_codes(sources)}) "
            f"AND f.received_at >= {start} AND f.received_at <= {start} + INTERVAL {int(days)} DAY)")


def child_dob(record_dob: str) -> str:
    """SQL: the date of birth to judge whether someone was a child (under 18, or under 16):
    the one the person's records agree on, else the youngest any record gives. When in doubt
    about whether someone is a child, the benefit of the doubt goes to the child (ADCS, Age
    assessment guidance, 2015). Needs `acc_dob` joined as `d`."""
    return f"coalesce(d.agreed, greatest(d.youngest, {record_dob}))"


def recorded_dob(record_dob: str) -> str:
    """SQL: the date of birth for a finding that claims a younger age (under 13): the one the
    person's records agree on, else the record's own (what the service knew at the time)
    unless the person's other records contradict it with no majority either way."""
    return (f"coalesce(d.agreed, CASE WHEN d.youngest IS NULL OR d.youngest = d.oldest "
            f"THEN {record_dob} END)")


def _ts(expression: str) -> str:
    return f"strftime({expression}, '%Y-%m-%d %H:%M')"


def missing_no_return_interview(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    hours = int(p["hours"])
    # Where only the SSDA903 date of return is known, the hours run from the latest time the
    # child can have been back (`returned_by`: the end of that day, or an earlier offer).
    return f"""
        WITH judged AS (
            SELECT e.*, s.as_of, e.returned_by + INTERVAL {hours} HOUR AS due
            FROM acc_episode e JOIN acc_source s USING (source)
            WHERE e.episode_return IS NOT NULL
              -- a child; with no date of birth anywhere, a child in care's SSDA903 record is still
              -- a child's, while a police nominal without one is taken to be an adult's (police
              -- nearly always record a child's date of birth; the indicators read it the same way)
              AND (e.dob IS NULL AND e.kind = 'care' OR {age_sql('e.dob', 'e.episode_start')} < 18))
        SELECT source, record_id, line, person_id, episode_return AS raised_at, due AS due_at,
               episode_held_at AS done_at,
               NOT coalesce(episode_held_at <= due OR episode_declined_offer_at <= due, false) AS failed,
               CASE WHEN dob IS NULL THEN 'Date of birth not recorded (a child in care). ' ELSE '' END ||
               'Missing from ' || {_ts('episode_start')} || ', back ' ||
               CASE WHEN exact_return THEN {_ts('episode_return')} ELSE strftime(episode_return, '%Y-%m-%d') END ||
               '; return home interview ' ||
               CASE WHEN episode_held_at IS NOT NULL
                    THEN 'held ' || {_ts('episode_held_at')}
                    WHEN episode_declined_offer_at IS NOT NULL
                    THEN 'offered ' || {_ts('episode_declined_offer_at')} || ' and declined'
                    ELSE 'not recorded' END ||
               ' (due within {hours} hours, by ' || {_ts('due')} || ')' AS summary
        FROM judged
        WHERE episode_held_at IS NOT NULL OR episode_declined_offer_at IS NOT NULL OR as_of > due"""


def repeat_missing_no_strategy(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    episodes, within, respond = int(p["episodes"]), int(p["within_days"]), int(p["respond_days"])
    return f"""
        WITH episode AS (
            -- one row per episode, however many sources recorded it (their dates of birth may differ)
            SELECT person_id, episode, min(episode_start) AS episode_start, bool_or(exact_start) AS exact_start,
                   max(dob) AS dob, bool_or(kind = 'care') AS in_care_record
            FROM acc_episode WHERE person_id IS NOT NULL GROUP BY person_id, episode),
        counted AS (
            SELECT *, count(*) OVER (PARTITION BY person_id ORDER BY episode_start
                                     RANGE BETWEEN INTERVAL {within} DAY PRECEDING AND CURRENT ROW) AS recent,
                   -- a care record gives only a date: its 7 days run to the end of the 7th day after
                   CASE WHEN exact_start THEN episode_start + INTERVAL {respond} DAY
                        ELSE episode_start + INTERVAL {respond + 1} DAY - INTERVAL 1 SECOND END AS due
            FROM episode),
        repeated AS (
            SELECT c.*,
                   (SELECT min(least(f.received_at, CASE WHEN f.decision = 'strategy_meeting' THEN f.decision_at END))
                    FROM acc_referral f WHERE f.person_id = c.person_id
                      AND (f.received_at BETWEEN c.episode_start AND c.due
                           OR f.decision = 'strategy_meeting' AND f.decision_at BETWEEN c.episode_start AND c.due))
                   AS answered_at
            FROM counted c
            WHERE recent >= {episodes}
              AND (dob IS NULL AND in_care_record OR {age_sql('dob', 'episode_start')} < 18))
        SELECT e.source, e.record_id, e.line, e.person_id, r.episode_start AS raised_at, r.due AS due_at,
               r.answered_at AS done_at, r.answered_at IS NULL AS failed,
               'Missing episode ' || {_ts('r.episode_start')} || ' was the child''s ' || r.recent::VARCHAR ||
               ' in {within} days; ' ||
               coalesce('referral or strategy meeting ' || {_ts('r.answered_at')},
                        'no referral or strategy meeting within {respond} days (by ' || {_ts('r.due')} || ')')
               AS summary
        FROM repeated r JOIN acc_episode e USING (person_id, episode)
        JOIN acc_source s ON s.source = e.source
        WHERE r.answered_at IS NOT NULL OR s.as_of > r.due"""


def referral_no_decision(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    working = int(p["working_days"])
    bounds = con.execute("SELECT min(CAST(received_at AS DATE)), max(CAST(received_at AS DATE)) "
                         "FROM social_care_referrals").fetchall()[0]
    con.execute("CREATE OR REPLACE TEMP TABLE acc_working_due (day DATE, due DATE)")
    if bounds[0] is not None:
        days = [bounds[0] + dt.timedelta(days=i) for i in range((bounds[1] - bounds[0]).days + 1)]
        con.executemany("INSERT INTO acc_working_due VALUES (?, ?)",
                        [(d, due_by_working_days(d, working)) for d in days])
    return f"""
        WITH judged AS (
            SELECT f.*, l.person_id, s.as_of,
                   CAST(w.due AS TIMESTAMP) + INTERVAL 1 DAY - INTERVAL 1 SECOND AS due
            FROM social_care_referrals f
            JOIN acc_working_due w ON w.day = CAST(f.received_at AS DATE)
            JOIN acc_source s ON s.source = f._source
            LEFT JOIN acc_person l ON l.source = f._source AND l.record_id = f.la_child_id)
        SELECT _source, referral_id, _line, person_id, received_at, due, decision_at,
               decision_at IS NULL OR decision_at > due,
               'Referral received ' || {_ts('received_at')} || '; ' ||
               CASE WHEN decision_at IS NOT NULL
                    THEN 'decision (' || coalesce(decision, 'not named') || ') ' || {_ts('decision_at')}
                    WHEN decision IS NOT NULL THEN 'decision (' || decision || ') with no date'
                    ELSE 'no decision recorded' END ||
               ' (due within {working} working day, by ' || strftime(due, '%Y-%m-%d') || ')'
        FROM judged
        -- a decision recorded without its date cannot be timed, so it is not judged
        WHERE decision_at IS NOT NULL OR (decision IS NULL AND as_of > due)"""


def sexual_offence_closed_no_referral(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    respond = int(p["respond_days"])
    at = "coalesce(i.occurred_at, i.reported_at)"
    return f"""
        WITH victim AS (
            SELECT i._source, i.incident_id, i._line, i.reported_at, i.outcome, i.outcome_at, l.person_id,
                   {age_sql(child_dob('n.dob'), at)} AS age
            FROM police_incidents i
            JOIN police_incident_people v ON v._source = i._source AND v.incident_id = i.incident_id
                                          AND v.role = 'victim'
            LEFT JOIN police_nominals n ON n._source = v._source AND n.nominal_id = v.nominal_id
            LEFT JOIN acc_person l ON l.source = v._source AND l.record_id = v.nominal_id
            LEFT JOIN acc_dob d ON d.person_id = l.person_id
            WHERE i.incident_type = 'sexual_offence' AND i.outcome_at IS NOT NULL
              AND lower(i.outcome) IN ({_codes(p['closed_outcomes'])})),
        judged AS (
            SELECT v.*, v.outcome_at + INTERVAL {respond} DAY AS due,
                   (SELECT min(f.received_at) FROM acc_referral f WHERE f.person_id = v.person_id
                      AND f.received_at BETWEEN v.reported_at AND v.outcome_at + INTERVAL {respond} DAY) AS referred_at
            FROM victim v
            WHERE v.age < {int(p['under_age'])}
               OR v.age < {int(p['at_risk_under_age'])} AND EXISTS (
                    SELECT 1 FROM acc_risk r WHERE r.person_id = v.person_id AND r."at" <= v.outcome_at
                      AND r.event_id <> 'incident:' || v.incident_id))
        SELECT j._source, j.incident_id, j._line, j.person_id, j.outcome_at, j.due, j.referred_at,
               j.referred_at IS NULL,
               'Sexual offence against a child aged ' || j.age::VARCHAR || ' reported ' || {_ts('j.reported_at')} ||
               ', closed ' || {_ts('j.outcome_at')} || ' with outcome ' || j.outcome || '; ' ||
               coalesce('referral received ' || {_ts('j.referred_at')},
                        'no referral to children''s social care by ' || strftime(j.due, '%Y-%m-%d'))
        FROM judged j JOIN acc_source s ON s.source = j._source
        WHERE j.referred_at IS NOT NULL OR s.as_of > j.due"""


def evidence_no_decision(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    days = int(p["decide_days"])
    return f"""
        WITH victim AS (
            SELECT v._source, v.incident_id, min(l.person_id) AS person_id
            FROM police_incident_people v
            JOIN acc_person l ON l.source = v._source AND l.record_id = v.nominal_id
            WHERE v.role = 'victim' GROUP BY ALL),
        judged AS (
            SELECT e.*, v.person_id, s.as_of, e.offered_at + INTERVAL {days} DAY AS due,
                   e.decision = 'declined' AND nullif(trim(coalesce(e.decision_reason, '')), '') IS NULL AS no_reason
            FROM police_evidence e
            JOIN acc_source s ON s.source = e._source
            LEFT JOIN victim v ON v._source = e._source AND v.incident_id = e.incident_id)
        SELECT _source, evidence_id, _line, person_id, offered_at, due, decision_at,
               no_reason OR decision_at > due OR (decision IS NULL AND as_of > due),
               'Evidence (' || description || ') offered ' || {_ts('offered_at')} ||
               coalesce(' by ' || offered_by, '') || '; ' ||
               CASE WHEN no_reason THEN 'declined with no reason recorded'
                    WHEN decision IS NULL THEN 'no decision recorded'
                    ELSE decision || coalesce(' ' || {_ts('decision_at')}, '') END ||
               ' (decision due within {days} days, by ' || strftime(due, '%Y-%m-%d') || ')'
        FROM judged
        WHERE decision IS NOT NULL OR as_of > due"""


def child_criminalised(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    review = int(p["review_days"])
    at = "coalesce(i.occurred_at, i.reported_at)"
    return f"""
        WITH treated AS (
            SELECT i._source, i.incident_id, i._line, i.incident_type, i.reported_at, i.outcome,
                   {at} AS at_time, v.role, l.person_id, {age_sql(child_dob('n.dob'), at)} AS age
            FROM police_incidents i
            JOIN police_incident_people v ON v._source = i._source AND v.incident_id = i.incident_id
            LEFT JOIN police_nominals n ON n._source = v._source AND n.nominal_id = v.nominal_id
            LEFT JOIN acc_person l ON l.source = v._source AND l.record_id = v.nominal_id
            LEFT JOIN acc_dob d ON d.person_id = l.person_id
            WHERE v.role IN ('arrested', 'warned', 'suspect')
               OR i.incident_type = 'wasting_police_time' AND v.role NOT IN ('witness', 'victim')),
        at_risk AS (
            SELECT t.*, (SELECT count(DISTINCT r.event_id) FROM acc_risk r
                         WHERE r.person_id = t.person_id AND r."at" <= t.at_time
                           AND r.event_id <> 'incident:' || t.incident_id) AS earlier_indicators,
                   f.level AS level_now
            FROM treated t LEFT JOIN acc_flag f USING (person_id)
            WHERE t.age < 18)
        SELECT _source, incident_id, _line, person_id, reported_at, reported_at + INTERVAL {review} DAY,
               CAST(NULL AS TIMESTAMP), true,
               'Child aged ' || age::VARCHAR || ' ' ||
               CASE role WHEN 'arrested' THEN 'arrested' WHEN 'warned' THEN 'warned'
                         WHEN 'suspect' THEN 'named as a suspect' ELSE 'named (' || role || ')' END ||
               ' in a ' || replace(incident_type, '_', ' ') || ' incident ' || {_ts('at_time')} ||
               coalesce(' (outcome ' || outcome || ')', '') || '; ' ||
               CASE WHEN earlier_indicators > 0
                    THEN 'exploitation indicators already on record from ' || earlier_indicators::VARCHAR ||
                         ' earlier event(s)'
                    ELSE 'no indicators on record then, but the child is now at ' || level_now ||
                         ' risk: the arrest or warning may have been of a victim' END
        FROM (SELECT *, row_number() OVER (PARTITION BY _source, incident_id ORDER BY person_id, role) AS n
              FROM at_risk WHERE earlier_indicators > 0 OR level_now IN ({_codes(p['at_risk_levels'])}))
        WHERE n = 1"""


def _no_referral(source_sql: str, p: Params, what: str) -> str:
    """A concern that needed a referral: one made by the service itself, or a referral for
    the child that children's social care received from that kind of service (its CIN census
    referral source codes, `referral_sources`) within `respond_days`, answers it. The
    service's own record of no referral is a finding at once, due `respond_days` after."""
    respond = int(p["respond_days"])
    return f"""
        WITH concern AS ({source_sql}),
        judged AS (
            SELECT c.*, s.as_of, c.raised_at + INTERVAL {respond} DAY AS due,
                   CASE WHEN c.referred THEN coalesce(c.referred_at, c.raised_at)
                        ELSE {_referred_within('c.person_id', 'c.raised_at', respond, p['referral_sources'])}
                   END AS done
            FROM concern c JOIN acc_source s USING (source))
        SELECT source, record_id, line, person_id, raised_at, due, done, done IS NULL,
               '{what} ' || {_ts('raised_at')} || coalesce(' (' || detail || ')', '') || '; ' ||
               CASE WHEN referred THEN 'referred' || coalesce(' to ' || referred_to, '')
                    WHEN done IS NOT NULL THEN 'referral received by children''s social care ' || {_ts('done')}
                    ELSE 'no referral recorded by the service, nor received from it by children''s social care'
                         || CASE WHEN as_of > due THEN ' within {respond} days' ELSE ' yet' END END
        -- the service's own record says it did not refer: a finding at once, due within the days
        FROM judged"""


def concern_no_referral(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    words = " OR ".join(f"regexp_matches(lower(c.category), '(^|[^a-z]){w}')" for w in p["category_words"])
    return _no_referral(f"""
        SELECT c._source AS source, c.concern_id AS record_id, c._line AS line, l.person_id,
               c.recorded_at AS raised_at, 'category ' || c.category AS detail,
               nullif(trim(coalesce(c.referred_to, '')), '') IS NOT NULL AS referred, c.referred_at,
               c.referred_to
        FROM education_concerns c
        LEFT JOIN acc_person l ON l.source = c._source AND l.record_id = c.upn
        WHERE {words}""", p, "School safeguarding concern")


def sts_concern_no_referral(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    return _no_referral(f"""
        SELECT a._source AS source, a.attendance_id AS record_id, a._line AS line, l.person_id,
               a.attended_at AS raised_at, 'concerns: ' || array_to_string(a.sts_flags, ', ') ||
               CASE WHEN coalesce(d.youngest, a.dob) IS NULL THEN '; age not recorded' ELSE '' END AS detail,
               coalesce(a.referral_made, false) AS referred, a.referral_at AS referred_at, a.referral_to AS referred_to
        FROM health_sexual_attendances a
        LEFT JOIN acc_person l ON l.source = a._source AND l.record_id = a.patient_ref
        LEFT JOIN acc_dob d ON d.person_id = l.person_id
        -- the proforma is completed only for under-18s, so one with concerns and no date of
        -- birth is judged too
        WHERE len(coalesce(a.sts_flags, [])) > 0
          AND coalesce({age_sql(child_dob('a.dob'), 'a.attended_at')} < {int(p['under_age'])}, true)""",
                        p, "Spotting the Signs concerns at a sexual health attendance")


def ae_safeguarding_no_referral(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    return _no_referral(f"""
        SELECT a._source AS source, a.attendance_id AS record_id, a._line AS line, l.person_id,
               a.arrived_at AS raised_at, coalesce(a.chief_complaint, 'no complaint recorded') ||
               CASE WHEN coalesce(d.youngest, a.dob) IS NULL THEN '; age not recorded' ELSE '' END AS detail,
               coalesce(a.referred_to_social_care, false) AS referred, CAST(NULL AS TIMESTAMP) AS referred_at,
               CASE WHEN a.referred_to_social_care THEN 'social care' END AS referred_to
        FROM health_emergency_attendances a
        LEFT JOIN acc_person l ON l.source = a._source AND l.record_id = a.attendance_id
        LEFT JOIN acc_dob d ON d.person_id = l.person_id
        -- an attendance of unknown age with a safeguarding concern is judged too, and says so
        WHERE coalesce(a.safeguarding_concern, false)
          AND coalesce({age_sql(child_dob('a.dob'), 'a.arrived_at')} < {int(p['under_age'])}, true)""",
                        p, "A&E attendance with a safeguarding concern")


def under13_sexual_activity_no_referral(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    return _no_referral(f"""
        SELECT a._source AS source, a.attendance_id AS record_id, a._line AS line, l.person_id,
               a.attended_at AS raised_at,
               'aged ' || {age_sql(recorded_dob('a.dob'), 'a.attended_at')}::VARCHAR || ': ' ||
               array_to_string(list_concat(coalesce(a.services, []), coalesce(a.diagnoses, [])), ', ') AS detail,
               coalesce(a.referral_made, false) AS referred, a.referral_at AS referred_at, a.referral_to AS referred_to
        FROM health_sexual_attendances a
        LEFT JOIN acc_person l ON l.source = a._source AND l.record_id = a.patient_ref
        LEFT JOIN acc_dob d ON d.person_id = l.person_id
        WHERE (len(list_intersect(coalesce(a.services, []), [{_codes(p['services'])}])) > 0
               OR len(coalesce(a.diagnoses, [])) > 0)
          AND {age_sql(recorded_dob('a.dob'), 'a.attended_at')} <= {int(p['at_most_age'])}""",
                        p, "Sexual activity recorded at a sexual health attendance")


# Free text about a child, by record: (SQL giving source, record_id, line, person_id, at, text).
_TEXTS = {
    "case note": """
        SELECT n._source, n.note_id, n._line, l.person_id, n.recorded_at, n.text
        FROM social_care_case_notes n
        LEFT JOIN acc_person l ON l.source = n._source AND l.record_id = n.la_child_id""",
    "school concern": """
        SELECT c._source, c.concern_id, c._line, l.person_id, c.recorded_at,
               concat_ws(' ', c.summary, c.action_taken)
        FROM education_concerns c
        LEFT JOIN acc_person l ON l.source = c._source AND l.record_id = c.upn""",
    "referral reason": """
        SELECT f._source, f.referral_id, f._line, l.person_id, f.received_at, f.reason
        FROM social_care_referrals f
        LEFT JOIN acc_person l ON l.source = f._source AND l.record_id = f.la_child_id""",
    "return interview": """
        SELECT r._source, r.child || '/' || strftime(r.mis_start, '%Y-%m-%d'), r._line, l.person_id,
               coalesce(r.held_at, r.offered_at, CAST(r.mis_start AS TIMESTAMP)), r.summary
        FROM social_care_return_interviews r
        LEFT JOIN acc_person l ON l.source = r._source AND l.record_id = r.child""",
    "A&E note": """
        SELECT a._source, a.attendance_id, a._line, l.person_id, a.arrived_at, a.text
        FROM health_emergency_attendances a
        LEFT JOIN acc_person l ON l.source = a._source AND l.record_id = a.attendance_id
        LEFT JOIN acc_dob d ON d.person_id = l.person_id
        WHERE {age} < 18""",
    "incident summary": """
        SELECT i._source, i.incident_id, i._line, min(l.person_id), coalesce(i.occurred_at, i.reported_at),
               i.summary
        FROM police_incidents i
        JOIN police_incident_people v ON v._source = i._source AND v.incident_id = i.incident_id
        LEFT JOIN police_nominals n ON n._source = v._source AND n.nominal_id = v.nominal_id
        LEFT JOIN acc_person l ON l.source = v._source AND l.record_id = v.nominal_id
        LEFT JOIN acc_dob d ON d.person_id = l.person_id
        WHERE v.role IN ('victim', 'missing_person', 'found_with', 'passenger', 'warned', 'arrested', 'suspect')
          AND {incident_age} < 18
        GROUP BY ALL""",
}


# The table each kind of text is read from (a warehouse without it has none of that text).
_TEXT_TABLES = {"case note": "social_care_case_notes", "school concern": "education_concerns",
                "referral reason": "social_care_referrals", "return interview": "social_care_return_interviews",
                "A&E note": "health_emergency_attendances", "incident summary": "police_incidents"}


def victim_blaming_language(con: duckdb.DuckDBPyConnection, p: Params) -> str:
    """Phrases are matched in Python (`lookout.accountability.language`) over every free-text
    field about a child; the matches go to a temporary table the query reads."""
    review = int(p["review_days"])
    con.execute("""CREATE OR REPLACE TEMP TABLE acc_language (source VARCHAR, record_id VARCHAR, line BIGINT,
                   person_id VARCHAR, "at" TIMESTAMP, what VARCHAR, summary VARCHAR)""")
    tables = table_names(con)
    matched = []
    for what, sql in _TEXTS.items():
        if _TEXT_TABLES[what] not in tables:
            continue
        query = sql.format(age=age_sql(child_dob("a.dob"), "a.arrived_at"),
                           incident_age=age_sql(child_dob("n.dob"), "coalesce(i.occurred_at, i.reported_at)"))
        for source, record_id, line, person_id, at, text in con.execute(query).fetchall():
            matches = find_phrases(text)
            if matches:
                matched.append(((source, record_id, line, person_id, at, what), matches))
    # the quoted words are shown pseudonymised, as every view of an agency's free text is
    contexts = iter(FreeText.each(con, [row[3] for row, ms in matched for _ in ms],
                                  [m.context for _, ms in matched for m in ms]))
    found = []
    for row, matches in matched:
        quoted = "; ".join(f"'{m.found}' in \"{next(contexts)}\" (suggest: {suggestion(m)})" for m in matches)
        found.append((*row, f"{row[5].capitalize()}: {quoted}"))
    if found:
        con.executemany("INSERT INTO acc_language VALUES (?, ?, ?, ?, ?, ?, ?)", found)
    return f"""
        SELECT source, record_id, line, person_id, "at", "at" + INTERVAL {review} DAY, CAST(NULL AS TIMESTAMP),
               true, summary
        FROM (SELECT *, row_number() OVER (PARTITION BY source, record_id ORDER BY what) AS n FROM acc_language)
        WHERE n = 1"""


CHECK_SQL: dict[str, Callable[[duckdb.DuckDBPyConnection, Params], str]] = {
    f.__name__: f for f in (
        missing_no_return_interview, repeat_missing_no_strategy, referral_no_decision,
        sexual_offence_closed_no_referral, evidence_no_decision, child_criminalised, concern_no_referral,
        sts_concern_no_referral, ae_safeguarding_no_referral, under13_sexual_activity_no_referral,
        victim_blaming_language)}
