"""Accountability checks on a hand-made drop: each check on both sides of its threshold.

Every case is its own child (person ids are given by hand, standing in for the link stage,
and so is the indicators stage's evidence). The extracts were taken on 2 September 2013 at
08:00, so a deadline after that cannot yet have been missed.
"""

from __future__ import annotations

import csv

import pytest

from lookout.accountability import run_accountability
from lookout.accountability.lifecycle import record_status
from lookout.runs import pipeline
from lookout.runs.export import export_results
from lookout.warehouse.database import open_warehouse
from tests.conftest import csv_text, write_extract

CHILD, TEEN, SEVENTEEN, ADULT = "1998-01-01", "1996-01-01", "1995-01-01", "1980-01-01"


def _police() -> dict[str, str]:
    nominals = [[f"N{i}", f"Surname{i}", f"Name{i}", CHILD, "F"] for i in range(1, 20)]
    nominals[11] = ["N12", "Surname12", "Name12", "1995-06-01", "F"]      # 16 when assaulted
    nominals.append(["N20", "Adult", "Alan", ADULT, "M"])
    nominals.append(["N21", "Unknown", "Uma", "", "F"])                    # no date of birth recorded
    nominals.append(["N22", "Typed", "Tia", "1994-03-12", "F"])            # the school says 1996
    nominals.append(["N23", "Other", "Orla", "1998-01-01", "F"])            # the clinic says 2000
    episode = ["episode_id", "nominal_id", "reported_at", "reported_by", "found_at", "return_interview_at"]
    return {
        "nominals.csv": csv_text(["nominal_id", "surname", "forenames", "dob", "sex"], nominals),
        "missing_episodes.csv": csv_text(episode, [
            # return interviews: 71 hours (in time), 73 hours (late), never, not yet due
            ["MP1", "N1", "2012-03-01T20:00:00", "parent", "2012-03-02T10:00:00", "2012-03-05T09:00:00"],
            ["MP2", "N2", "2012-03-01T20:00:00", "parent", "2012-03-02T10:00:00", "2012-03-05T11:00:00"],
            ["MP3", "N3", "2012-03-01T20:00:00", "parent", "2012-03-02T10:00:00", ""],
            ["MP4", "N4", "2013-08-31T20:00:00", "parent", "2013-08-31T23:00:00", ""],
            # the same episode as the council's LA5 record: the police give the exact return
            ["MP5", "N5", "2012-06-01T21:00:00", "care_home", "2012-06-02T09:00:00", ""],
            # an adult: not a child's episode; nor one of a nominal with no date of birth
            ["MP20", "N20", "2012-03-01T20:00:00", "other", "2012-03-02T10:00:00", ""],
            ["MP21", "N21", "2012-03-01T20:00:00", "other", "2012-03-02T10:00:00", ""],
            # 18 by the police's date of birth, 16 by the school's: the child has the benefit of the doubt
            ["MP22", "N22", "2012-09-01T20:00:00", "parent", "2012-09-02T10:00:00", ""],
            # three episodes in 89 days, a referral 6 days after the third (in time)
            ["MP61", "N6", "2012-01-10T20:00:00", "parent", "2012-01-10T23:00:00", "2012-01-11T10:00:00"],
            ["MP62", "N6", "2012-02-20T20:00:00", "parent", "2012-02-20T23:00:00", "2012-02-21T10:00:00"],
            ["MP63", "N6", "2012-04-08T20:00:00", "parent", "2012-04-08T23:00:00", "2012-04-09T10:00:00"],
            # three episodes over 92 days: not three in 90
            ["MP71", "N7", "2012-01-10T20:00:00", "parent", "2012-01-10T23:00:00", "2012-01-11T10:00:00"],
            ["MP72", "N7", "2012-02-20T20:00:00", "parent", "2012-02-20T23:00:00", "2012-02-21T10:00:00"],
            ["MP73", "N7", "2012-04-11T20:00:00", "parent", "2012-04-11T23:00:00", "2012-04-12T10:00:00"],
            # three in 51 days, the referral 8 days after the third (late)
            ["MP81", "N8", "2012-01-10T20:00:00", "parent", "2012-01-10T23:00:00", "2012-01-11T10:00:00"],
            ["MP82", "N8", "2012-02-01T20:00:00", "parent", "2012-02-01T23:00:00", "2012-02-02T10:00:00"],
            ["MP83", "N8", "2012-03-01T20:00:00", "parent", "2012-03-01T23:00:00", "2012-03-02T10:00:00"],
            # two episodes, each also in the council's return (which gives another date of birth)
            ["MP181", "N18", "2012-01-10T20:00:00", "carer", "2012-01-10T23:00:00", "2012-01-11T10:00:00"],
            ["MP182", "N18", "2012-02-20T20:00:00", "carer", "2012-02-20T23:00:00", "2012-02-21T10:00:00"]]),
        "incidents.csv": csv_text(
            ["incident_id", "incident_type", "occurred_at", "reported_at", "summary", "outcome", "outcome_at"], [
                ["I1", "sexual_offence", "2012-05-01T10:00:00", "2012-05-01T12:00:00", "Assault reported.", "16",
                 "2012-06-01T10:00:00"],
                ["I2", "sexual_offence", "2012-05-01T10:00:00", "2012-05-01T12:00:00", "Assault reported.", "16",
                 "2012-06-01T10:00:00"],
                ["I3", "sexual_offence", "2012-05-01T10:00:00", "2012-05-01T12:00:00", "Assault reported.", "16",
                 "2012-06-01T10:00:00"],
                ["I4", "sexual_offence", "2012-05-01T10:00:00", "2012-05-01T12:00:00", "Assault reported.", "1",
                 "2012-06-01T10:00:00"],
                ["I5", "other", "2012-07-07T15:00:00", "2012-07-07T15:00:00", "Shoplifting.", "warning_given",
                 "2012-07-07T15:00:00"],
                ["I6", "wasting_police_time", "2012-07-07T15:00:00", "2012-07-07T15:00:00",
                 "Allegation said to be false.", "warning_given", "2012-07-07T15:00:00"],
                ["I7", "public_order", "2012-07-07T15:00:00", "2012-07-07T15:00:00", "Disturbance.", "arrested",
                 "2012-07-07T15:00:00"],
                ["I8", "public_order", "2012-07-07T15:00:00", "2012-07-07T15:00:00", "Disturbance.", "warning_given",
                 "2012-07-07T15:00:00"],
                ["I9", "assault", "2012-05-01T10:00:00", "2012-05-01T12:00:00", "Assault in street.", "ongoing", ""]]),
        "incident_people.csv": csv_text(["incident_id", "nominal_id", "role"], [
            ["I1", "N10", "victim"], ["I2", "N11", "victim"], ["I3", "N12", "victim"], ["I4", "N13", "victim"],
            ["I5", "N14", "arrested"], ["I6", "N15", "reporter"], ["I7", "N16", "arrested"], ["I8", "N17", "warned"],
            ["I9", "N20", "victim"]]),
        "evidence.csv": csv_text(["evidence_id", "incident_id", "description", "offered_by", "offered_at", "decision",
                                  "decision_reason", "decision_at"], [
            ["EV1", "I9", "Doorbell camera", "witness", "2012-05-01T12:00:00", "submitted", "", "2012-05-28T12:00:00"],
            ["EV2", "I9", "Doorbell camera", "witness", "2012-05-01T12:00:00", "submitted", "", "2012-05-30T12:00:00"],
            ["EV3", "I9", "Clothing", "parent", "2012-05-01T12:00:00", "declined", "Outside the time of the offence",
             "2012-05-03T12:00:00"],
            ["EV4", "I9", "Clothing", "parent", "2012-05-01T12:00:00", "declined", "", "2012-05-03T12:00:00"],
            ["EV5", "I9", "Phone", "victim", "2012-05-01T12:00:00", "", "", ""]])}


