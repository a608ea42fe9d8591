"""Indicators on a hand-made drop: each fires on its evidence and not on near misses;
hindsight uses nothing dated after the as-of date; overrides persist; ethnicity is no input.

People (person ids are given by hand, standing in for the link stage):
- AMY (born 1 May 1998) carries the evidence for most indicators;
- CARA is the near miss of each: a short episode ending before 6 am, found with a parent
  (same surname) at home, a passenger of her father, an accidental injury, authorised absence;
- EVE is 12 at a clinic (sexual activity under 13).
"""

from __future__ import annotations

import datetime as dt

import pytest

from lookout.indicators import record_override, run_indicators
from lookout.runs import pipeline
from lookout.warehouse.database import open_warehouse
from tests.conftest import csv_text, write_extract

AMY, CARA, EVE, BOB, DAN, FAY = "P-AMY", "P-CARA", "P-EVE", "P-BOB", "P-DAN", "P-FAY"


def _register(upn: str, urn: str, absent_code: str) -> list[list[str]]:
    """Every weekday session of September and October 2012: absent on Mondays, else present."""
    rows = []
    day = dt.date(2012, 9, 3)
    while day <= dt.date(2012, 10, 31):
        if day.weekday() < 5:
            for session, present in (("AM", "/"), ("PM", "\\")):
                rows.append([upn, urn, day.isoformat(), session, absent_code if day.weekday() == 0 else present])
        day += dt.timedelta(days=1)
    return rows


