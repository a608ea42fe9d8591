"""POLE views over the loaded extracts: persons as recorded, objects, locations, events and
who took part in them. Every row names its `source` (the extract folder) and `record_id` or
`event_id` (the row's own identifier), as the data contract names records.

Views, not copies: they always agree with the loaded rows and cost nothing to rebuild.
"""

from __future__ import annotations

import duckdb

_SOURCES = """
    CREATE OR REPLACE VIEW sources AS
    SELECT source, arg_max(kind, extracted_at) AS kind, arg_max(agency, extracted_at) AS agency,
           arg_max(area, extracted_at) AS area, arg_max(legal_basis, extracted_at) AS legal_basis,
           max(extracted_at) AS extracted_at
    FROM loads GROUP BY source"""

# One row per person-record. Pupils on roll at several schools of one extract, clinic patients
# seen many times and a child in both a council's case system and its SSDA903 return are one
# record each, carrying the most recent details recorded (ties broken by load and line, so
# every engine picks the same row).
_PERSON_RECORDS = """
    CREATE OR REPLACE VIEW person_records AS
    WITH police AS (
        SELECT _source AS source, nominal_id AS record_id, forenames, surname, dob, sex,
               postcode, address, phone, NULL AS upn, NULL AS nhs_number
        FROM police_nominals),
    education AS (
        SELECT _source AS source, upn AS record_id,
               arg_max(forenames, {'d': coalesce(on_roll_from, DATE '1900-01-01'), 'k': _load_id, 'l': _line}) AS forenames,
               arg_max(surname, {'d': coalesce(on_roll_from, DATE '1900-01-01'), 'k': _load_id, 'l': _line}) AS surname,
               arg_max(dob, {'d': coalesce(on_roll_from, DATE '1900-01-01'), 'k': _load_id, 'l': _line}) AS dob,
               arg_max(sex, {'d': coalesce(on_roll_from, DATE '1900-01-01'), 'k': _load_id, 'l': _line}) AS sex,
               arg_max(postcode, {'d': coalesce(on_roll_from, DATE '1900-01-01'), 'k': _load_id, 'l': _line}) AS postcode,
               NULL AS address, NULL AS phone, upn, NULL AS nhs_number
        FROM education_pupils GROUP BY _source, upn),
    social_care AS (
        SELECT coalesce(c._source, h._source) AS source, coalesce(c.la_child_id, h.child) AS record_id,
               c.forenames, c.surname, coalesce(c.dob, h.dob) AS dob,
               coalesce(c.sex, CASE h.sex WHEN '1' THEN 'M' WHEN '2' THEN 'F' ELSE h.sex END) AS sex,
               c.postcode, c.address, NULL AS phone, coalesce(c.upn, h.upn) AS upn, c.nhs_number
        FROM social_care_children c
        FULL OUTER JOIN social_care_ssda903_header h
          ON c._source = h._source AND c.la_child_id = h.child),
    sexual_health AS (
        SELECT _source AS source, patient_ref AS record_id,
               arg_max(forenames, {'d': attended_at, 'k': _load_id, 'l': _line}) AS forenames, arg_max(surname, {'d': attended_at, 'k': _load_id, 'l': _line}) AS surname,
               arg_max(dob, {'d': attended_at, 'k': _load_id, 'l': _line}) AS dob, arg_max(sex, {'d': attended_at, 'k': _load_id, 'l': _line}) AS sex,
               arg_max(postcode, {'d': attended_at, 'k': _load_id, 'l': _line}) AS postcode, NULL AS address, NULL AS phone,
               NULL AS upn, NULL AS nhs_number
        FROM health_sexual_attendances GROUP BY _source, patient_ref),
    emergency AS (
        SELECT _source AS source, attendance_id AS record_id, forenames, surname, dob, sex,
               postcode, NULL AS address, NULL AS phone, NULL AS upn, nhs_number
        FROM health_emergency_attendances),
    everyone AS (
        SELECT * FROM police UNION ALL SELECT * FROM education UNION ALL
        SELECT * FROM social_care UNION ALL SELECT * FROM sexual_health UNION ALL
        SELECT * FROM emergency)
    SELECT e.source, s.kind, s.area, e.record_id, e.forenames, e.surname, e.dob, e.sex,
           e.postcode, e.address, e.phone, e.upn, e.nhs_number
    FROM everyone e JOIN sources s USING (source)"""