def _council() -> dict[str, str]:
    children = [[f"LA{i}", f"Surname{i}", f"Name{i}", CHILD, "F"] for i in (2, 5, 6, 8, 9, 11, 30, 31, 32, 33)]
    children.append(["LA18", "Surname18", "Name18", "1998-01-02", "F"])
    children.append(["LA34", "Surname34", "Name34", "1997-01-01", "F"])
    referral = ["referral_id", "la_child_id", "received_at", "source", "reason", "decision", "decision_at"]
    return {
        "children.csv": csv_text(["la_child_id", "surname", "forenames", "dob", "sex"], children),
        "ssda903_missing.csv": csv_text(["CHILD", "MISSING", "MIS_START", "MIS_END"], [
            ["LA5", "M", "01/06/2012", "02/06/2012"], ["LA2", "A", "10/06/2012", "11/06/2012"],
            ["LA33", "M", "01/07/2012", "02/07/2012"],
            ["LA18", "M", "10/01/2012", "10/01/2012"], ["LA18", "M", "20/02/2012", "20/02/2012"]]),
        "return_interviews.csv": csv_text(["CHILD", "MIS_START", "offered_at", "held_at", "declined"], [
            # 73 hours after the police's return time: late, on both records of the episode
            ["LA5", "2012-06-01", "2012-06-02T12:00:00", "2012-06-05T10:00:00", "N"],
            # offered within 72 hours and declined by the child: the duty is met
            ["LA2", "2012-06-10", "2012-06-12T10:00:00", "", "Y"],
            # back by 01:00 on 2 July, when the interview was offered; held 73 hours later
            ["LA33", "2012-07-01", "2012-07-02T01:00:00", "2012-07-05T02:00:00", "N"]]),
        "referrals.csv": csv_text(referral, [
            ["R1", "LA9", "2012-03-09T15:00:00", "6", "Concern", "early_help", "2012-03-12T11:00:00"],  # Fri -> Mon
            ["R2", "LA9", "2012-03-09T15:00:00", "6", "Concern", "early_help", "2012-03-13T11:00:00"],  # Fri -> Tue
            ["R3", "LA9", "2012-04-05T15:00:00", "6", "Concern", "early_help", "2012-04-10T11:00:00"],  # Easter
            ["R4", "LA9", "2012-08-24T15:00:00", "6", "Concern", "early_help", "2012-08-28T11:00:00"],  # bank hol.
            ["R5", "LA9", "2012-08-24T15:00:00", "6", "Concern", "early_help", "2012-08-29T11:00:00"],
            ["R6", "LA9", "2013-02-14T15:00:00", "6", "Concern", "", ""],                               # never
            ["R7", "LA9", "2012-03-10T15:00:00", "6", "Concern", "early_help", "2012-03-13T11:00:00"],  # Sat -> Tue
            ["R8", "LA9", "2013-08-30T15:00:00", "6", "Concern", "", ""],                               # not yet due
            ["R60", "LA6", "2012-04-14T20:00:00", "6", "Repeat missing", "strategy_meeting", "2012-04-14T22:00:00"],
            ["R80", "LA8", "2012-03-09T21:00:00", "6", "Repeat missing", "strategy_meeting", "2012-03-09T22:00:00"],
            ["R110", "LA11", "2012-06-10T10:00:00", "6", "Sexual offence", "assessment", "2012-06-10T12:00:00"],
            ["R310", "LA31", "2012-10-08T10:00:00", "2A", "School concern", "assessment", "2012-10-08T12:00:00"],
            ["R340", "LA34", "2012-08-31T10:00:00", "6", "Police concern", "assessment", "2012-08-31T12:00:00"]]),
        "case_notes.csv": csv_text(["note_id", "la_child_id", "recorded_at", "author_role", "text"], [
            ["NT1", "LA30", "2012-06-20T14:00:00", "social_worker",
             "She is very street-wise and PUTS  herself at risk by going to the flat."],
            ["NT2", "LA32", "2012-06-20T14:00:00", "social_worker",
             "She could not consent to what happened; she is not streetwise at all."]])}


