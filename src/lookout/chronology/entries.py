"""What goes into a chronology: one SQL query per kind of record, each row a dated entry.

Every entry names the person-record it belongs to (`source`, `record_id`, as the data contract
names records), the row it comes from (`event_id`, prefixed by the file it lives in, and the
file `line`), the role the person played, and a one-line description in the words a
practitioner would write. Descriptions use structured fields first and quote free text after
them, so the line still reads when the free text is blank.
"""

from __future__ import annotations

from lookout.chronology.absence import ABSENCE_ENTRIES, ATTENDANCE_MONTH_ENTRIES
from lookout.chronology.free_text import QUOTE, UNQUOTE

# A helper expression: a timestamp as `12 Mar 2012 21:40`.
_T = "strftime({}, '%d %b %Y %H:%M')"

# CIN census referral source codes (DfE Children in Need census guide), as a practitioner says them.
REFERRAL_SOURCES = {
    "1A": "the child's family", "1B": "the child", "1C": "the child", "2A": "a school",
    "2B": "education services", "2C": "an early years setting", "3A": "a GP", "3B": "a health visitor",
    "3C": "a school nurse", "3D": "other primary health services", "3E": "A&E",
    "3F": "other health services", "4": "housing", "5A": "another local authority",
    "5B": "children's social care", "5C": "external agency", "5D": "other internal",
    "6": "the police", "7": "a legal agency", "8": "other", "9": "anonymous", "10": "unknown"}

# CIN census assessment factor codes named in the domain guide and the simulator.
FACTORS = {
    "1A": "alcohol misuse: child", "1B": "alcohol misuse: parent", "1C": "alcohol misuse: other",
    "2A": "drug misuse: child", "2B": "drug misuse: parent", "2C": "drug misuse: other",
    "3A": "domestic abuse: child", "3B": "domestic abuse: parent", "3C": "domestic abuse: other",
    "4A": "mental health: child", "4B": "mental health: parent", "4C": "mental health: other",
    "10A": "going missing", "11A": "child sexual exploitation", "13A": "gangs",
    "14A": "challenging behaviour", "15A": "self-harm", "16A": "neglect", "17A": "emotional abuse",
    "18B": "physical abuse", "19C": "sexual abuse by an adult", "24A": "child criminal exploitation"}


def _map_sql(mapping: dict[str, str]) -> str:
    keys = ", ".join("'" + k + "'" for k in mapping)
    values = ", ".join("'" + v.replace("'", "''") + "'" for v in mapping.values())
    return f"MAP([{keys}], [{values}])"


def _quoted(column: str) -> str:
    """`column`, a free-text field, marked as quoted (`lookout.chronology.free_text` shows the
    structured fields around it as recorded and pseudonymises what is marked)."""
    return f"'{QUOTE}' || {column} || '{UNQUOTE}'"


def _factor_text(column: str) -> str:
    return (f"array_to_string(list_transform({column}, lambda f: f || ' ' || "
            f"coalesce({_map_sql(FACTORS)}[f], 'factor')), '; ')")


