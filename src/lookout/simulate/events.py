"""What happened, before any agency wrote it down.

Stories (ordinary life, rings, decoys, planted failures) create these events; the agency
modules then render each one into the extracts that would have recorded it. ``check`` is an
accountability case planted on the event: ``(check_id, "failure" | "handled")``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .world import Person

Check = tuple[str, str] | None


@dataclass
class MissingEpisode:
    """A child missing (``M``) or away without authorisation (``A``)."""

    child: Person
    start: dt.datetime
    end: dt.datetime | None
    reported_by: str
    risk: str
    found_address: str = ""
    found_postcode: str = ""
    found_with: list[Person] = field(default_factory=list)
    interview_at: dt.datetime | None = None
    interview_declined: bool = False
    to_police: bool = True
    to_la: bool = False
    status: str = "M"
    check: Check = None
    checks: list[tuple[str, str]] = field(default_factory=list)
    records: list[tuple[str, str]] = field(default_factory=list)  # (source, record_id)


@dataclass
class Incident:
    """A police incident with the people and vehicles in it."""

    kind: str
    area: int
    occurred_at: dt.datetime
    reported_at: dt.datetime
    people: list[tuple[Person, str]]
    summary: str = ""
    postcode: str = ""
    address: str = ""
    outcome: str = ""
    outcome_at: dt.datetime | None = None
    vehicles: list[tuple[str, str, str, Person | None]] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    check: Check = None
    checks: list[tuple[str, str]] = field(default_factory=list)
    records: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Intel:
    """A police intelligence report (3x5x2 graded)."""

    area: int
    recorded_at: dt.datetime
    grading: str
    text: str
    people: list[Person] = field(default_factory=list)
    vrms: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    postcodes: list[str] = field(default_factory=list)


@dataclass
class Referral:
    """A referral to children's social care."""

    child: Person
    received_at: dt.datetime
    source: str
    reason: str
    decision: str
    decision_at: dt.datetime | None
    factors: tuple[str, ...] = ()
    check: Check = None
    checks: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ClinicVisit:
    """A sexual health attendance."""

    child: Person
    at: dt.datetime
    services: tuple[str, ...]
    diagnoses: tuple[str, ...] = ()
    sts_completed: bool = False
    sts_flags: tuple[str, ...] = ()
    referral_to: str = ""
    referral_at: dt.datetime | None = None
    checks: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class EmergencyVisit:
    """An emergency department attendance."""

    child: Person
    at: dt.datetime
    complaint: str
    injury: bool
    intent: str = ""
    alcohol_or_drugs: bool = False
    safeguarding: bool = False
    referred: bool = False
    text: str = ""
    check: Check = None
    checks: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Concern:
    """An entry in a school designated safeguarding lead's log."""

    child: Person
    at: dt.datetime
    category: str
    summary: str
    action: str
    referred_to: str = ""
    referred_at: dt.datetime | None = None
    checks: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class CaseNote:
    """A social care case note."""

    child: Person
    at: dt.datetime
    author_role: str
    text: str
    check: Check = None
    checks: list[tuple[str, str]] = field(default_factory=list)


def checks_of(event) -> list[tuple[str, str]]:
    """Every accountability case planted on ``event``. A missing episode that began after the
    child's eighteenth birthday is an adult's: the duties to children do not apply."""
    if isinstance(event, MissingEpisode) and event.child.age_on(event.start.date()) >= 18:
        return []
    single = getattr(event, "check", None)
    return ([single] if single else []) + list(getattr(event, "checks", []))


@dataclass
class Events:
    """Every event of the run, by type."""

    missing: list[MissingEpisode] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    intel: list[Intel] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    clinic: list[ClinicVisit] = field(default_factory=list)
    emergency: list[EmergencyVisit] = field(default_factory=list)
    concerns: list[Concern] = field(default_factory=list)
    notes: list[CaseNote] = field(default_factory=list)