def _school() -> dict[str, str]:
    return {
        "pupils.csv": csv_text(["upn", "school_urn", "surname", "forenames", "dob", "sex"],
                               [[f"U{i}", "100001", f"S{i}", f"F{i}", CHILD, "F"] for i in range(30, 35)]
                               + [["U35", "100001", "Typed", "Tia", "1996-03-12", "F"]]),
        "concerns.csv": csv_text(["concern_id", "upn", "recorded_at", "category", "summary", "referred_to",
                                  "referred_at"], [
            ["SC1", "U30", "2012-10-05T10:00:00", "sexual_exploitation", "Collected by an older male.", "", ""],
            ["SC2", "U32", "2012-10-05T10:00:00", "CSE", "Collected by an older male.", "social_care",
             "2012-10-05T12:00:00"],
            ["SC3", "U33", "2012-10-05T10:00:00", "behaviour", "Argued in class.", "", ""],
            ["SC4", "U31", "2012-10-05T10:00:00", "Missing from home", "Missed two days; mother unaware.", "", ""]])}


def _clinic() -> dict[str, str]:
    return {"attendances.csv": csv_text(
        ["attendance_id", "clinic_id", "patient_ref", "dob", "sex", "attended_at", "services", "sts_completed",
         "sts_flags", "referral_made"], [
            ["A1", "C1", "PR1", "1997-01-01", "F", "2012-09-01T10:00:00", "emergency_contraception", "Y",
             "older_partner", "N"],
            ["A2", "C1", "PR2", "1997-01-01", "F", "2012-09-01T10:00:00", "emergency_contraception", "Y",
             "older_partner", "Y"],
            ["A3", "C1", "PR3", "1994-08-31", "F", "2012-09-01T10:00:00", "sti_test", "Y", "older_partner", "N"],
            # 12 years old: no referral (failure) and with one; 13 since the day before
            ["A4", "C1", "PR4", "2000-01-01", "F", "2012-09-01T10:00:00", "pregnancy_test", "N", "", "N"],
            ["A5", "C1", "PR5", "1999-08-31", "F", "2012-09-01T10:00:00", "pregnancy_test", "N", "", "N"],
            ["A6", "C1", "PR6", "2000-01-01", "F", "2012-09-01T10:00:00", "pregnancy_test", "N", "", "Y"],
            # the clinic typed 2000 for a girl whose police and school records agree on 1998: 14
            ["A7", "C1", "PR7", "2000-01-01", "F", "2012-09-01T10:00:00", "pregnancy_test", "N", "", "N"],
            # 12 by the clinic, 14 by her one other record: contradicted, so not claimed as under 13
            ["A8", "C1", "PR8", "2000-01-01", "F", "2012-09-01T10:00:00", "pregnancy_test", "N", "", "N"]])}