def _drop(drop, ethnic: str = "WBRI") -> None:
    write_extract(drop, "police", "police", {
        "nominals.csv": csv_text(["nominal_id", "surname", "forenames", "dob", "sex", "postcode"], [
            ["N1", "Adams", "Amy", "1998-05-01", "F", "OX1 1AA"],
            ["N2", "Brown", "Bob", "1980-01-01", "M", "OX2 2BB"],
            ["N3", "Cole", "Cara", "1998-06-01", "F", "OX3 3CC"],
            ["N4", "Cole", "Dan", "1970-01-01", "M", "OX3 3CC"]]),
        "missing_episodes.csv": csv_text(
            ["episode_id", "nominal_id", "reported_at", "reported_by", "found_at", "found_postcode",
             "found_address", "found_with"], [
                ["MP1", "N1", "2012-03-01T22:00:00", "parent", "2012-03-02T10:00:00", "OX2 2BB", "", "N2"],
                ["MP2", "N1", "2012-04-10T20:00:00", "parent", "2012-04-10T23:00:00", "", "Station Hotel, Oxford", ""],
                ["MP3", "N1", "2012-04-30T20:00:00", "parent", "2012-05-02T10:00:00", "", "", ""],
                ["MP4", "N3", "2012-03-01T18:00:00", "parent", "2012-03-02T05:30:00", "OX3 3CC", "12 Lodge Road", "N4"],
                ["MP5", "N3", "2012-04-10T18:00:00", "parent", "2012-04-10T21:00:00", "", "", ""],
                ["MP6", "N3", "2012-06-15T18:00:00", "parent", "2012-06-15T21:00:00", "", "", ""]]),
        "incidents.csv": csv_text(
            ["incident_id", "incident_type", "reported_at", "summary", "outcome", "outcome_at"], [
                ["I1", "vehicle_stop", "2012-06-01T23:00:00", "Adult driver with Amy Adams as passenger.", "nfa", "2012-06-01T23:30:00"],
                ["I2", "vehicle_stop", "2012-06-02T23:00:00", "Father driving daughter home.", "nfa", "2012-06-02T23:30:00"],
                ["I3", "sexual_offence", "2012-07-01T10:00:00", "Amy disclosed assault.", "16", "2012-08-15T10:00:00"],
                ["I4", "sexual_offence", "2012-07-02T10:00:00", "Cara witnessed an incident.", "1", "2012-08-16T10:00:00"]]),
        "incident_people.csv": csv_text(["incident_id", "nominal_id", "role"], [
            ["I1", "N2", "driver"], ["I1", "N1", "passenger"], ["I2", "N4", "driver"], ["I2", "N3", "passenger"],
            ["I3", "N1", "victim"], ["I3", "N2", "suspect"], ["I4", "N3", "witness"]]),
        "intelligence.csv": csv_text(["intel_id", "recorded_at", "grading", "text", "nominal_ids"], [
            ["INT1", "2012-02-01T12:00:00", "2B P", "Bob Brown seen with Amy Adams.", "N1;N2"],
            ["INT2", "2012-02-01T12:00:00", "3C P", "Cara Cole seen in town.", "N3"]])})
    write_extract(drop, "clinic", "health_sexual", {
        "attendances.csv": csv_text(
            ["attendance_id", "clinic_id", "patient_ref", "forenames", "surname", "dob", "sex", "attended_at",
             "services", "sts_completed", "sts_flags"], [
                ["A1", "C1", "PR1", "Amy", "Adams", "1998-05-01", "F", "2012-09-01T10:00:00",
                 "emergency_contraception", "Y", "older_partner"],
                ["A2", "C1", "PR5", "Eve", "Evans", "2000-06-01", "F", "2012-11-10T10:00:00", "pregnancy_test", "N", ""],
                ["A3", "C1", "PR6", "Fay", "Ford", "1996-01-01", "F", "2012-09-01T10:00:00", "sti_test", "Y", ""]])})
    write_extract(drop, "ed", "health_emergency", {
        "attendances.csv": csv_text(
            ["attendance_id", "forenames", "surname", "dob", "sex", "arrived_at", "chief_complaint", "injury",
             "injury_intent", "alcohol_or_drugs"], [
                ["E1", "Amy", "Adams", "1998-05-01", "F", "2012-10-01T23:00:00", "Facial injury", "Y", "assault", "N"],
                ["E2", "Cara", "Cole", "1998-06-01", "F", "2012-10-01T15:00:00", "Wrist injury", "Y", "accidental", "N"]])})
    write_extract(drop, "school", "education", {
        "pupils.csv": csv_text(["upn", "school_urn", "surname", "forenames", "dob", "sex"], [
            ["U1", "100001", "Adams", "Amy", "1998-05-01", "F"], ["U3", "100001", "Cole", "Cara", "1998-06-01", "F"]]),
        "attendance.csv": csv_text(["upn", "school_urn", "date", "session", "code"],
                                   _register("U1", "100001", "O") + _register("U3", "100001", "I")),
        "concerns.csv": csv_text(["concern_id", "upn", "recorded_at", "category", "summary"], [
            ["SC1", "U1", "2012-10-05T10:00:00", "sexual_exploitation", "Amy Adams collected by an older male."],
            ["SC2", "U3", "2012-10-05T10:00:00", "behaviour", "Cara Cole argued in class."]])})
    write_extract(drop, "council", "social_care", {
        "children.csv": csv_text(["la_child_id", "surname", "forenames", "dob", "sex"], [
            ["LA1", "Adams", "Amy", "1998-05-01", "F"]]),
        "ssda903_header.csv": csv_text(["CHILD", "SEX", "DOB", "ETHNIC"], [["LA1", "2", "01/05/1998", ethnic]]),
        "ssda903_episodes.csv": csv_text(["CHILD", "DECOM", "RNE", "LS", "PLACE"], [
            ["LA1", "01/01/2012", "S", "C2", "U4"]]),
        "ssda903_missing.csv": csv_text(["CHILD", "MISSING", "MIS_START", "MIS_END"], [
            ["LA1", "M", "01/03/2012", "02/03/2012"]]),
        "referrals.csv": csv_text(["referral_id", "la_child_id", "received_at", "source", "reason", "decision",
                                   "decision_at", "factors"], [
            ["R1", "LA1", "2012-04-02T10:00:00", "6", "Concerns about older men", "s47", "2012-04-02T15:00:00", "11A;10A"]]),
        "case_notes.csv": csv_text(["note_id", "la_child_id", "recorded_at", "author_role", "text"], [
            ["CN1", "LA1", "2012-11-20T16:00:00", "social worker",
             "Amy returned to placement the following morning with a new phone she would not explain."],
            ["CN2", "LA1", "2012-11-25T16:00:00", "social worker",
             "Visit. No concerns of sexual exploitation raised; no older males seen; she denies self-harm."]])})


LINKS = {("police", "N1"): AMY, ("police", "N2"): BOB, ("police", "N3"): CARA, ("police", "N4"): DAN,
         ("clinic", "PR1"): AMY, ("clinic", "PR5"): EVE, ("clinic", "PR6"): FAY,
         ("ed", "E1"): AMY, ("ed", "E2"): CARA, ("school", "U1"): AMY, ("school", "U3"): CARA,
         ("council", "LA1"): AMY}


