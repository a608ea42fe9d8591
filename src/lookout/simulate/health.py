"""Render sexual health and emergency department attendances, and school concern logs."""

from __future__ import annotations

import numpy as np

from .calendar import iso
from .events import Events, checks_of
from .identity_noise import seen_as
from .world import World

SEXUAL_HEALTH = ("attendance_id", "clinic_id", "patient_ref", "forenames", "surname", "dob", "sex", "postcode",
                 "attended_at", "services", "diagnoses", "sts_completed", "sts_flags", "referral_made",
                 "referral_to", "referral_at")
EMERGENCY = ("attendance_id", "nhs_number", "forenames", "surname", "dob", "sex", "postcode", "arrived_at",
             "chief_complaint", "injury", "injury_intent", "alcohol_or_drugs", "safeguarding_concern",
             "referred_to_social_care", "text")


def _yn(flag: bool) -> str:
    return "Y" if flag else "N"


def render_clinic(world: World, rng: np.random.Generator, ev: Events) -> None:
    """Sexual health attendances; a young person may register again under a new patient ref."""
    for visit in sorted(ev.clinic, key=lambda v: (v.at, v.child.truth_id)):
        service = world.extract_for("health_sexual", visit.child.area)
        child = visit.child
        ref = child.ids.get(service.folder)
        if ref is None or rng.random() < 0.12:
            ref = f"SH{len(service.tables['attendances.csv'].rows) + 500001:07d}"
            child.ids.setdefault(service.folder, ref)
        seen = seen_as(rng, child, "health_sexual")
        attendance_id = service.next_id("SHA")
        row = service.tables["attendances.csv"].add(
            attendance_id=attendance_id, clinic_id=f"CLINIC-{child.area + 1}{int(rng.integers(1, 3))}",
            patient_ref=ref, forenames=seen.forenames, surname=seen.surname, dob=seen.dob, sex=seen.sex,
            postcode=seen.postcode, attended_at=iso(visit.at), services=";".join(visit.services),
            diagnoses=";".join(visit.diagnoses), sts_completed=_yn(visit.sts_completed),
            sts_flags=";".join(visit.sts_flags), referral_made=_yn(bool(visit.referral_to)),
            referral_to=visit.referral_to, referral_at=iso(visit.referral_at))
        world.ledger.record(service.folder, ref, child.truth_id)
        for check_id, outcome in visit.checks:
            world.ledger.plant(check_id, service.folder, attendance_id, child.truth_id, outcome)
            world.ledger.protected.add((service.folder, "attendances.csv", row))


def render_emergency(world: World, rng: np.random.Generator, ev: Events) -> None:
    """Emergency department attendances; the NHS number is often not recorded."""
    for visit in sorted(ev.emergency, key=lambda v: (v.at, v.child.truth_id)):
        dept = world.extract_for("health_emergency", visit.child.area)
        child = visit.child
        seen = seen_as(rng, child, "health_emergency")
        attendance_id = dept.next_id("ED")
        row = dept.tables["attendances.csv"].add(
            attendance_id=attendance_id, nhs_number=child.nhs_number if rng.random() < 0.55 else "",
            forenames=seen.forenames, surname=seen.surname, dob=seen.dob, sex=seen.sex, postcode=seen.postcode,
            arrived_at=iso(visit.at), chief_complaint=visit.complaint, injury=_yn(visit.injury),
            injury_intent=visit.intent if visit.injury or visit.intent else "",
            alcohol_or_drugs=_yn(visit.alcohol_or_drugs), safeguarding_concern=_yn(visit.safeguarding),
            referred_to_social_care=_yn(visit.referred), text=visit.text)
        world.ledger.record(dept.folder, attendance_id, child.truth_id)
        for check_id, outcome in checks_of(visit):
            world.ledger.plant(check_id, dept.folder, attendance_id, child.truth_id, outcome)
            world.ledger.protected.add((dept.folder, "attendances.csv", row))


def render_concerns(world: World, rng: np.random.Generator, ev: Events) -> None:
    """The designated safeguarding leads' logs, in the education extract of the child's area."""
    for concern in sorted(ev.concerns, key=lambda c: (c.at, c.child.truth_id)):
        child = concern.child
        if not child.upn:
            continue
        extract = world.extract_for("education", child.area)
        concern_id = extract.next_id("DSL")
        row = extract.tables["concerns.csv"].add(
            concern_id=concern_id, upn=child.upn, recorded_at=iso(concern.at), category=concern.category,
            summary=concern.summary, action_taken=concern.action, referred_to=concern.referred_to,
            referred_at=iso(concern.referred_at))
        for check_id, outcome in concern.checks:
            world.ledger.plant(check_id, extract.folder, concern_id, child.truth_id, outcome)
            world.ledger.protected.add((extract.folder, "concerns.csv", row))