def _emergency() -> dict[str, str]:
    return {"attendances.csv": csv_text(
        ["attendance_id", "dob", "sex", "arrived_at", "chief_complaint", "safeguarding_concern",
         "referred_to_social_care"], [
            ["E1", "1995-08-31", "M", "2012-08-30T23:00:00", "Head injury", "Y", "N"],   # 17: failure
            ["E2", "1994-08-29", "M", "2012-08-30T23:00:00", "Head injury", "Y", "N"],   # 18 the day before
            ["E3", "1995-08-31", "M", "2012-08-30T23:00:00", "Head injury", "Y", "Y"],
            # three days before the extract: the department's record already says it did not refer
            ["E4", "1997-01-01", "F", "2013-08-30T23:00:00", "Overdose", "Y", "N"],
            ["E5", "", "F", "2012-08-30T23:00:00", "Overdose", "Y", "N"],               # age unknown
            # the police referred her the next day: that does not answer the department's duty
            ["E6", "1997-01-01", "F", "2012-08-30T23:00:00", "Overdose", "Y", "N"]])}


def _links() -> dict[tuple[str, str], str]:
    links = {("police", f"N{i}"): f"P{i}" for i in (*range(1, 21),)}
    links |= {("council", f"LA{i}"): f"P{i}" for i in (2, 5, 6, 8, 9, 11, 18, 30, 31, 32, 33)}
    links |= {("school", f"U{i}"): f"P{i}" for i in range(30, 35)}
    links |= {("clinic", f"PR{i}"): f"P-C{i}" for i in range(1, 7)}
    links |= {("ed", f"E{i}"): f"P-E{i}" for i in range(1, 7)} | {("council", "LA34"): "P-E6"}
    links |= {("clinic", "PR7"): "P19", ("school", "U34"): "P19"}
    links |= {("police", "N22"): "P22", ("school", "U35"): "P22"}
    links |= {("clinic", "PR8"): "P23", ("police", "N23"): "P23"}
    return links


# Indicator evidence standing in for the indicators stage: P15 had indicators before her
# warning; P16's came after his arrest (and he is flagged low); P17 had none then but is
# flagged high now; P14 has none at all.
EVIDENCE = [("P15", "missing:X1", "2012-06-01 10:00:00"), ("P16", "missing:X2", "2012-08-01 10:00:00"),
            ("P17", "missing:X3", "2012-09-01 10:00:00")]
FLAGS = [("P15", "medium", 10, "2012-06-01", "missing_overnight", "police"),
         ("P16", "low", 3, "2012-08-01", "missing_overnight", "police"),
         ("P17", "high", 20, "2012-09-01", "missing_overnight", "police")]


