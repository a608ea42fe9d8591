"""A small county checked against the data contract and against its own truth files."""

import csv
import datetime as dt
import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pyarrow.csv as pacsv
import pytest

from lookout.simulate import SimulationSummary, simulate_county

# Written out from data contract v1, not imported from the code under test.
CONTRACT = {
    "police": {
        "nominals.csv": "nominal_id*, surname, forenames, dob, sex, address, postcode, phone",
        "incidents.csv": "incident_id*, incident_type*, occurred_at, reported_at*, postcode, address, summary, outcome, outcome_at",
        "incident_people.csv": "incident_id*, nominal_id*, role*",
        "vehicles.csv": "incident_id*, vrm*, make, colour, nominal_id",
        "missing_episodes.csv": "episode_id*, nominal_id*, reported_at*, reported_by, risk_grade, found_at, found_postcode, found_address, found_with, return_interview_at, return_interview_by",
        "evidence.csv": "evidence_id*, incident_id*, description*, offered_by, offered_at*, decision, decision_reason, decision_at",
        "intelligence.csv": "intel_id*, recorded_at*, grading, text*, nominal_ids, vrms, phones, postcodes",
    },
    "education": {
        "pupils.csv": "upn*, school_urn*, surname, forenames, dob, sex, postcode, on_roll_from, on_roll_to",
        "attendance.csv": "upn*, school_urn*, date*, session*, code*",
        "concerns.csv": "concern_id*, upn*, recorded_at*, category, summary, action_taken, referred_to, referred_at",
    },
    "social_care": {
        "children.csv": "la_child_id*, surname, forenames, dob, sex, upn, nhs_number, postcode, address",
        "ssda903_header.csv": "CHILD*, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB",
        "ssda903_episodes.csv": "CHILD*, DECOM*, RNE, LS, CIN, PLACE, PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN",
        "ssda903_missing.csv": "CHILD*, MISSING*, MIS_START*, MIS_END",
        "return_interviews.csv": "CHILD*, MIS_START*, offered_at, held_at, declined, summary",
        "referrals.csv": "referral_id*, la_child_id*, received_at*, source, reason, decision, decision_at, factors",
        "case_notes.csv": "note_id*, la_child_id*, recorded_at*, author_role, text*",
    },
    "health_sexual": {
        "attendances.csv": "attendance_id*, clinic_id*, patient_ref*, forenames, surname, dob, sex, postcode, attended_at*, services, diagnoses, sts_completed, sts_flags, referral_made, referral_to, referral_at",
    },
    "health_emergency": {
        "attendances.csv": "attendance_id*, nhs_number, forenames, surname, dob, sex, postcode, arrived_at*, chief_complaint, injury, injury_intent, alcohol_or_drugs, safeguarding_concern, referred_to_social_care, text",
    },
}
RECORD_FILE = {"police": ("nominals.csv", "nominal_id"), "education": ("pupils.csv", "upn"),
               "social_care": ("children.csv", "la_child_id"), "health_sexual": ("attendances.csv", "patient_ref"),
               "health_emergency": ("attendances.csv", "attendance_id")}
BANK_HOLIDAYS = {"2012-04-06", "2012-04-09", "2012-05-07", "2012-06-04", "2012-06-05", "2012-08-27",
                 "2012-12-25", "2012-12-26", "2013-01-01", "2013-03-29", "2013-04-01", "2013-05-06",
                 "2013-05-27", "2011-12-26", "2011-12-27", "2012-01-02", "2013-08-26"}
NOT_POSSIBLE = {"#", "X", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Z", "D"}
PRESENT = {"/", "\\", "L", "B", "P", "V", "J1", "K", "W"}


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> tuple[Path, SimulationSummary]:
    out = tmp_path_factory.mktemp("county")
    return out, simulate_county(out, children=2500, seed=3)


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if None not in r and all(v is not None for v in r.values())]


def _kinds(drop: Path) -> dict[str, str]:
    return {p.parent.name: tomllib.loads(p.read_text())["kind"] for p in drop.glob("*/source.toml")}


def test_source_toml_and_all_five_kinds(county):
    out, _ = county
    for path in (out / "drop").glob("*/source.toml"):
        meta = tomllib.loads(path.read_text())
        assert {"kind", "agency", "area", "extracted_at", "period_start", "period_end", "legal_basis"} <= set(meta)
        dt.datetime.fromisoformat(meta["extracted_at"])
    kinds = _kinds(out / "drop")
    assert set(kinds.values()) == set(CONTRACT)
    assert sorted(kinds.values()).count("police") == 2


