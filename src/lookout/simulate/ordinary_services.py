"""Everyday social care, school, sexual health and A&E business for the whole county."""

from __future__ import annotations

import datetime as dt

import numpy as np

from .calendar import PERIOD_END, PERIOD_START, add_working_days, birthday, is_working_day, random_datetime
from .events import CaseNote, ClinicVisit, Concern, EmergencyVisit, Events, Referral
from .language import ordinary_note
from .world import Person, World

_REASONS = (("Neglect: home conditions poor", ("16A",)), ("Domestic abuse incident at home", ("3A", "3B")),
            ("Parental mental health", ("4B",)), ("Parental alcohol misuse", ("1B",)),
            ("Physical injury explained inconsistently", ("18B",)), ("Emotional abuse", ("17A",)),
            ("Child's behaviour beyond parental control", ("14A",)), ("Self-harm", ("15A", "4A")))
_SOURCES = ("2A", "6", "3A", "3E", "1A", "5A", "8", "3F", "2B", "9")
_SOURCE_P = (0.2, 0.28, 0.08, 0.05, 0.08, 0.08, 0.08, 0.07, 0.04, 0.04)
_AE = (("Fall - wrist injury", True, "accidental"), ("Sports injury - ankle", True, "accidental"),
       ("Head injury - playground", True, "accidental"), ("Fever", False, ""), ("Asthma", False, ""),
       ("Abdominal pain", False, ""), ("Laceration - hand", True, "accidental"), ("Rash", False, ""),
       ("Burn - kitchen", True, "accidental"), ("Vomiting", False, ""))
_CONCERNS = (("attendance", "Attendance below 90%; letter sent home."), ("behaviour", "Fight at lunchtime; parents informed."),
             ("neglect", "Arrives hungry and in unwashed uniform."), ("domestic_abuse", "Operation Encompass notification received."),
             ("self_harm", "Marks seen on forearm; school nurse spoke to pupil."), ("online_safety", "Sharing images on social media."),
             ("peer_on_peer", "Name-calling in class; restorative meeting held."))


def decision_for(rng: np.random.Generator, received: dt.datetime) -> tuple[dt.datetime | None, tuple[str, str] | None]:
    """When a referral was decided: most within one working day, a few late or never."""
    u = rng.random()
    if u < 0.6:
        return received + dt.timedelta(hours=float(rng.uniform(1, 6))), None
    if u < 0.96:
        day = add_working_days(received.date(), 1)
        return dt.datetime.combine(day, dt.time(int(rng.integers(9, 17)), 0)), None
    if u < 0.99 or received.date() > PERIOD_END - dt.timedelta(days=10):
        day = add_working_days(received.date(), int(rng.integers(2, 6)))
        return dt.datetime.combine(day, dt.time(11, 0)), ("referral_no_decision", "failure")
    return None, ("referral_no_decision", "failure")


def referral(rng: np.random.Generator, child: Person, received: dt.datetime, source: str,
             reason: str, factors: tuple[str, ...], *, risky: bool = False) -> Referral:
    """A referral with an ordinary decision and timing."""
    while not is_working_day(received.date()):
        received += dt.timedelta(days=1)
    decided, check = decision_for(rng, received)
    decision = str(rng.choice(["assessment", "strategy_meeting", "s47"]) if risky else
                   rng.choice(["nfa", "early_help", "assessment", "s47"], p=[0.35, 0.3, 0.3, 0.05]))
    return Referral(child, received, source, reason, decision if decided else "", decided, factors, check)


def social_care_events(world: World, rng: np.random.Generator, ev: Events) -> None:
    """Referrals (about 5% of children a year) and case notes for children in care and assessed."""
    for child in world.children:
        if "planted" in child.traits or "social_care" not in child.allowed_kinds or child.decoy in ("family_conflict_missing", "same_age_partner"):
            continue
        count = int(rng.poisson(0.11)) + (1 if child.in_care else 0)
        for _ in range(count):
            reason, factors = _REASONS[int(rng.integers(0, len(_REASONS)))]
            at = random_datetime(rng, PERIOD_START, PERIOD_END - dt.timedelta(days=3), hours=(8, 18))
            ev.referrals.append(referral(rng, child, at, str(rng.choice(_SOURCES, p=_SOURCE_P)), reason, factors))
        notes = int(rng.integers(6, 20)) if child.in_care else int(rng.integers(1, 4)) * count
        for _ in range(notes):
            at = random_datetime(rng, PERIOD_START, PERIOD_END, hours=(8, 19))
            ev.notes.append(CaseNote(child, at, str(rng.choice(["social_worker", "family_support_worker", "team_manager"])),
                                     ordinary_note(rng, child.forename, child.sex)))


