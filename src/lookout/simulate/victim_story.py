"""The escalating record a ring leaves across agencies for each child it exploits.

No victim is seen by every agency and no signal is always present: each event type is
drawn only for the agencies chosen for that child, with its own probability.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from .calendar import PERIOD_END, random_datetime
from .events import (CaseNote, ClinicVisit, Concern, EmergencyVisit, Events, Incident, Intel,
                     MissingEpisode)
from .language import blaming_text, disclosure_note, risk_note
from .rings import Ring
from .world import Person, World

_STS = ("older_partner", "gifts_money_drugs", "controlled", "going_missing", "alcohol_drugs",
        "school_attendance", "mood_self_harm", "met_online")


def _times(rng: np.random.Generator, start: dt.date, end: dt.date, count: int) -> list[dt.datetime]:
    """Event times that get denser as exploitation goes on."""
    span = max((end - start).days, 1)
    days = np.sort(span * np.sqrt(rng.random(count)))
    return [dt.datetime.combine(start + dt.timedelta(days=int(d)),
                                dt.time(int(rng.integers(15, 24)), int(rng.integers(0, 60))))
            for d in days]


def _interview(rng: np.random.Generator, found: dt.datetime) -> tuple[dt.datetime | None, tuple[str, str] | None]:
    u = rng.random()
    if u < 0.65:
        return found + dt.timedelta(hours=float(rng.uniform(6, 68))), None
    if u < 0.8:
        return found + dt.timedelta(hours=float(rng.uniform(80, 240))), ("missing_no_return_interview", "failure")
    return None, ("missing_no_return_interview", "failure")


def victim_events(world: World, rng: np.random.Generator, ring: Ring, victim: Person, ev: Events) -> None:
    """Create every event of one victim's story."""
    k = victim.allowed_kinds
    start = victim.exploitation_start
    end = PERIOD_END - dt.timedelta(days=3)
    months = max((end - start).days / 30.4, 1)
    offender = ring.offenders[int(rng.integers(0, len(ring.offenders)))]
    name = victim.forename
    if ("police" in k or victim.in_care) and "never_missing" not in victim.traits:
        for i, at in enumerate(_times(rng, start, end, int(rng.integers(2, 4 + months * 0.7)))):
            grow = min(1.0, (at.date() - start).days / 365)
            hours = float(rng.lognormal(np.log(8 + 50 * grow), 0.6))
            found = at + dt.timedelta(hours=hours)
            place = ring.places[int(rng.integers(0, len(ring.places)))]
            with_offender = rng.random() < 0.2 + 0.4 * grow
            interview, check = _interview(rng, found)
            ev.missing.append(MissingEpisode(
                child=victim, start=at, end=found if found.date() <= PERIOD_END else None,
                reported_by="care_home" if victim.in_care else "parent",
                risk=str(rng.choice(["medium", "high"] if grow > 0.3 else ["low", "medium"])),
                found_address=place[0] if rng.random() < 0.5 else "",
                found_postcode=place[1] if rng.random() < 0.6 else "",
                found_with=[offender] if with_offender else [], interview_at=interview,
                to_police="police" in k, to_la=victim.in_care and "social_care" in k,
                status="M" if rng.random() < 0.85 else "A", check=check))
    if "police" in k:
        _police(world, rng, ring, victim, offender, ev, start, end)
    if "social_care" in k:
        for at in _times(rng, start, end, int(rng.integers(2, 6))):
            note = risk_note(rng, name, victim.sex)
            check = None
            if rng.random() < 0.25 and victim.sex == "F":
                note, _ = blaming_text(rng, name, note)
                check = ("victim_blaming_language", "failure")
            ev.notes.append(CaseNote(victim, at, "social_worker", note, check))
        if victim.first_disclosure_at and "police" not in k:
            at = dt.datetime.combine(victim.first_disclosure_at, dt.time(14, 30))
            ev.notes.append(CaseNote(victim, at, "social_worker", disclosure_note(rng, name, victim.sex)))
    if victim.upn:
        _school(rng, victim, ev, start, end)
    if "health_sexual" in k:
        _clinic(rng, victim, ev, start, end)
    if "health_emergency" in k:
        for at in _times(rng, start, end, int(rng.integers(1, 4))):
            kind = int(rng.integers(0, 3))
            complaint = ("Alcohol intoxication", "Assault - facial injury", "Overdose")[kind]
            safeguarding = rng.random() < 0.7
            referred = safeguarding and "social_care" in k and rng.random() < 0.6
            ev.emergency.append(EmergencyVisit(
                victim, at, complaint, injury=kind == 1,
                intent=("", str(rng.choice(["assault", "unknown"])), "self_harm")[kind],
                alcohol_or_drugs=kind != 1 or rng.random() < 0.5, safeguarding=safeguarding,
                referred=referred, text=f"Brought in by friends at {at:%H:%M}; vague about events.",
                check=("ae_safeguarding_no_referral", "failure")
                if safeguarding and not referred and victim.age_on(at.date()) < 18 else None))