def test_every_file_has_the_contract_header(county):
    out, _ = county
    for folder, kind in _kinds(out / "drop").items():
        for filename, spec in CONTRACT[kind].items():
            path = out / "drop" / folder / filename
            assert path.exists(), path
            header = path.open(encoding="utf-8").readline().strip().split(",")
            expected = [c.strip().rstrip("*") for c in spec.split(",")]
            assert set(expected) <= set(header), (path, set(expected) - set(header))


def test_records_exist_in_the_drop(county):
    out, _ = county
    kinds = _kinds(out / "drop")
    ids = {}
    for folder, kind in kinds.items():
        filename, column = RECORD_FILE[kind]
        ids[folder] = {r[column] for r in _read(out / "drop" / folder / filename)}
    records = _read(out / "truth" / "records.csv")
    assert len(records) > 1000
    missing = [r for r in records if r["record_id"] not in ids[r["source"]]]
    assert len(missing) <= 3, missing[:5]  # at most the odd record whose only row was deliberately broken


def test_rings_victims_decoys(county):
    out, summary = county
    people = {p["truth_id"]: p for p in _read(out / "truth" / "people.csv")}
    rings = _read(out / "truth" / "rings.csv")
    assert len(rings) >= 2 and summary.rings == len(rings)
    assert any(len(r["areas"].split(";")) == 2 for r in rings)
    for ring in rings:
        victims, offenders = ring["victim_ids"].split(";"), ring["offender_ids"].split(";")
        assert 3 <= len(victims) <= 8 and 2 <= len(offenders) <= 6
        assert all(people[v]["exploited"] == "Y" and people[v]["ring_id"] == ring["ring_id"] for v in victims)
        assert all(people[o]["role"] == "offender" and people[o]["kind"] == "adult" for o in offenders)
        assert all(re.fullmatch(r"\+447\d{9}", p) for p in ring["phones"].split(";") if p)
        assert all(re.fullmatch(r"[A-Z]{2}\d{2} [A-Z]{3}", v) for v in ring["vrms"].split(";") if v)
    decoys = _read(out / "truth" / "decoys.csv")
    assert {d["decoy_type"] for d in decoys} == {"family_conflict_missing", "illness_absence", "same_age_partner",
                                                 "care_runaway", "lookalike"}
    assert all(people[d["truth_id"]]["exploited"] == "N" for d in decoys)
    for p in people.values():
        if p["exploited"] == "Y" and p["first_disclosure_at"]:
            gap = dt.date.fromisoformat(p["first_disclosure_at"]) - dt.date.fromisoformat(p["exploitation_start"])
            assert gap.days >= 180


def test_no_victim_is_seen_by_all_five_kinds(county):
    out, _ = county
    kinds = _kinds(out / "drop")
    people = _read(out / "truth" / "people.csv")
    victims = {p["truth_id"] for p in people if p["exploited"] == "Y"}
    seen = defaultdict(set)
    for r in _read(out / "truth" / "records.csv"):
        seen[r["truth_id"]].add(kinds[r["source"]])
    assert victims
    assert all(1 <= len(seen[v]) <= 4 for v in victims), {v: seen[v] for v in victims}


def test_base_rates(county):
    out, _ = county
    people = [p for p in _read(out / "truth" / "people.csv") if p["kind"] == "child"]
    in_care = sum(p["in_care"] == "Y" for p in people)
    assert abs(in_care - round(len(people) * 0.007)) <= 1
    table = pacsv.read_csv(out / "drop" / "oxon-schools" / "attendance.csv",
                           convert_options=pacsv.ConvertOptions(column_types={c: "string" for c in ("upn", "school_urn", "date", "session", "code")}),
                           parse_options=pacsv.ParseOptions(invalid_row_handler=lambda row: "skip"))
    possible, absent = defaultdict(int), defaultdict(int)
    for upn, code in zip(table.column("upn").to_pylist(), table.column("code").to_pylist()):
        if code in NOT_POSSIBLE or code is None:
            continue
        possible[upn] += 1
        absent[upn] += code not in PRESENT
    rates = [absent[u] / possible[u] for u in possible if possible[u] >= 100]
    persistent = sum(r >= 0.10 for r in rates) / len(rates)
    severe = sum(r >= 0.50 for r in rates) / len(rates)
    assert 0.15 <= persistent <= 0.25, persistent
    assert 0.003 <= severe <= 0.04, severe
    codes = set(table.column("code").to_pylist())
    assert {"/", "\\", "L", "I", "M", "O", "N", "U", "#"} <= codes