@pytest.fixture
def checked(drop, workspace):
    write_extract(drop, "police", "police", _police())
    write_extract(drop, "council", "social_care", _council())
    write_extract(drop, "school", "education", _school())
    write_extract(drop, "clinic", "health_sexual", _clinic())
    write_extract(drop, "ed", "health_emergency", _emergency())
    pipeline.ingest(drop, workspace)
    con = open_warehouse(workspace)
    con.execute("CREATE TABLE result_linkage (source VARCHAR, record_id VARCHAR, person_id VARCHAR, "
                "match_probability DOUBLE)")
    con.executemany("INSERT INTO result_linkage VALUES (?, ?, ?, 1.0)",
                    [(s, r, p) for (s, r), p in _links().items()])
    con.execute('CREATE TABLE result_flag_evidence (person_id VARCHAR, event_id VARCHAR, "at" TIMESTAMP)')
    con.executemany("INSERT INTO result_flag_evidence VALUES (?, ?, ?)", EVIDENCE)
    con.execute("CREATE TABLE result_flags (person_id VARCHAR, level VARCHAR, score INTEGER, "
                "first_flagged_at DATE, indicators VARCHAR, sources VARCHAR)")
    con.executemany("INSERT INTO result_flags VALUES (?, ?, ?, ?, ?, ?)", FLAGS)
    run_accountability(con, workspace)
    yield con
    con.close()


def _cases(con, check: str) -> dict[str, bool]:
    """record id -> failed, for every case the check judged."""
    return dict(con.execute("SELECT record_id, failed FROM accountability_cases WHERE check_id = ?",
                            [check]).fetchall())


def test_return_interview_71_hours_is_in_time_73_is_late(checked):
    cases = _cases(checked, "missing_no_return_interview")
    assert cases["MP1"] is False and cases["MP2"] is True and cases["MP3"] is True
    # not yet due when the extract was taken, and an adult's episode: not judged
    assert "MP4" not in cases and "MP20" not in cases
    # a police nominal with no date of birth is read as an adult's, as the indicators read it;
    # 18 by the police's date of birth but 16 by the school's: the child has the benefit of the doubt
    assert "MP21" not in cases and cases["MP22"] is True
    # the council's record of MP5 is timed from the police's return time, so both are late
    assert cases["MP5"] is True and cases["LA5/2012-06-01"] is True
    # an offer within 72 hours that the child declined meets the duty
    assert cases["LA2/2012-06-10"] is False
    # with only the day of return, the child was back by the time the interview was offered
    assert cases["LA33/2012-07-01"] is True


def test_third_missing_episode_in_90_days_needs_a_referral_within_7_days(checked):
    cases = _cases(checked, "repeat_missing_no_strategy")
    # (P18's two episodes, each held by police and council, are two episodes, not four)
    assert cases == {"MP63": False, "MP83": True}


def test_referral_decision_within_one_working_day(checked):
    cases = _cases(checked, "referral_no_decision")
    # Friday -> Monday in time; Friday -> Tuesday late; Thursday before Easter -> Tuesday after
    # in time; Friday before the August bank holiday -> Tuesday in time, Wednesday late;
    # never decided; Saturday -> Tuesday in time (counted from Monday)
    assert {k: cases[k] for k in ("R1", "R2", "R3", "R4", "R5", "R6", "R7")} == {
        "R1": False, "R2": True, "R3": False, "R4": False, "R5": True, "R6": True, "R7": False}
    assert "R8" not in cases   # due after the extract was taken


def test_closed_sexual_offence_against_under_16_needs_a_referral(checked):
    cases = _cases(checked, "sexual_offence_closed_no_referral")
    # 14 and no referral; 14 with a referral; 16 with no indicators; charged (outcome 1)
    assert cases == {"I1": True, "I2": False}


def test_evidence_decided_within_28_days_and_declined_with_a_reason(checked):
    assert _cases(checked, "evidence_no_decision") == {
        "EV1": False, "EV2": True, "EV3": False, "EV4": True, "EV5": True}


def test_child_criminalised_only_when_at_risk(checked):
    findings = dict(checked.execute(
        "SELECT record_id, summary FROM accountability_findings WHERE check_id = 'child_criminalised'").fetchall())
    # P15 had indicators before; P17 is flagged high now; P14 has none; P16's came later and he is low
    assert set(findings) == {"I6", "I8"}
    assert "already on record" in findings["I6"] and "now at high risk" in findings["I8"]