# (source, record_id, at, event_type, event_id, line, role, description)
_POLICE = f"""
    SELECT p._source AS source, p.nominal_id AS record_id, coalesce(i.occurred_at, i.reported_at) AS at,
           'police_incident' AS event_type, 'incident:' || i.incident_id AS event_id, i._line AS line,
           p.role,
           'Police incident (' || replace(i.incident_type, '_', ' ') || '), recorded as '
           || replace(p.role, '_', ' ')
           || coalesce(' at ' || i.postcode, '')
           || coalesce('; outcome ' || i.outcome || coalesce(' on ' || strftime(i.outcome_at, '%d %b %Y'), ''), '')
           || coalesce(': ' || {_quoted('i.summary')}, '') AS description
    FROM police_incident_people p JOIN police_incidents i USING (_source, incident_id)
    UNION ALL
    SELECT m._source, m.nominal_id, m.reported_at, 'missing_episode', 'missing:' || m.episode_id, m._line,
           'missing_person',
           'Reported missing' || coalesce(' by ' || replace(m.reported_by, '_', ' '), '')
           || coalesce('; APP risk ' || replace(m.risk_grade, '_', ' '), '')
           || CASE WHEN m.found_at IS NULL THEN '; not recorded as found'
                   ELSE '; found ' || {_T.format('m.found_at')} || ' after '
                        || CAST(round(date_diff('minute', m.reported_at, m.found_at) / 60.0, 1) AS VARCHAR) || ' h' END
           || coalesce(' at ' || coalesce(m.found_address || ' (' || m.found_postcode || ')', m.found_address, m.found_postcode), '')
           || CASE WHEN len(m.found_with) > 0 THEN '; found with ' || array_to_string(m.found_with, ', ') ELSE '' END
           || CASE WHEN m.found_at IS NULL THEN ''
                   WHEN m.return_interview_at IS NULL THEN '; no return interview recorded'
                   ELSE '; return interview after '
                        || CAST(round(date_diff('minute', m.found_at, m.return_interview_at) / 60.0) AS VARCHAR) || ' h' END
    FROM police_missing_episodes m
    UNION ALL
    SELECT m._source, w.nominal_id, coalesce(m.found_at, m.reported_at), 'missing_episode',
           'missing:' || m.episode_id, m._line, 'found_with',
           'Present when a missing child (' || m.nominal_id || ') was found'
           || coalesce(' at ' || coalesce(m.found_address, m.found_postcode), '')
    FROM police_missing_episodes m, unnest(m.found_with) AS w(nominal_id)
    UNION ALL
    SELECT g._source, n.nominal_id, g.recorded_at, 'intelligence', 'intel:' || g.intel_id, g._line, 'mentioned',
           'Named in police intelligence (graded ' || coalesce(g.grading, 'ungraded') || '): ' || {_quoted('g.text')}
    FROM police_intelligence g, unnest(g.nominal_ids) AS n(nominal_id)
    UNION ALL
    SELECT e._source, p.nominal_id, e.offered_at, 'evidence_offered', 'evidence:' || e.evidence_id, e._line,
           p.role,
           'Evidence offered' || coalesce(' by ' || e.offered_by, '') || ' in incident ' || e.incident_id
           || ': ' || {_quoted('e.description')} || '; '
           || CASE WHEN e.decision IS NULL THEN 'no decision recorded'
                   ELSE e.decision || coalesce(' on ' || strftime(e.decision_at, '%d %b %Y'), '')
                        || coalesce(' (' || {_quoted('e.decision_reason')} || ')', '') END
    FROM police_evidence e JOIN police_incident_people p USING (_source, incident_id)"""

_EDUCATION = f"""
    SELECT _source, upn, recorded_at, 'school_concern', 'concern:' || concern_id, _line, 'subject',
           'School safeguarding concern' || coalesce(' (' || replace(category, '_', ' ') || ')', '')
           || coalesce(': ' || {_quoted('summary')}, '') || coalesce('; action: ' || {_quoted('action_taken')}, '')
           || CASE WHEN referred_to IS NULL THEN '; not referred'
                   ELSE '; referred to ' || replace(referred_to, '_', ' ')
                        || coalesce(' on ' || strftime(referred_at, '%d %b %Y'), '') END
    FROM education_concerns"""