def school_concerns(world: World, rng: np.random.Generator, ev: Events) -> None:
    """The designated safeguarding leads' everyday logs."""
    for child in world.children:
        if not child.upn or child.exploited or "planted" in child.traits or rng.random() > 0.035:
            continue
        category, summary = _CONCERNS[int(rng.integers(0, len(_CONCERNS)))]
        at = random_datetime(rng, dt.date(2011, 9, 12), dt.date(2013, 7, 12), hours=(9, 16))
        at += dt.timedelta(days=(7 - at.weekday()) % 7 if at.weekday() >= 5 else 0)
        refer = category in ("neglect", "domestic_abuse") and "social_care" in child.allowed_kinds and rng.random() < 0.5
        ev.concerns.append(Concern(child, at, category, summary, "Logged; parents contacted",
                                   "social_care" if refer else "", at + dt.timedelta(hours=2) if refer else None))
        if refer:
            ev.referrals.append(referral(rng, child, at + dt.timedelta(hours=2), "2A", summary, ("16A",)))


def clinic_events(world: World, rng: np.random.Generator, ev: Events) -> None:
    """Older teenagers' ordinary sexual health visits, and same-age-partner decoys."""
    for child in world.children:
        if child.exploited or "planted" in child.traits or "health_sexual" not in child.allowed_kinds:
            continue
        age = child.age_on(dt.date(2012, 9, 1))
        decoy = child.decoy == "same_age_partner"
        if not decoy and (age < 15 or age > 18 or rng.random() > (0.14 if age >= 16 else 0.04)):
            continue
        first = max(PERIOD_START, birthday(child.dob, 15))
        if first >= PERIOD_END:
            continue
        for _ in range(int(rng.integers(2, 6)) if decoy else int(rng.integers(1, 3))):
            at = random_datetime(rng, first, PERIOD_END, hours=(9, 19))
            if decoy:
                services = tuple(sorted({"emergency_contraception" if child.sex == "F" else "sti_test", "sti_test"}))
            else:
                services = (str(rng.choice(["contraception", "sti_test", "emergency_contraception", "pregnancy_test"],
                                           p=[0.5, 0.3, 0.12, 0.08])),) if child.sex == "F" else ("sti_test",)
            under18 = child.age_on(at.date()) < 18
            completed = under18 and rng.random() < 0.7
            flags = ("alcohol_drugs",) if completed and not decoy and rng.random() < 0.03 else ()
            referred = bool(flags) and rng.random() < 0.8
            checks = [("sts_concern_no_referral", "failure")] if flags and not referred else []
            ev.clinic.append(ClinicVisit(child, at, services, ("chlamydia",) if rng.random() < 0.05 else (),
                                         completed, flags, "gp" if referred else "",
                                         at + dt.timedelta(hours=1) if referred else None, checks))


def emergency_events(world: World, rng: np.random.Generator, ev: Events) -> None:
    """Ordinary A&E attendances (about 0.3 a child a year): accidents, sport, illness."""
    counts = rng.poisson(0.6, len(world.children))
    for child, count in zip(world.children, counts.tolist()):
        if not count or child.exploited or "planted" in child.traits or "health_emergency" not in child.allowed_kinds:
            continue
        for _ in range(count):
            complaint, injury, intent = _AE[int(rng.integers(0, len(_AE)))]
            at = random_datetime(rng, PERIOD_START, PERIOD_END)
            if at.date() < child.dob:
                continue
            concern = rng.random() < 0.015
            referred = concern and "social_care" in child.allowed_kinds and rng.random() < 0.85
            ev.emergency.append(EmergencyVisit(
                child, at, complaint, injury, intent, False, concern, referred,
                "Seen and discharged with advice." if not concern else "Delay in presentation; history unclear.",
                ("ae_safeguarding_no_referral", "failure")
                if concern and not referred and child.age_on(at.date()) < 18 else None))
            if referred:
                ev.referrals.append(referral(rng, child, at + dt.timedelta(hours=5), "3E",
                                             "A&E safeguarding concern", ("18B",)))
