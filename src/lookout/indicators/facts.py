"""The SQL behind each fact of the vocabulary, over the warehouse's typed tables.

Every fact row names its person-record (`source`, `record_id`), its row (`event_id`, `line`),
the time `at` from which the row's fields were on record (a missing episode's end is known
only once the child is found, an incident's outcome only once it is recorded), an `ends_at`
for facts that last (a care episode), the record's own date of birth, and its fields.

Facts read only the record's own extract: whether a person found with a missing child is an
adult, or lives at the address where the child was found, is judged from that same police
extract. So the single-agency baseline scores exactly what that agency holds.
"""

from __future__ import annotations

from lookout.indicators.vocabulary import FACTS

__all__ = ["FACT_SQL", "WORDS", "age_sql", "fact_columns"]

COMMON = ("source", "record_id", "event_id", "line", "at", "ends_at", "record_dob")
WORDS = "words"  # the words recorded, after the fields, for facts read from free text


def age_sql(dob: str, at: str) -> str:
    """SQL for the age in whole years on `at` of someone born on `dob` (NULL if unknown)."""
    return (f"(date_diff('year', {dob}, CAST({at} AS DATE)) - CASE WHEN strftime(CAST({at} AS DATE), '%m%d') "
            f"< strftime({dob}, '%m%d') THEN 1 ELSE 0 END)")


def _adult(dob: str, at: str) -> str:
    # Police hold no date of birth for many adults; a person with none recorded is taken to be
    # an adult, because children known to the police nearly always have one.
    return f"({dob} IS NULL OR {age_sql(dob, at)} >= 18)"


def _unrelated(surname_a: str, surname_b: str) -> str:
    # Family members usually share a surname; a different (or unrecorded) surname is the
    # nearest the records come to "unrelated".
    return f"coalesce(upper(trim({surname_a})) <> upper(trim({surname_b})), true)"


_MISSING = f"""
    WITH nominal AS (SELECT _source, nominal_id, dob, surname, postcode FROM police_nominals),
    episode AS (
        SELECT m.*, c.dob AS child_dob, c.surname AS child_surname, c.postcode AS child_postcode,
               coalesce(m.found_at, m.reported_at) AS known_at
        FROM police_missing_episodes m
        LEFT JOIN nominal c ON c._source = m._source AND c.nominal_id = m.nominal_id),
    found_with AS (
        -- one row per person found with the child (lists are unnested before any join)
        SELECT e._source, e.episode_id, e.nominal_id, e.reported_at, e.child_surname, w.nominal_id AS with_id
        FROM episode e, unnest(e.found_with) AS w(nominal_id)),
    with_adult AS (
        SELECT DISTINCT e._source, e.episode_id
        FROM found_with e
        JOIN nominal a ON a._source = e._source AND a.nominal_id = e.with_id
        WHERE a.nominal_id <> e.nominal_id AND {_adult('a.dob', 'e.reported_at')}
          AND {_unrelated('a.surname', 'e.child_surname')}),
    adult_places AS (
        -- adults' recorded addresses, and places named in intelligence before the child was found
        SELECT _source, postcode, dob, CAST(NULL AS TIMESTAMP) AS since FROM nominal
        WHERE postcode IS NOT NULL
        UNION ALL
        SELECT _source, unnest(postcodes), NULL, recorded_at FROM police_intelligence),
    at_adult_place AS (
        SELECT DISTINCT e._source, e.episode_id
        FROM episode e JOIN adult_places p
          ON p._source = e._source AND p.postcode = e.found_postcode
         AND (p.since IS NULL OR p.since <= e.known_at)
        WHERE e.found_postcode IS DISTINCT FROM e.child_postcode AND {_adult('p.dob', 'e.reported_at')})
    SELECT e._source AS source, e.nominal_id AS record_id, 'missing:' || e.episode_id AS event_id,
           e._line AS line, e.known_at AS at, CAST(NULL AS TIMESTAMP) AS ends_at, e.child_dob AS record_dob,
           e.reported_by IN ('care_home', 'carer') AS from_care, false AS away,
           coalesce(e.found_at >= date_trunc('day', e.reported_at - INTERVAL 6 HOUR) + INTERVAL 30 HOUR, false)
               AS overnight,
           date_diff('minute', e.reported_at, e.found_at) / 60.0 AS hours, e.risk_grade,
           w.episode_id IS NOT NULL AS found_with_adult, p.episode_id IS NOT NULL AS found_at_adult_place
    FROM episode e
    LEFT JOIN with_adult w USING (_source, episode_id)
    LEFT JOIN at_adult_place p USING (_source, episode_id)
    UNION ALL
    SELECT m._source, m.child, 'care_missing:' || m.child || '/' || strftime(m.mis_start, '%Y-%m-%d'),
           m._line, CAST(coalesce(m.mis_end, m.mis_start) AS TIMESTAMP), NULL, r.dob,
           true, m.missing = 'A', coalesce(m.mis_end > m.mis_start, false),
           24.0 * date_diff('day', m.mis_start, m.mis_end), NULL, false, false
    FROM social_care_ssda903_missing m
    LEFT JOIN person_records r ON r.source = m._source AND r.record_id = m.child"""

