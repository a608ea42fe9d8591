"""Render events into each force's POLE export (nominals, incidents, missing episodes...).

A person gets a nominal the first time a force meets them; now and then an officer creates a
duplicate nominal instead of finding the existing one, as happens in real systems.
"""

from __future__ import annotations

import numpy as np

from .calendar import iso
from .events import Events, Incident, MissingEpisode, checks_of
from .identifiers import phone_as_written
from .identity_noise import seen_as
from .world import Extract, Person, World

TABLES = {
    "nominals.csv": ("nominal_id", "surname", "forenames", "dob", "sex", "address", "postcode", "phone"),
    "incidents.csv": ("incident_id", "incident_type", "occurred_at", "reported_at", "postcode", "address",
                      "summary", "outcome", "outcome_at"),
    "incident_people.csv": ("incident_id", "nominal_id", "role"),
    "vehicles.csv": ("incident_id", "vrm", "make", "colour", "nominal_id"),
    "missing_episodes.csv": ("episode_id", "nominal_id", "reported_at", "reported_by", "risk_grade", "found_at",
                             "found_postcode", "found_address", "found_with", "return_interview_at",
                             "return_interview_by"),
    "evidence.csv": ("evidence_id", "incident_id", "description", "offered_by", "offered_at", "decision",
                     "decision_reason", "decision_at"),
    "intelligence.csv": ("intel_id", "recorded_at", "grading", "text", "nominal_ids", "vrms", "phones", "postcodes"),
}


def nominal(world: World, rng: np.random.Generator, force: Extract, person: Person) -> str:
    """The nominal id ``force`` files ``person`` under, creating the nominal if needed."""
    key = force.folder
    existing = person.ids.get(key)
    if existing and rng.random() > 0.04:
        return existing
    nominal_id = force.next_id("N")
    seen = seen_as(rng, person, "police")
    force.tables["nominals.csv"].add(
        nominal_id=nominal_id, surname=seen.surname, forenames=seen.forenames, dob=seen.dob, sex=seen.sex,
        address=person.address if rng.random() < 0.7 else "", postcode=seen.postcode,
        phone=phone_as_written(rng, person.phone) if person.phone and rng.random() < 0.8 else "")
    world.ledger.record(force.folder, nominal_id, person.truth_id)
    person.ids.setdefault(key, nominal_id)
    return nominal_id


def _plant(world: World, force: Extract, table: str, row: int, record_id: str, person: Person, checks) -> None:
    for check_id, outcome in checks:
        world.ledger.plant(check_id, force.folder, record_id, person.truth_id, outcome)
        world.ledger.protected.add((force.folder, table, row))


def render_missing(world: World, rng: np.random.Generator, episode: MissingEpisode) -> None:
    """A missing episode (and its missing-person incident) in the child's home force."""
    force = world.extract_for("police", episode.child.area)
    child = episode.child
    nid = nominal(world, rng, force, child)
    episode_id = force.next_id("MP")
    found_with = ";".join(nominal(world, rng, force, p) for p in episode.found_with)
    row = force.tables["missing_episodes.csv"].add(
        episode_id=episode_id, nominal_id=nid, reported_at=iso(episode.start),
        reported_by=episode.reported_by, risk_grade=episode.risk, found_at=iso(episode.end),
        found_postcode=episode.found_postcode, found_address=episode.found_address, found_with=found_with,
        return_interview_at=iso(episode.interview_at),
        return_interview_by=("independent_rhi_provider" if episode.interview_at else ""))
    episode.records.append((force.folder, episode_id))
    _plant(world, force, "missing_episodes.csv", row, episode_id, child, checks_of(episode))
    incident_id = force.next_id("I")
    force.tables["incidents.csv"].add(
        incident_id=incident_id, incident_type="missing_person", occurred_at=iso(episode.start),
        reported_at=iso(episode.start), postcode=child.postcode, summary=f"Reported missing by {episode.reported_by}.",
        outcome="", outcome_at="")
    people = force.tables["incident_people.csv"]
    people.add(incident_id=incident_id, nominal_id=nid, role="missing_person")
    if episode.reported_by == "parent" and child.household in world.parents:
        people.add(incident_id=incident_id, nominal_id=nominal(world, rng, force, world.parents[child.household]),
                   role="reporter")


def render_incident(world: World, rng: np.random.Generator, incident: Incident) -> None:
    """An incident with its people, vehicles and evidence."""
    force = world.extract_for("police", incident.area)
    incident_id = force.next_id("I")
    row = force.tables["incidents.csv"].add(
        incident_id=incident_id, incident_type=incident.kind, occurred_at=iso(incident.occurred_at),
        reported_at=iso(incident.reported_at), postcode=incident.postcode, address=incident.address,
        summary=incident.summary, outcome=incident.outcome, outcome_at=iso(incident.outcome_at))
    incident.records.append((force.folder, incident_id))
    subject = next((p for p, role in incident.people if p.kind == "child"), incident.people[0][0])
    _plant(world, force, "incidents.csv", row, incident_id, subject, checks_of(incident))
    for person, role in incident.people:
        force.tables["incident_people.csv"].add(incident_id=incident_id, nominal_id=nominal(world, rng, force, person),
                                                role=role)
    for vrm, make, colour, keeper in incident.vehicles:
        force.tables["vehicles.csv"].add(incident_id=incident_id, vrm=vrm if rng.random() < 0.8 else vrm.replace(" ", ""),
                                         make=make, colour=colour,
                                         nominal_id=nominal(world, rng, force, keeper) if keeper else "")
    for item in incident.evidence:
        evidence_id = force.next_id("E")
        erow = force.tables["evidence.csv"].add(
            evidence_id=evidence_id, incident_id=incident_id, description=item["description"],
            offered_by=item.get("offered_by", ""), offered_at=iso(item["offered_at"]),
            decision=item.get("decision", ""), decision_reason=item.get("decision_reason", ""),
            decision_at=iso(item.get("decision_at")))
        if "check" in item:
            _plant(world, force, "evidence.csv", erow, evidence_id, subject, [item["check"]])


def render_police(world: World, rng: np.random.Generator, ev: Events) -> None:
    """Write every police-visible event, in time order so ids rise with time."""
    for episode in sorted((e for e in ev.missing if e.to_police), key=lambda e: (e.start, e.child.truth_id)):
        render_missing(world, rng, episode)
    for incident in sorted(ev.incidents, key=lambda i: (i.reported_at, i.kind, i.people[0][0].truth_id)):
        render_incident(world, rng, incident)
    for intel in sorted(ev.intel, key=lambda i: (i.recorded_at, i.text)):
        force = world.extract_for("police", intel.area)
        nominal_ids = [nominal(world, rng, force, p) for p in intel.people]
        force.tables["intelligence.csv"].add(
            intel_id=force.next_id("INT"), recorded_at=iso(intel.recorded_at), grading=intel.grading, text=intel.text,
            nominal_ids=";".join(nominal_ids), vrms=";".join(intel.vrms),
            phones=";".join(phone_as_written(rng, p) for p in intel.phones), postcodes=";".join(intel.postcodes))