def _warehouse(drop, workspace, ethnic: str = "WBRI"):
    _drop(drop, ethnic)
    pipeline.ingest(drop, workspace)
    con = open_warehouse(workspace)
    con.execute("CREATE OR REPLACE TABLE result_linkage (source VARCHAR, record_id VARCHAR, "
                "person_id VARCHAR, match_probability DOUBLE)")
    con.executemany("INSERT INTO result_linkage VALUES (?, ?, ?, 1.0)",
                    [(s, r, p) for (s, r), p in LINKS.items()])
    return con


def _held(con, person: str) -> set[str]:
    """Indicators that held at any date for the person (from the last run's hits)."""
    return {r[0] for r in con.execute(
        "SELECT DISTINCT indicator_id FROM ind_person_hits WHERE subject = ?", [person]).fetchall()}


@pytest.fixture
def scored(drop, workspace):
    con = _warehouse(drop, workspace)
    run_indicators(con, workspace, as_of=dt.date(2012, 12, 31))
    yield con
    con.close()


def test_each_indicator_fires_on_its_evidence(scored):
    assert _held(scored, AMY) == {
        "missing_overnight", "missing_repeated", "missing_found_with_adult", "missing_found_at_adult_place",
        "missing_from_home", "missing_from_care", "vehicle_with_unrelated_adult", "sexual_offence_victim",
        "withdrawn_disclosure", "intelligence_with_adults", "sexual_health_under16", "sts_significant_concern",
        "injury_assault_or_unknown", "unauthorised_absence_persistent", "school_concern_sexual_exploitation",
        "in_care", "cin_factor_exploitation", "cin_factor_missing",
        # words: the referral's "older men", the school's "older male", the note's new phone
        "recorded_older_or_controlling_adult", "recorded_gifts_money_or_drugs"}
    assert _held(scored, EVE) == {"sexual_health_under16", "sexual_activity_under13"}


def test_near_misses_do_not_fire(scored):
    # Cara: home before 6 am, with her father at home, his passenger, a witness, an accident,
    # authorised absence, a behaviour concern, three episodes over 106 days.
    assert _held(scored, CARA) == {"missing_from_home"}
    # Fay was 16 at the clinic; adults are never scored.
    assert _held(scored, FAY) == set()
    assert _held(scored, BOB) == set() and _held(scored, DAN) == set()


def test_flag_lists_its_records_and_levels(scored):
    flags = {r[0]: r[1:] for r in scored.execute(
        "SELECT person_id, level, agencies, sources, first_flagged_at FROM result_flags").fetchall()}
    assert set(flags) == {AMY, EVE}
    assert flags[AMY][0] == "high" and flags[AMY][1] == 5
    assert flags[AMY][2] == "education;health_emergency;health_sexual;police;social_care"
    # Under 13 sexual activity is an offence: high on one clinic record alone.
    assert flags[EVE][0] == "high" and flags[EVE][3] == dt.date(2012, 11, 10)
    records = scored.execute("""SELECT source, event_id FROM result_flag_evidence
                                WHERE person_id = ? AND indicator_id = 'missing_repeated'""", [AMY]).fetchall()
    # The council recorded the first episode too: listed as evidence, counted once.
    assert sorted(records) == [("council", "care_missing:LA1/2012-03-01"), ("police", "missing:MP1"),
                               ("police", "missing:MP2"), ("police", "missing:MP3")]


def test_words_in_records_are_evidence_and_an_indicator_counts_once(scored):
    evidence = scored.execute("""
        SELECT indicator_id, kind, event_id, detail FROM result_flag_evidence
        WHERE person_id = ? AND event_id LIKE 'case_note:%' ORDER BY ALL""", [AMY]).fetchall()
    # The note that she came back the next morning is a further record of missing overnight,
    # quoted; the note that negates every concern evidences nothing.
    assert [(i, k, e) for i, k, e, _ in evidence] == [
        ("missing_overnight", "social_care", "case_note:CN1"),
        ("recorded_gifts_money_or_drugs", "social_care", "case_note:CN1")]
    assert "returned to placement the following morning" in evidence[0][3]
    assert "new phone she would not explain" in evidence[1][3]
    kinds = {r[0] for r in scored.execute("""SELECT DISTINCT kind FROM result_flag_evidence
                                              WHERE person_id = ? AND indicator_id = 'missing_overnight'""",
                                           [AMY]).fetchall()}
    assert kinds == {"police", "social_care"}
    indicators = scored.execute("SELECT indicators FROM result_flags WHERE person_id = ?", [AMY]).fetchall()[0][0]
    assert indicators.split(";").count("missing_overnight") == 1
    # Where police found her: a hotel is an adult place (SERAF); Cara's home street is not.
    found = scored.execute("""SELECT person_id, event_id FROM result_flag_evidence
                              WHERE indicator_id = 'missing_found_at_adult_place' ORDER BY ALL""").fetchall()
    assert found == [(AMY, "missing:MP1"), (AMY, "missing:MP2")]