def test_ssda903_dates_are_dd_mm_yyyy_and_others_iso(county):
    out, _ = county
    dmy, iso = re.compile(r"\d{2}/\d{2}/\d{4}"), re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?")
    la = out / "drop" / "oxon-childrens-services"
    bad = {(int(b["line"]), b["file"]) for b in _read(out / "truth" / "bad_rows.csv")}
    for filename, columns, pattern in (("ssda903_missing.csv", ("MIS_START",), dmy),
                                       ("ssda903_header.csv", ("DOB",), dmy),
                                       ("referrals.csv", ("received_at",), iso)):
        for line, row in enumerate(_read(la / filename), start=2):
            if (line, filename) not in bad:
                assert all(pattern.fullmatch(row[c]) for c in columns), (filename, row)


def _valid_date(text: str, dmy: bool) -> bool:
    try:
        (dt.datetime.strptime(text, "%d/%m/%Y") if dmy else dt.datetime.fromisoformat(text))
        return (len(text) == 10 and text[2] == "/") if dmy else text[4] == "-"
    except (ValueError, IndexError):
        return False


def test_bad_rows_are_malformed_at_their_line(county):
    out, _ = county
    bad = _read(out / "truth" / "bad_rows.csv")
    assert any(b["file"] == "attendance.csv" for b in bad) and any(b["file"] != "attendance.csv" for b in bad)
    for b in bad:
        path = out / "drop" / b["source"] / b["file"]
        with open(path, encoding="utf-8", newline="") as fh:
            lines = fh.read().split("\n")
        header = next(csv.reader([lines[0]]))
        row = next(csv.reader([lines[int(b["line"]) - 1]]))
        if len(row) != len(header):
            continue
        value = row[header.index(b["column"])]
        if "date" in b["problem"]:
            assert not _valid_date(value, b["file"].startswith("ssda903_")), b
        elif "Y/N" in b["problem"]:
            assert value not in {"Y", "N", "1", "0", "true", "false"}, b
        elif "blank" in b["problem"]:
            assert value == "", b
        else:
            assert value in {"ZZ9", "QQ", "EV"}, b


def _working_days_after(start: dt.date, end: dt.date) -> int:
    days, d = 0, start
    while d < end:
        d += dt.timedelta(days=1)
        if d.weekday() < 5 and d.isoformat() not in BANK_HOLIDAYS:
            days += 1
    return days


def test_accountability_cases_hold_in_the_records(county):
    out, _ = county
    cases = _read(out / "truth" / "accountability.csv")
    doc_ids = {"missing_no_return_interview", "repeat_missing_no_strategy", "referral_no_decision",
               "sexual_offence_closed_no_referral", "evidence_no_decision", "child_criminalised",
               "concern_no_referral", "sts_concern_no_referral", "ae_safeguarding_no_referral",
               "under13_sexual_activity_no_referral", "victim_blaming_language"}
    assert {c["check_id"] for c in cases if c["planted"] == "failure"} == doc_ids
    assert {c["check_id"] for c in cases if c["planted"] == "handled"} == doc_ids
    # ids are unique within an extract only, so key by (extract folder, id)
    referrals = {(f.parent.name, r["referral_id"]): r for f in (out / "drop").glob("*/referrals.csv") for r in _read(f)}
    for c in (c for c in cases if c["check_id"] == "referral_no_decision"):
        r = referrals[(c["source"], c["record_id"])]
        late = not r["decision_at"] or _working_days_after(dt.date.fromisoformat(r["received_at"][:10]),
                                                            dt.date.fromisoformat(r["decision_at"][:10])) > 1
        assert late == (c["planted"] == "failure"), r
    episodes = {(f.parent.name, e["episode_id"]): e for f in (out / "drop").glob("*/missing_episodes.csv") for e in _read(f)}
    checked = 0
    for c in (c for c in cases if c["check_id"] == "missing_no_return_interview" and (c["source"], c["record_id"]) in episodes):
        e = episodes[(c["source"], c["record_id"])]
        hours = None if not e["return_interview_at"] else (
            dt.datetime.fromisoformat(e["return_interview_at"]) - dt.datetime.fromisoformat(e["found_at"])).total_seconds() / 3600
        assert (hours is None or hours > 72) == (c["planted"] == "failure"), e
        checked += 1
    assert checked >= 4
    notes = {(f.parent.name, n["note_id"]): n["text"].lower() for f in (out / "drop").glob("*/case_notes.csv") for n in _read(f)}
    blaming = re.compile(r"street-?\s*wise|lifestyle\s+choice|putting\s+herself|prostituting|consent(ed|ing)\b|wilful")
    for c in (c for c in cases if c["check_id"] == "victim_blaming_language" and (c["source"], c["record_id"]) in notes):
        text = notes[(c["source"], c["record_id"])]
        assert bool(blaming.search(text)) == (c["planted"] == "failure") or "not streetwise" in text, text