_SOCIAL_CARE = f"""
    SELECT _source, child, CAST(mis_start AS TIMESTAMP), 'care_missing_episode',
           'care_missing:' || child || '/' || strftime(mis_start, '%Y-%m-%d'), _line, 'missing_person',
           CASE missing WHEN 'A' THEN 'Away from placement without authorisation'
                        ELSE 'Missing from care' END
           || ' (SSDA903 ' || missing || ')'
           || CASE WHEN mis_end IS NULL THEN '; no end date recorded'
                   ELSE ' until ' || strftime(mis_end, '%d %b %Y') || ' ('
                        || CAST(date_diff('day', mis_start, mis_end) AS VARCHAR) || ' nights)' END
    FROM social_care_ssda903_missing
    UNION ALL
    SELECT _source, child, coalesce(held_at, offered_at, CAST(mis_start AS TIMESTAMP)), 'return_interview',
           'return_interview:' || child || '/' || strftime(mis_start, '%Y-%m-%d'), _line, 'subject',
           'Return home interview for the episode from ' || strftime(mis_start, '%d %b %Y') || ': '
           || CASE WHEN held_at IS NOT NULL THEN 'held ' || {_T.format('held_at')}
                   WHEN declined THEN 'declined by the child'
                   ELSE 'offered, not held' END
           || coalesce('; ' || {_quoted('summary')}, '')
    FROM social_care_return_interviews
    UNION ALL
    SELECT _source, child, CAST(decom AS TIMESTAMP), 'care_episode',
           'care_episode:' || child || '/' || strftime(decom, '%Y-%m-%d'), _line, 'subject',
           'Looked-after episode began (legal status ' || coalesce(ls, '?') || ', placement '
           || coalesce(place, '?') || coalesce(', reason for new episode ' || rne, '') || ')'
           || coalesce('; ended ' || strftime(dec, '%d %b %Y') || coalesce(' (' || rec || ')', ''), '; ongoing')
    FROM social_care_ssda903_episodes
    UNION ALL
    SELECT _source, la_child_id, received_at, 'referral', 'referral:' || referral_id, _line, 'subject',
           'Referral to children''s social care from '
           || coalesce({_map_sql(REFERRAL_SOURCES)}[source], 'source ' || coalesce(source, 'not recorded'))
           || coalesce(': ' || {_quoted('reason')}, '')
           || CASE WHEN len(factors) > 0 THEN '; assessment factors ' || {_factor_text('factors')} ELSE '' END
    FROM social_care_referrals
    UNION ALL
    SELECT _source, la_child_id, decision_at, 'referral_decision', 'referral:' || referral_id, _line, 'subject',
           'Decision on referral ' || referral_id || ' (received ' || strftime(received_at, '%d %b %Y') || '): '
           || replace(decision, '_', ' ')
    FROM social_care_referrals WHERE decision_at IS NOT NULL
    UNION ALL
    SELECT _source, la_child_id, recorded_at, 'case_note', 'note:' || note_id, _line, 'subject',
           'Case note' || coalesce(' (' || replace(author_role, '_', ' ') || ')', '') || ': ' || {_quoted('text')}
    FROM social_care_case_notes"""

_HEALTH = f"""
    SELECT _source, patient_ref, attended_at, 'sexual_health_attendance', 'clinic:' || attendance_id, _line,
           'patient',
           'Sexual health clinic attendance'
           || CASE WHEN len(services) > 0 THEN ': ' || replace(array_to_string(services, ', '), '_', ' ') ELSE '' END
           || CASE WHEN len(diagnoses) > 0 THEN '; diagnosed ' || array_to_string(diagnoses, ', ') ELSE '' END
           || CASE WHEN sts_completed AND len(sts_flags) > 0
                        THEN '; Spotting the Signs concerns: ' || replace(array_to_string(sts_flags, ', '), '_', ' ')
                   WHEN sts_completed THEN '; Spotting the Signs completed, no concerns'
                   ELSE '; Spotting the Signs not completed' END
           || CASE WHEN referral_made THEN '; referred' || coalesce(' to ' || replace(referral_to, '_', ' '), '')
                   ELSE '' END
    FROM health_sexual_attendances
    UNION ALL
    SELECT _source, attendance_id, arrived_at, 'emergency_attendance', 'ed:' || attendance_id, _line, 'patient',
           'A&E attendance' || coalesce(': ' || {_quoted('chief_complaint')}, '')
           || CASE WHEN injury THEN '; injury' || coalesce(', intent ' || replace(injury_intent, '_', ' '), '') ELSE '' END
           || CASE WHEN alcohol_or_drugs THEN '; alcohol or drugs involved' ELSE '' END
           || CASE WHEN safeguarding_concern THEN '; safeguarding concern raised' ELSE '' END
           || CASE WHEN referred_to_social_care THEN '; referred to social care' ELSE '' END
           || coalesce('; ' || {_quoted('text')}, '')
    FROM health_emergency_attendances"""

ENTRY_QUERIES = (_POLICE, _EDUCATION, _SOCIAL_CARE, _HEALTH, ABSENCE_ENTRIES, ATTENDANCE_MONTH_ENTRIES)