# Events: something that happened on a date, recorded by an agency.
_EVENTS = """
    CREATE OR REPLACE VIEW events AS
    WITH all_events AS (
        SELECT _source AS source, 'incident:' || incident_id AS event_id, 'police_incident' AS event_type,
               incident_type AS subtype, coalesce(occurred_at, reported_at) AS at, postcode,
               summary AS text FROM police_incidents
        UNION ALL
        SELECT _source, 'missing:' || episode_id, 'missing_episode', risk_grade, reported_at,
               found_postcode, NULL FROM police_missing_episodes
        UNION ALL
        SELECT _source, 'evidence:' || evidence_id, 'evidence_offered', decision, offered_at, NULL,
               description FROM police_evidence
        UNION ALL
        SELECT _source, 'intel:' || intel_id, 'intelligence', grading, recorded_at, NULL, text
        FROM police_intelligence
        UNION ALL
        SELECT _source, 'concern:' || concern_id, 'school_concern', category, recorded_at, NULL,
               summary FROM education_concerns
        UNION ALL
        SELECT _source, 'care_missing:' || child || '/' || strftime(mis_start, '%Y-%m-%d'),
               'care_missing_episode', missing, CAST(mis_start AS TIMESTAMP), NULL, NULL
        FROM social_care_ssda903_missing
        UNION ALL
        SELECT _source, 'referral:' || referral_id, 'referral', decision, received_at, NULL, reason
        FROM social_care_referrals
        UNION ALL
        SELECT _source, 'note:' || note_id, 'case_note', author_role, recorded_at, NULL, text
        FROM social_care_case_notes
        UNION ALL
        SELECT _source, 'clinic:' || attendance_id, 'sexual_health_attendance',
               array_to_string(services, ';'), attended_at, postcode, NULL
        FROM health_sexual_attendances
        UNION ALL
        SELECT _source, 'ed:' || attendance_id, 'emergency_attendance', injury_intent, arrived_at,
               postcode, chief_complaint FROM health_emergency_attendances)
    SELECT e.*, s.kind, s.area FROM all_events e JOIN sources s USING (source)"""

# Who took part in each event, by person-record.
_EVENT_PARTICIPANTS = """
    CREATE OR REPLACE VIEW event_participants AS
    SELECT _source AS source, 'incident:' || incident_id AS event_id, nominal_id AS record_id, role
    FROM police_incident_people
    UNION ALL
    SELECT _source, 'missing:' || episode_id, nominal_id, 'missing_person' FROM police_missing_episodes
    UNION ALL
    SELECT _source, 'missing:' || episode_id, unnest(found_with), 'found_with'
    FROM police_missing_episodes WHERE len(found_with) > 0
    UNION ALL
    SELECT _source, 'intel:' || intel_id, unnest(nominal_ids), 'mentioned'
    FROM police_intelligence WHERE len(nominal_ids) > 0
    UNION ALL
    SELECT _source, 'concern:' || concern_id, upn, 'subject' FROM education_concerns
    UNION ALL
    SELECT _source, 'care_missing:' || child || '/' || strftime(mis_start, '%Y-%m-%d'), child,
           'missing_person' FROM social_care_ssda903_missing
    UNION ALL
    SELECT _source, 'referral:' || referral_id, la_child_id, 'subject' FROM social_care_referrals
    UNION ALL
    SELECT _source, 'note:' || note_id, la_child_id, 'subject' FROM social_care_case_notes
    UNION ALL
    SELECT _source, 'clinic:' || attendance_id, patient_ref, 'patient' FROM health_sexual_attendances
    UNION ALL
    SELECT _source, 'ed:' || attendance_id, attendance_id, 'patient' FROM health_emergency_attendances"""

# Objects (vehicles, phones) and locations (postcodes) as recorded, before normalisation.
_OBJECTS = """
    CREATE OR REPLACE VIEW objects_as_recorded AS
    SELECT _source AS source, 'vehicle' AS object_type, vrm AS value,
           'incident:' || incident_id AS event_id, nominal_id AS record_id FROM police_vehicles
    UNION ALL
    SELECT _source, 'vehicle', unnest(vrms), 'intel:' || intel_id, NULL
    FROM police_intelligence WHERE len(vrms) > 0
    UNION ALL
    SELECT _source, 'phone', unnest(phones), 'intel:' || intel_id, NULL
    FROM police_intelligence WHERE len(phones) > 0
    UNION ALL
    SELECT _source, 'phone', phone, NULL, nominal_id FROM police_nominals WHERE phone IS NOT NULL"""

_LOCATIONS = """
    CREATE OR REPLACE VIEW locations_as_recorded AS
    SELECT _source AS source, postcode, address, 'incident:' || incident_id AS event_id,
           NULL AS record_id FROM police_incidents WHERE postcode IS NOT NULL
    UNION ALL
    SELECT _source, found_postcode, found_address, 'missing:' || episode_id, NULL
    FROM police_missing_episodes WHERE found_postcode IS NOT NULL
    UNION ALL
    SELECT _source, unnest(postcodes), NULL, 'intel:' || intel_id, NULL
    FROM police_intelligence WHERE len(postcodes) > 0
    UNION ALL
    SELECT source, postcode, address, NULL, record_id FROM person_records WHERE postcode IS NOT NULL"""


def create_pole_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create or replace the POLE views."""
    for statement in (_SOURCES, _PERSON_RECORDS, _EVENTS, _EVENT_PARTICIPANTS, _OBJECTS, _LOCATIONS):
        con.execute(statement)