_INCIDENT = f"""
    WITH people AS (
        SELECT p._source, p.incident_id, p.nominal_id, p.role, n.dob, n.surname
        FROM police_incident_people p
        LEFT JOIN police_nominals n USING (_source, nominal_id)),
    adult_driver AS (
        SELECT DISTINCT c._source, c.incident_id, c.nominal_id
        FROM people c JOIN people d
          ON d._source = c._source AND d.incident_id = c.incident_id AND d.role = 'driver'
         AND d.nominal_id <> c.nominal_id
        JOIN police_incidents i ON i._source = c._source AND i.incident_id = c.incident_id
        WHERE {_adult('d.dob', 'coalesce(i.occurred_at, i.reported_at)')}
          AND {_unrelated('d.surname', 'c.surname')})
    SELECT p._source AS source, p.nominal_id AS record_id, 'incident:' || p.incident_id AS event_id,
           i._line AS line, i.reported_at AS at, CAST(NULL AS TIMESTAMP) AS ends_at, p.dob AS record_dob,
           i.incident_type, p.role, a.nominal_id IS NOT NULL AS with_adult_driver
    FROM people p JOIN police_incidents i USING (_source, incident_id)
    LEFT JOIN adult_driver a USING (_source, incident_id, nominal_id)"""

_OUTCOME = """
    SELECT p._source, p.nominal_id, 'incident:' || p.incident_id, i._line, i.outcome_at, NULL, n.dob,
           i.incident_type, p.role, i.outcome
    FROM police_incident_people p JOIN police_incidents i USING (_source, incident_id)
    LEFT JOIN police_nominals n USING (_source, nominal_id)
    WHERE i.outcome IS NOT NULL AND i.outcome_at IS NOT NULL"""

_INTELLIGENCE = f"""
    WITH mention AS (
        SELECT g._source, g.intel_id, g._line, g.recorded_at, m.nominal_id
        FROM police_intelligence g, unnest(g.nominal_ids) AS m(nominal_id)),
    named AS (
        SELECT g._source, g.intel_id, g._line, g.recorded_at, g.nominal_id, n.dob
        FROM mention g
        LEFT JOIN police_nominals n ON n._source = g._source AND n.nominal_id = g.nominal_id)
    SELECT c._source, c.nominal_id, 'intel:' || c.intel_id, c._line, c.recorded_at, NULL, c.dob,
           count(o.nominal_id) AS adults_named
    FROM named c LEFT JOIN named o
      ON o._source = c._source AND o.intel_id = c.intel_id AND o.nominal_id <> c.nominal_id
     AND {_adult('o.dob', 'c.recorded_at')}
    GROUP BY c._source, c.nominal_id, c.intel_id, c._line, c.recorded_at, c.dob"""

_CONCERN = """
    SELECT c._source, c.upn, 'concern:' || c.concern_id, c._line, c.recorded_at, NULL, r.dob,
           c.category, c.referred_to IS NOT NULL
    FROM education_concerns c
    LEFT JOIN person_records r ON r.source = c._source AND r.record_id = c.upn"""

