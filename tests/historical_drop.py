"""A small historical drop of the kind a practice review starts from, made by hand.

Modelled on the Oxford case the origin article reports (names and details invented): girls in
and out of care in 2004-2012, missing again and again, seen at A&E and a sexual health clinic,
a man known to two police forces. Few identifiers: no NHS numbers, a UPN only in the school's
register. Each agency writes people its own way: "Katie", "Katy", "Kaytee", "Kate" and
"Katherine Louise"; "Mohammed" and "Mohammad"; a mother's surname hyphenated on; a date of
birth mistyped or left blank; postcodes without a space, or the outward code alone; an
address written "Rd" for "Road". Among them are people who must stay apart: twins, a girl of
the same name and birthday in the other force's area, a father and son of one name.

`write_historical_drop(drop)` writes the extracts and returns the truth: each real person's
records as `(extract folder, record id)`, and the pairs of people who look alike on paper.
"""

from __future__ import annotations

from pathlib import Path

from lookout.simulate.identifiers import make_upn
from tests.conftest import csv_text, write_extract

__all__ = ["LOOKALIKES", "write_historical_drop"]

PERIOD = ("2004-01-01", "2012-12-31")
EXTRACTED = "2013-01-31T08:00:00"
TVP, WMP = "E10000025", "E06000020"  # Oxfordshire (Thames Valley), Telford and Wrekin (West Mercia)

UPN_KATIE = make_upn(931, 4102, 2, 1)
UPN_JADE = make_upn(931, 4102, 3, 2)
UPN_CHLOE = make_upn(931, 4102, 4, 3)
UPN_JESSICA = make_upn(931, 4102, 4, 4)   # Chloe's twin: admitted together, the next number
UPN_DANIEL = make_upn(931, 4102, 1, 5)
UPN_JADE_TELFORD = make_upn(894, 4011, 3, 7)

# Who each record is: real person -> (extract folder, record id)
PEOPLE: dict[str, set[tuple[str, str]]] = {
    "katie": {("tvp-police", "N0001"), ("tvp-police", "N0007"), ("wmp-police", "W1003"),
              ("oxon-cs", "5001"), ("cowley-school", UPN_KATIE), ("jr-ed", "ED9001"),
              ("oxon-sh", "SH-77")},
    "jade": {("tvp-police", "N0002"), ("oxon-cs", "5002"), ("cowley-school", UPN_JADE),
             ("oxon-sh", "SH-81")},
    "jade_telford": {("wmp-police", "W1004"), ("telford-ed", "PRH-551"),
                     ("telford-school", UPN_JADE_TELFORD)},
    "chloe": {("tvp-police", "N0003"), ("cowley-school", UPN_CHLOE), ("jr-ed", "ED9002")},
    "jessica": {("cowley-school", UPN_JESSICA), ("jr-ed", "ED9003")},
    "hussain": {("tvp-police", "N0010"), ("tvp-police", "N0011"), ("wmp-police", "W1001"),
                ("jr-ed", "ED9004")},
    "daniel_senior": {("tvp-police", "N0012"), ("jr-ed", "ED9005")},
    "daniel_junior": {("tvp-police", "N0013"), ("cowley-school", UPN_DANIEL), ("jr-ed", "ED9006")},
    "carter": {("tvp-police", "N0014"), ("wmp-police", "W1002")},
    "ellie": {("oxon-cs", "5003"), ("oxon-sh", "SH-90")},
}
# People who look alike on paper and must never be merged
LOOKALIKES = (("chloe", "jessica", "twins"), ("jade", "jade_telford", "same name and birthday elsewhere"),
              ("daniel_senior", "daniel_junior", "father and son"))