def test_concerns_with_no_referral(checked):
    assert _cases(checked, "concern_no_referral") == {"SC1": True, "SC2": False, "SC4": False}
    assert _cases(checked, "sts_concern_no_referral") == {"A1": True, "A2": False}
    assert _cases(checked, "ae_safeguarding_no_referral") == {
        "E1": True, "E3": False, "E4": True, "E5": True, "E6": True}
    assert "age not recorded" in checked.execute(
        "SELECT summary FROM accountability_findings WHERE record_id = 'E5'").fetchall()[0][0]
    # E4 is a finding at once, due after the extract was taken: not overdue yet
    assert checked.execute("SELECT strftime(due_at, '%Y-%m-%d'), overdue FROM accountability_findings "
                           "WHERE record_id = 'E4'").fetchall() == [("2013-09-06", False)]
    # A7's own date of birth says 12, the two records that agree say 14; A8's is contradicted
    assert _cases(checked, "under13_sexual_activity_no_referral") == {"A4": True, "A6": False}


def test_victim_blaming_language_quoted_with_suggestion(checked):
    rows = checked.execute("SELECT record_id, summary FROM accountability_findings "
                           "WHERE check_id = 'victim_blaming_language'").fetchall()
    assert [r[0] for r in rows] == ["NT1"]
    summary = rows[0][1]
    assert "'street wise'" in summary and "'puts herself at risk'" in summary and "suggest:" in summary


def test_findings_cite_record_child_agency_and_dates(checked):
    row = checked.execute("""SELECT person_id, agency, area, source, line, raised_at, due_at, done_at, outcome,
                                    status, overdue
                             FROM accountability_findings WHERE record_id = 'MP2'""").fetchall()[0]
    person, agency, area, source, line, raised, due, done, outcome, status, overdue = row
    assert (person, agency, area, source, line) == ("P2", "police agency", "E10000025", "police", 3)
    assert str(raised) == "2012-03-02 10:00:00" and str(due) == "2012-03-05 10:00:00"
    assert str(done) == "2012-03-05 11:00:00" and outcome == "late" and status == "open" and overdue is False
    assert checked.execute("SELECT overdue FROM accountability_findings WHERE record_id = 'MP3'").fetchall() == [(True,)]


def test_partnership_summary_timeliness(checked):
    rows = checked.execute("""SELECT agency, cases, findings, timely, timed, timely_rate FROM accountability_summary
                              WHERE check_id = 'referral_no_decision'""").fetchall()
    # R1-R7 with three late, and five decided the day they arrived (R8 is not yet due)
    assert rows == [("council agency", 12, 3, 9, 12, round(9 / 12, 4))]


def test_life_cycle_acknowledge_resolve_reopen(checked, workspace, tmp_path):
    fid = checked.execute("SELECT finding_id FROM accountability_findings WHERE record_id = 'EV5'").fetchall()[0][0]
    with pytest.raises(ValueError, match="reason"):
        record_status(workspace, fid, "resolved", by="analyst")
    record_status(workspace, fid, "acknowledged", by="analyst", reason="Asked the OIC")
    run_accountability(checked, workspace)
    assert checked.execute("SELECT status, status_by FROM accountability_findings WHERE finding_id = ?",
                           [fid]).fetchall() == [("acknowledged", "analyst")]
    record_status(workspace, fid, "resolved", by="manager", reason="Phone examined; decision recorded late")
    run_accountability(checked, workspace)   # a later run finds the same failure: it stays resolved
    assert checked.execute("SELECT status, overdue FROM accountability_findings WHERE finding_id = ?",
                           [fid]).fetchall() == [("resolved", False)]
    export_results(checked, tmp_path / "out")
    with (tmp_path / "out" / "accountability.csv").open() as handle:
        exported = list(csv.DictReader(handle))
    assert fid not in {r["finding_id"] for r in exported}
    assert list(exported[0]) == ["finding_id", "check_id", "person_id", "source", "record_id", "raised_at",
                                 "due_at", "summary"]
    record_status(workspace, fid, "open", by="manager", reason="Decision still not on the system")
    run_accountability(checked, workspace)
    assert checked.execute("SELECT status FROM accountability_findings WHERE finding_id = ?",
                           [fid]).fetchall() == [("open",)]