# Unauthorised absence per calendar month, and its rise over the three months before it.
_ATTENDANCE = """
    WITH month AS (
        SELECT _source, upn, CAST(date_trunc('month', week_start) AS DATE) AS month,
               sum(possible_sessions) AS possible, sum(unauthorised_absences) AS unauthorised
        FROM attendance_weekly GROUP BY ALL),
    rated AS (
        SELECT *, unauthorised / possible AS rate,
               sum(unauthorised) OVER before / nullif(sum(possible) OVER before, 0) AS rate_before
        FROM month WHERE possible > 0
        -- the three calendar months before, counted as month numbers so every engine agrees
        WINDOW before AS (PARTITION BY _source, upn ORDER BY year(month) * 12 + month(month)
                          RANGE BETWEEN 3 PRECEDING AND 1 PRECEDING))
    SELECT a._source, a.upn, 'attendance:' || a.upn || '/' || strftime(a.month, '%Y-%m'), NULL,
           CAST(last_day(a.month) AS TIMESTAMP) + INTERVAL 16 HOUR, NULL, r.dob,
           a.possible, round(a.rate, 4), round(a.rate - a.rate_before, 4)
    FROM rated a LEFT JOIN person_records r ON r.source = a._source AND r.record_id = a.upn"""

_REFERRAL = """
    SELECT f._source, f.la_child_id, 'referral:' || f.referral_id, f._line, f.received_at, NULL, r.dob,
           coalesce(f.factors, []), f.source, f.decision
    FROM social_care_referrals f
    LEFT JOIN person_records r ON r.source = f._source AND r.record_id = f.la_child_id"""

_CARE = """
    SELECT e._source, e.child, 'care_episode:' || e.child || '/' || strftime(e.decom, '%Y-%m-%d'), e._line,
           CAST(e.decom AS TIMESTAMP), CAST(e.dec AS TIMESTAMP), r.dob, e.ls, e.place
    FROM social_care_ssda903_episodes e
    LEFT JOIN person_records r ON r.source = e._source AND r.record_id = e.child"""

_CLINIC = """
    SELECT _source, patient_ref, 'clinic:' || attendance_id, _line, attended_at, NULL, dob,
           coalesce(services, []), coalesce(diagnoses, []), coalesce(sts_completed, false),
           coalesce(sts_flags, [])
    FROM health_sexual_attendances"""

_EMERGENCY = """
    SELECT _source, attendance_id, 'ed:' || attendance_id, _line, arrived_at, NULL, dob,
           coalesce(injury, false), injury_intent, coalesce(alcohol_or_drugs, false),
           coalesce(safeguarding_concern, false)
    FROM health_emergency_attendances"""

# Read from free text by `lookout.indicators.recorded`, into a temporary table.
_RECORDED = f"""
    SELECT source, record_id, event_id, line, "at", NULL, record_dob, themes, record_kind, {WORDS}
    FROM ind_recorded_concerns"""

# The networks stage's links, one row for each day a link's counts grew (the path's own date,
# then each day another child it counts became known), read through a view the evidence step
# creates (empty when no network results exist, or when indicators are scored without them).
_NETWORK = """
    SELECT n.source, n.record_id, n.event_id, NULL, n.at, NULL, r.dob,
           n.children_at_risk_linked, n.network_children_at_risk, n.cross_area
    FROM ind_network_links n
    LEFT JOIN person_records r ON r.source = n.source AND r.record_id = n.record_id"""

FACT_SQL: dict[str, str] = {
    "missing_episode": _MISSING, "police_incident": _INCIDENT, "incident_outcome": _OUTCOME,
    "intelligence_mention": _INTELLIGENCE, "school_concern": _CONCERN,
    "attendance_month": _ATTENDANCE, "referral": _REFERRAL, "care_episode": _CARE,
    "clinic_attendance": _CLINIC, "emergency_attendance": _EMERGENCY, "network_link": _NETWORK,
    "recorded_concern": _RECORDED}

if set(FACT_SQL) != set(FACTS):
    raise RuntimeError("every fact of the vocabulary needs its SQL, and no SQL may lack a fact")


def fact_columns(name: str) -> tuple[str, ...]:
    """Column names of a fact's rows, in the order its SQL gives them."""
    return COMMON + tuple(FACTS[name].fields) + ((WORDS,) if name == "recorded_concern" else ())