def _police(world, rng, ring, victim, offender, ev, start, end) -> None:
    area = victim.area
    for at in _times(rng, start, end, int(rng.integers(0, 3))):
        driver = next((o for o in ring.offenders if o.vrm), None)
        if driver is None:
            break
        ev.incidents.append(Incident(
            "vehicle_stop", area, at, at, [(driver, "driver"), (victim, "passenger")],
            summary=f"Vehicle stopped late evening; adult male driver with a {victim.age_on(at.date())} year old female passenger."
            if victim.sex == "F" else "Vehicle stopped; adult driver with a teenage passenger.",
            postcode=driver.postcode, outcome=str(rng.choice(["nfa", "warning_given"])), outcome_at=at,
            vehicles=[(driver.vrm, str(rng.choice(["Vauxhall", "BMW", "Toyota"])), str(rng.choice(["silver", "black"])), driver)]))
    for at in _times(rng, start, end, int(rng.integers(1, 4))):
        who = ring.offenders[: int(rng.integers(1, len(ring.offenders) + 1))]
        place = ring.places[int(rng.integers(0, len(ring.places)))]
        phones = [p.phone for p in who if p.phone]
        text = (f"Source reports {', '.join(f'{p.forename} {p.surname}' for p in who)} "
                f"picking up young people including {victim.forename} {victim.surname} and taking them to {place[0]}. "
                + (f"Uses mobile {phones[0]}. " if phones else "")
                + (f"Drives {who[0].vrm}." if who[0].vrm else ""))
        ev.intel.append(Intel(area, at, str(rng.choice(["2B P", "3B P", "4C P", "3C S"])), text,
                              people=list(who) + [victim], vrms=[p.vrm for p in who if p.vrm],
                              phones=phones, postcodes=[place[1]]))
    if victim.first_disclosure_at:
        at = dt.datetime.combine(victim.first_disclosure_at, dt.time(int(rng.integers(9, 20)), 0))
        outcome = str(rng.choice(["ongoing", "16", "1", "nfa"], p=[0.3, 0.35, 0.15, 0.2]))
        closed_at = at + dt.timedelta(days=int(rng.integers(20, 120))) if outcome != "ongoing" else None
        if closed_at and closed_at.date() > PERIOD_END:
            outcome, closed_at = "ongoing", None
        summary = f"{victim.forename} disclosed sexual assault by adult male at {ring.places[0][0]}."
        check = None
        if rng.random() < 0.3 and victim.sex == "F":
            summary, _ = blaming_text(rng, victim.forename, summary)
            check = ("victim_blaming_language", "failure")
        incident = Incident("sexual_offence", area, at - dt.timedelta(days=3), at,
                            [(victim, "victim"), (offender, "suspect")], summary=summary,
                            postcode=ring.places[0][1], address=ring.places[0][0], outcome=outcome,
                            outcome_at=closed_at, check=check)
        if rng.random() < 0.5:
            offered = at + dt.timedelta(days=int(rng.integers(1, 20)))
            u = rng.random()
            decision = {"description": "Mobile phone handset with messages, offered by mother", "offered_by": "parent",
                        "offered_at": offered}
            if u < 0.5:
                decision.update(decision="submitted", decision_at=offered + dt.timedelta(days=int(rng.integers(0, 20))))
            elif u < 0.7:
                decision.update(decision="declined", decision_reason="Not relevant to the investigation",
                                decision_at=offered + dt.timedelta(days=3))
            else:
                decision.update(check=("evidence_no_decision", "failure"))
                if u < 0.85:
                    decision.update(decision="declined", decision_at=offered + dt.timedelta(days=2))
            if offered.date() <= PERIOD_END - dt.timedelta(days=30) or "check" not in decision:
                incident.evidence.append(decision)
        ev.incidents.append(incident)
        if rng.random() < 0.2 and outcome == "16":
            later = closed_at + dt.timedelta(days=int(rng.integers(5, 60)))
            if later.date() <= PERIOD_END:
                ev.incidents.append(Incident(
                    "wasting_police_time", area, later, later, [(victim, "suspect")],
                    summary=f"{victim.forename} retracted allegation; advised about wasting police time.",
                    outcome="warning_given", outcome_at=later,
                    check=("child_criminalised", "failure") if victim.age_on(later.date()) < 18 else None))
    if rng.random() < 0.2:
        at = random_datetime(rng, start, end, hours=(20, 24))
        ev.incidents.append(Incident(
            "public_order", area, at, at, [(victim, "arrested"), (ring.offenders[-1], "witness")],
            summary=f"{victim.forename} abusive to officers outside {ring.places[-1][0]}; arrested.",
            postcode=ring.places[-1][1], outcome="arrested", outcome_at=at,
            check=("child_criminalised", "failure") if victim.age_on(at.date()) < 18 else None))