def write_historical_drop(drop: Path) -> dict[str, set[tuple[str, str]]]:
    """Write the drop's six extracts into `drop`; return who each record is."""
    police_nominals = ["nominal_id", "surname", "forenames", "dob", "sex", "address", "postcode", "phone"]
    write_extract(drop, "tvp-police", "police", {
        "nominals.csv": csv_text(police_nominals, [
            ["N0001", "Marsh", "Katie", "1991-04-17", "F", "14 Cowley Road, Oxford", "OX4 1HZ", ""],
            ["N0007", "MARSH", "Katy", "", "F", "14 Cowley Rd, Oxford", "ox41hz", ""],
            ["N0002", "Hooper", "Jade Amelia", "1992-09-03", "F", "3 Crescent Road, Oxford", "OX4 2PB", ""],
            ["N0003", "Ryan", "Chloe", "1993-02-11", "F", "27 Magdalen Road, Oxford", "OX4 1RW", ""],
            ["N0010", "Hussain", "Mohammed Tariq", "1978-06-30", "M", "22 Iffley Road, Oxford", "OX4 1EA",
             "07700 900461"],
            ["N0011", "HUSSAIN", "Mohammad", "", "M", "22 Iffley Rd", "OX4 1EA", ""],
            ["N0012", "Price", "Daniel", "1969-11-02", "M", "9 Divinity Road, Oxford", "OX4 1LH", ""],
            ["N0013", "Price", "Daniel", "1990-05-14", "M", "9 Divinity Road, Oxford", "OX4 1LH", ""],
            ["N0014", "Carter", "Lee", "1975-01-23", "M", "41 Howard Street, Oxford", "OX4 3AY", ""],
        ]),
        "incidents.csv": csv_text(
            ["incident_id", "incident_type", "occurred_at", "reported_at", "postcode", "summary", "outcome"], [
                ["I-2006-01", "sexual_offence", "2006-03-10T22:00:00", "2006-03-14T10:00:00", "OX4 1EA",
                 "Complaint of rape by a 15-year-old girl against an adult male.", "16"],
                ["I-2006-02", "wasting_police_time", "2006-05-02T01:00:00", "2006-05-02T02:00:00", "OX4 1HZ",
                 "Girl warned for wasting police time after repeated missing reports.", "warning_given"],
            ]),
        "incident_people.csv": csv_text(["incident_id", "nominal_id", "role"], [
            ["I-2006-01", "N0001", "victim"], ["I-2006-01", "N0010", "suspect"],
            ["I-2006-02", "N0001", "warned"]]),
        "missing_episodes.csv": csv_text(
            ["episode_id", "nominal_id", "reported_at", "reported_by", "risk_grade", "found_at",
             "found_address", "found_with"], [
                ["M-01", "N0001", "2005-11-04T23:30:00", "care_home", "medium", "2005-11-06T03:00:00",
                 "22 Iffley Road, Oxford", "N0010"],
                ["M-02", "N0007", "2006-01-20T22:00:00", "care_home", "low", "2006-01-21T14:00:00", "", ""],
                ["M-03", "N0002", "2006-02-11T21:00:00", "care_home", "medium", "2006-02-12T11:00:00",
                 "22 Iffley Rd", "N0011"],
            ]),
    }, area=TVP, extracted_at=EXTRACTED, period=PERIOD)
    write_extract(drop, "wmp-police", "police", {
        "nominals.csv": csv_text(police_nominals, [
            ["W1001", "Hussain", "Mohammed", "1978-06-30", "M", "22 Iffley Road, Oxford", "OX41EA", ""],
            ["W1002", "CARTER", "Lee", "1975-01-23", "M", "", "TF3 4LH", ""],
            ["W1003", "Marsh", "Kaytee", "1991-04-17", "F", "", "", ""],
            ["W1004", "Hooper", "Jade", "1992-09-03", "F", "8 Hadley Park Road, Telford", "TF1 6QQ", ""],
        ]),
        "missing_episodes.csv": csv_text(
            ["episode_id", "nominal_id", "reported_at", "reported_by", "found_at", "found_address"], [
                ["WM-1", "W1003", "2007-06-02T20:00:00", "other", "2007-06-03T09:00:00", "Telford town centre"]]),
    }, area=WMP, extracted_at=EXTRACTED, period=PERIOD)
    write_extract(drop, "oxon-cs", "social_care", {
        "children.csv": csv_text(
            ["la_child_id", "surname", "forenames", "dob", "sex", "upn", "nhs_number", "postcode", "address"], [
                ["5001", "Marsh", "Katherine Louise", "1991-04-17", "F", "", "", "OX4 1HZ", "14 Cowley Road, Oxford"],
                ["5002", "Hooper", "Jade", "1992-09-03", "F", UPN_JADE, "", "OX4 2PB", "3 Crescent Road, Oxford"],
                ["5003", "Walsh", "Ellie", "1994-12-09", "F", "", "", "OX3 7LQ", "60 Morrell Avenue, Oxford"],
            ]),
        "referrals.csv": csv_text(
            ["referral_id", "la_child_id", "received_at", "source", "reason", "decision", "decision_at", "factors"], [
                ["R-1", "5001", "2005-11-07T09:00:00", "6", "Missing from care, found at an adult male's address",
                 "nfa", "2005-11-15T16:00:00", "10A"],
                ["R-2", "5002", "2006-02-13T09:00:00", "2A", "Absent from school, older boyfriend", "assessment",
                 "2006-02-14T12:00:00", "10A;11A"],
            ]),
    }, area=TVP, extracted_at=EXTRACTED, period=PERIOD)
    write_extract(drop, "cowley-school", "education", {
        "pupils.csv": csv_text(
            ["upn", "school_urn", "surname", "forenames", "dob", "sex", "postcode", "on_roll_from", "on_roll_to"], [
                [UPN_KATIE, "123456", "Marsh-Doyle", "Katie", "1991-04-17", "F", "OX4 1HZ", "2002-09-04", "2007-07-20"],
                [UPN_JADE, "123456", "Hooper", "Jade", "1992-09-03", "F", "OX4 2PB", "2003-09-03", "2008-07-18"],
                [UPN_CHLOE, "123456", "Ryan", "Chloe", "1993-02-11", "F", "OX4 1RW", "2004-09-08", "2009-07-17"],
                [UPN_JESSICA, "123456", "Ryan", "Jessica", "1993-02-11", "F", "OX4 1RW", "2004-09-08", "2009-07-17"],
                [UPN_DANIEL, "123456", "Price", "Daniel", "1990-05-14", "M", "OX4 1LH", "2001-09-05", "2006-07-21"],
            ]),
    }, area=TVP, extracted_at=EXTRACTED, period=PERIOD)
    write_extract(drop, "telford-school", "education", {
        "pupils.csv": csv_text(
            ["upn", "school_urn", "surname", "forenames", "dob", "sex", "postcode"], [
                [UPN_JADE_TELFORD, "135790", "Hooper", "Jade", "1992-09-03", "F", "TF1 6QQ"]]),
    }, area=WMP, extracted_at=EXTRACTED, period=PERIOD)
    write_extract(drop, "jr-ed", "health_emergency", {
        "attendances.csv": csv_text(
            ["attendance_id", "nhs_number", "forenames", "surname", "dob", "sex", "postcode", "arrived_at",
             "chief_complaint", "injury", "injury_intent", "alcohol_or_drugs", "safeguarding_concern", "text"], [
                ["ED9001", "", "Katie", "Marsh", "1991-04-27", "F", "OX4 1HX", "2006-04-02T02:10:00", "Burns to arms",
                 "Y", "unknown", "Y", "N", "Cigarette burns and bruising; says she fell."],
                ["ED9002", "", "Chloe", "Ryan", "1993-02-11", "F", "OX4 1RW", "2007-03-12T19:00:00", "Sprained wrist",
                 "Y", "accidental", "N", "N", ""],
                ["ED9003", "", "Jess", "Ryan", "1993-02-11", "F", "OX4 1RW", "2008-10-01T16:30:00", "Asthma",
                 "N", "", "N", "N", ""],
                ["ED9004", "", "Mo", "Hussain", "1978-06-30", "M", "OX4 1EA", "2009-01-05T23:40:00", "Hand laceration",
                 "Y", "assault", "N", "N", ""],
                ["ED9005", "", "Daniel", "Price", "1969-11-02", "M", "OX4 1LH", "2010-06-01T10:00:00", "Chest pain",
                 "N", "", "N", "N", ""],
                ["ED9006", "", "Danny", "Price", "1990-05-14", "M", "OX4 1LH", "2005-08-20T15:00:00", "Broken finger",
                 "Y", "accidental", "N", "N", ""],
            ]),
    }, area=TVP, extracted_at=EXTRACTED, period=PERIOD)
    write_extract(drop, "telford-ed", "health_emergency", {
        "attendances.csv": csv_text(
            ["attendance_id", "forenames", "surname", "dob", "sex", "postcode", "arrived_at"], [
                ["PRH-551", "Jade", "Hooper", "1992-09-03", "F", "TF1 6QQ", "2008-02-02T13:00:00"]]),
    }, area=WMP, extracted_at=EXTRACTED, period=PERIOD)
    write_extract(drop, "oxon-sh", "health_sexual", {
        "attendances.csv": csv_text(
            ["attendance_id", "clinic_id", "patient_ref", "forenames", "surname", "dob", "sex", "postcode",
             "attended_at", "services", "sts_completed", "sts_flags"], [
                ["A-1", "C-1", "SH-77", "Kate", "Marsh", "1991-04-17", "F", "OX4", "2006-04-20T15:00:00",
                 "sti_test;emergency_contraception", "N", ""],
                ["A-2", "C-1", "SH-77", "Kate", "Marsh", "1991-04-17", "F", "OX4", "2006-07-03T11:00:00",
                 "emergency_contraception", "N", ""],
                ["A-3", "C-1", "SH-81", "Jayde", "Hooper", "1992-09-03", "F", "OX4 2PB", "2006-09-14T16:00:00",
                 "sti_test", "Y", "older_partner"],
                ["A-4", "C-1", "SH-90", "Ellie", "Walsh", "1994-12-09", "F", "OX3 7LQ", "2009-05-05T10:00:00",
                 "contraception", "N", ""],
            ]),
    }, area=TVP, extracted_at=EXTRACTED, period=PERIOD)
    return {person: set(records) for person, records in PEOPLE.items()}