def test_first_flagged_at_replays_the_records(scored):
    # Intelligence on 1 Feb 2012 (a significant indicator) when Amy was 13: medium by the
    # age rule; high once found with Bob on 2 Mar 2012 (police and the council corroborate).
    first = scored.execute("SELECT first_flagged_at, first_medium_at FROM result_flags WHERE person_id = ?",
                           [AMY]).fetchall()
    assert first == [(dt.date(2012, 3, 2), dt.date(2012, 2, 1))]  # high on 2 March, medium since 1 Feb
    run_indicators(scored, None, as_of=dt.date(2012, 2, 15), publish=False)
    assert scored.execute("SELECT level FROM asof_flags WHERE person_id = ?", [AMY]).fetchall() == [("medium",)]


def test_hindsight_never_uses_a_later_record(scored):
    as_of = dt.date(2012, 5, 1)
    run_indicators(scored, None, as_of=as_of, publish=False)
    latest = scored.execute("SELECT max(e.at) FROM asof_flag_evidence e").fetchall()[0][0]
    assert latest.date() <= as_of
    held = {r[0] for r in scored.execute(
        "SELECT DISTINCT indicator_id FROM asof_flag_evidence WHERE person_id = ?", [AMY]).fetchall()}
    # MP3 began on 30 April but Amy was found on 2 May: not yet known, so not yet repeated.
    assert "missing_repeated" not in held and "vehicle_with_unrelated_adult" not in held
    assert "missing_found_with_adult" in held
    # The published flags are untouched by a look back.
    assert scored.execute("SELECT max(as_of) FROM result_flags").fetchall()[0][0] == dt.date(2012, 12, 31)


def test_single_agency_baseline_scores_each_agency_alone(scored):
    rows = {(r[0], r[1]): r[2] for r in scored.execute(
        "SELECT source, record_id, level FROM result_flags_single_agency").fetchall()}
    # The police alone see enough for medium but cannot raise high: one agency is capped.
    assert rows[("police", "N1")] == "medium"
    assert ("ed", "E1") not in rows  # one injury alone is 5 points: below SERAF's mild band
    assert rows[("clinic", "PR5")] == "high"  # the under-13 offence rule is never capped


def test_overrides_persist_across_runs(drop, workspace):
    con = _warehouse(drop, workspace)
    run_indicators(con, workspace, as_of=dt.date(2012, 12, 31))
    with pytest.raises(ValueError, match="why"):
        record_override(workspace, con, CARA, level="medium", reason=" ", by="DS Jones")
    record_override(workspace, con, CARA, level="medium", reason="Older male seen at the gate", by="DS Jones")
    record_override(workspace, con, EVE, level="none", reason="Clinic error: wrong patient", by="Nurse Lee")
    con.close()
    con = open_warehouse(workspace)
    run_indicators(con, workspace, as_of=dt.date(2012, 12, 31))
    rows = {r[0]: r[1:] for r in con.execute(
        "SELECT person_id, level, computed_level, override_by FROM result_flags").fetchall()}
    con.close()
    assert rows[CARA] == ("medium", "none", "DS Jones")
    assert EVE not in rows
    assert rows[AMY][0] == "high" and rows[AMY][2] is None


def test_ethnicity_is_never_an_input(tmp_path):
    from lookout.workspace import Workspace

    results = []
    for ethnic in ("WBRI", "APKN"):
        drop, ws = tmp_path / f"drop_{ethnic}", Workspace(tmp_path / f"ws_{ethnic}")
        drop.mkdir()
        con = _warehouse(drop, ws, ethnic)
        run_indicators(con, ws, as_of=dt.date(2012, 12, 31))
        results.append(con.execute("SELECT * EXCLUDE (as_of) FROM result_flags ORDER BY person_id").fetchall())
        con.close()
    assert results[0] == results[1]