def _school(rng, victim, ev, start, end) -> None:
    for at in _times(rng, start, min(end, dt.date(2013, 7, 19)), int(rng.integers(0, 3))):
        if at.weekday() >= 5:
            at += dt.timedelta(days=7 - at.weekday())
        at = at.replace(hour=int(rng.integers(9, 16)))
        category = str(rng.choice(["sexual_exploitation", "missing", "attendance", "behaviour"]))
        summary = f"{victim.forename} collected from school gate by older male in a car; upset and tired."
        checks: list[tuple[str, str]] = []
        if rng.random() < 0.15 and victim.sex == "F":
            summary, _ = blaming_text(rng, victim.forename, summary)
            checks.append(("victim_blaming_language", "failure"))
        referred = "social_care" in victim.allowed_kinds and rng.random() < 0.75
        if category in ("sexual_exploitation", "missing") and not referred:
            checks.append(("concern_no_referral", "failure"))
        ev.concerns.append(Concern(victim, at, category, summary, "Spoke to pupil; informed DSL",
                                   "social_care" if referred else "",
                                   at + dt.timedelta(hours=3) if referred else None, checks))


def _clinic(rng, victim, ev, start, end) -> None:
    for at in _times(rng, start, end, int(rng.integers(1, 5))):
        at = at.replace(hour=int(rng.integers(9, 18)))
        offered = ["sti_test", "emergency_contraception", "pregnancy_test"] if victim.sex == "F" else ["sti_test", "treatment"]
        services = tuple(sorted(set(rng.choice(offered, size=int(rng.integers(1, 3)), replace=False).tolist())))
        completed = rng.random() < 0.75
        flags = tuple(sorted(rng.choice(_STS, size=int(rng.integers(1, 4)), replace=False).tolist())) if completed else ()
        refer_to = ("social_care" if "social_care" in victim.allowed_kinds else
                    "police" if "police" in victim.allowed_kinds else "")
        referred = bool(refer_to) and rng.random() < 0.6
        checks = []
        age = victim.age_on(at.date())
        if flags and not referred and age < 18:
            checks.append(("sts_concern_no_referral", "failure"))
        if age <= 12 and not referred:
            checks.append(("under13_sexual_activity_no_referral", "failure"))
        ev.clinic.append(ClinicVisit(
            victim, at, services, tuple(["chlamydia"] if rng.random() < 0.3 else []), completed, flags,
            refer_to if referred else "", at + dt.timedelta(hours=2) if referred else None, checks))
