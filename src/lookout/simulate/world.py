"""The simulated world: the people in it, the extracts being written and the truth ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

AREAS = ("E10000025", "E10000002")
KINDS = ("police", "education", "social_care", "health_sexual", "health_emergency")


@dataclass(slots=True)
class Person:
    """One real person. Agencies see noisy versions of these facts."""

    truth_id: str
    kind: str                      # child | adult
    sex: str                       # F | M
    dob: dt.date
    forename: str
    surname: str
    area: int                      # index into AREAS
    postcode: str
    address: str
    role: str = "child"            # child | offender | associate | parent | other_adult
    household: int = -1
    other_surname: str = ""        # the other parent's surname, used by some agencies
    upn: str = ""
    nhs_number: str = ""
    in_care: bool = False
    exploited: bool = False
    ring_id: str = ""
    exploitation_start: dt.date | None = None
    first_disclosure_at: dt.date | None = None
    decoy: str = ""
    phone: str = ""
    vrm: str = ""
    moved_postcode: str = ""       # a later address, seen by agencies that updated it
    allowed_kinds: frozenset[str] = frozenset(KINDS)
    traits: set[str] = field(default_factory=set)   # story switches, e.g. stays_in_school
    # id the person has in each extract (police nominal, LA child id, clinic patient ref)
    ids: dict[str, str] = field(default_factory=dict)

    def age_on(self, day: dt.date) -> int:
        """Age in whole years on ``day``."""
        return day.year - self.dob.year - ((day.month, day.day) < (self.dob.month, self.dob.day))


@dataclass(slots=True)
class Table:
    """Rows of one CSV file. Cells are already text."""

    columns: tuple[str, ...]
    rows: list[list[str]] = field(default_factory=list)

    def add(self, **cells: str) -> int:
        """Append a row given by column name; returns its index."""
        unknown = set(cells) - set(self.columns)
        if unknown:
            raise KeyError(f"columns not in table: {sorted(unknown)}")
        self.rows.append([cells.get(c, "") for c in self.columns])
        return len(self.rows) - 1


@dataclass(slots=True)
class Extract:
    """One agency's extract folder in the drop."""

    folder: str
    kind: str
    agency: str
    area: str
    tables: dict[str, Table] = field(default_factory=dict)
    counter: int = 0

    def next_id(self, prefix: str) -> str:
        """A fresh identifier unique within this extract."""
        self.counter += 1
        return f"{prefix}{self.counter:07d}"


@dataclass(slots=True)
class Ledger:
    """Truth recorded while the drop is written."""

    records: set[tuple[str, str, str]] = field(default_factory=set)
    accountability: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    bad_rows: list[tuple[str, str, int, str, str]] = field(default_factory=list)
    # (extract folder, table, row index) that must stay well formed: planted cases cite them
    protected: set[tuple[str, str, int]] = field(default_factory=set)

    def record(self, source: str, record_id: str, truth_id: str) -> None:
        """Note that ``record_id`` in extract ``source`` is a record of ``truth_id``."""
        self.records.add((source, record_id, truth_id))

    def plant(self, check_id: str, source: str, record_id: str, truth_id: str,
              planted: str) -> None:
        """Note an accountability case (``failure`` or ``handled``)."""
        self.accountability.append((check_id, source, record_id, truth_id, planted))


@dataclass
class World:
    """Everything the stages share."""

    seed: int
    children: list[Person]
    adults: list[Person]
    extracts: dict[str, Extract]
    ledger: Ledger
    rings: list = field(default_factory=list)
    schools: list = field(default_factory=list)
    parents: dict = field(default_factory=dict)   # household -> the parent who calls agencies
    events: object = None  # events.Events, set by the county builder

    def extract_for(self, kind: str, area: int) -> Extract:
        """The extract of ``kind`` covering ``area`` (the shared one if only one exists)."""
        matches = [e for e in self.extracts.values() if e.kind == kind]
        for e in matches:
            if e.area == AREAS[area]:
                return e
        return matches[0]

    def rng(self, stage: str) -> np.random.Generator:
        """A generator for ``stage``, independent of every other stage's draws."""
        key = [ord(c) for c in stage]
        return np.random.default_rng(np.random.SeedSequence([self.seed, *key]))
