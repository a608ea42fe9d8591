"""Schools, who is on roll where, UPNs, the pupils table and the safeguarding lead's log."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from .calendar import SCHOOL_YEARS, iso, school_days
from .identifiers import make_upn
from .identity_noise import seen_as
from .world import AREAS, World

LA_CODES = {0: 931, 1: 825}  # DfE LA numbers used in UPNs (Oxfordshire, Buckinghamshire)
PUPILS_COLUMNS = ("upn", "school_urn", "surname", "forenames", "dob", "sex", "postcode",
                  "on_roll_from", "on_roll_to")
CONCERN_COLUMNS = ("concern_id", "upn", "recorded_at", "category", "summary", "action_taken",
                   "referred_to", "referred_at")


@dataclass
class School:
    """A state school in one area."""

    urn: str
    establishment: int
    name: str
    area: int
    phase: str                      # primary | secondary
    folder: str = ""
    pupils: list[int] = field(default_factory=list)   # child indices, sorted by UPN
    closures: tuple[dt.date, ...] = ()


@dataclass
class Enrolment:
    """One spell of a child on a school's roll (a row of pupils.csv)."""

    child: int
    school: int
    on_roll_from: dt.date
    on_roll_to: dt.date | None


def birth_cohort(dob: dt.date) -> int:
    """The calendar year in which the child's school cohort (September-August) starts."""
    return dob.year if dob.month >= 9 else dob.year - 1


def year_group(dob: dt.date, school_year: int) -> int:
    """National curriculum year in ``school_year`` (0 is reception, 11 is Year 11)."""
    return school_year - birth_cohort(dob) - 5


def build_schools(world: World, rng: np.random.Generator) -> list[School]:
    """Enough schools in each area: ~250 pupils a primary, ~1,000 a secondary."""
    schools: list[School] = []
    for area in range(len(AREAS)):
        kids = [c for c in world.children if c.area == area]
        primary = sum(1 for c in kids if 0 <= year_group(c.dob, SCHOOL_YEARS[0]) <= 6)
        secondary = sum(1 for c in kids if 7 <= year_group(c.dob, SCHOOL_YEARS[0]) <= 11)
        for phase, count, size, base in (("primary", primary, 250, 2000),
                                         ("secondary", secondary, 1000, 4000)):
            for k in range(max(1, round(count / size))):
                urn = f"{(11 + area) * 10000 + len(schools) * 7 + 3:06d}"
                snow = tuple(d for d in (dt.date(2012, 2, 6), dt.date(2013, 1, 18),
                                         dt.date(2013, 1, 21)) if rng.random() < 0.25)
                schools.append(School(urn, base + k + 1, f"{phase.title()} school {urn}",
                                      area, phase, closures=snow))
    return schools


def enrol(world: World, rng: np.random.Generator) -> list[Enrolment]:
    """Put every school-age child (bar ~5% educated outside the state sector) on a roll."""
    schools = world.schools
    by_area_phase = {(a, p): [i for i, s in enumerate(schools) if s.area == a and s.phase == p]
                     for a in range(len(AREAS)) for p in ("primary", "secondary")}
    first_day = {y: school_days(y)[0] for y in SCHOOL_YEARS}
    last_day = {y: school_days(y)[-1] for y in SCHOOL_YEARS}
    outside = rng.random(len(world.children)) < 0.05
    pick = rng.random((len(world.children), 2))
    late = rng.random((len(world.children), 2))
    serials: dict[tuple[int, int, int], int] = {}
    enrolments: list[Enrolment] = []
    for idx, child in enumerate(world.children):
        if outside[idx] and not child.decoy == "illness_absence":
            continue
        spells: list[Enrolment] = []
        for phase_no, phase in enumerate(("primary", "secondary")):
            groups = range(0, 7) if phase == "primary" else range(7, 12)
            years = [y for y in SCHOOL_YEARS if year_group(child.dob, y) in groups]
            if not years:
                continue
            options = by_area_phase[(child.area, phase)]
            school = options[int(pick[idx, phase_no] * len(options))]
            entry = birth_cohort(child.dob) + 5 + groups.start
            start = dt.date(entry, 9, 1) if entry < SCHOOL_YEARS[0] else first_day[years[0]]
            leaves = year_group(child.dob, years[-1]) == groups.stop - 1
            end = last_day[years[-1]] if leaves else None
            if late[idx, phase_no] < 0.02:  # joined mid-year (moved into the area)
                start = first_day[years[0]] + dt.timedelta(days=int(rng.integers(20, 200)))
            elif late[idx, phase_no] > 0.98 and end is None:  # left mid-year
                end = first_day[years[-1]] + dt.timedelta(days=int(rng.integers(20, 250)))
            spells.append(Enrolment(idx, school, start, end))
        if not spells:
            continue
        first = world.schools[spells[0].school]
        entry_year = birth_cohort(child.dob) + 5
        primaries = by_area_phase[(child.area, "primary")]
        issuer = first if first.phase == "primary" else world.schools[primaries[idx % len(primaries)]]
        key = (child.area, issuer.establishment, entry_year)
        serials[key] = serials.get(key, 0) + 1
        child.upn = make_upn(LA_CODES[child.area], issuer.establishment, entry_year, serials[key])
        enrolments.extend(spells)
    return enrolments


def write_pupils(world: World, rng: np.random.Generator, enrolments: list[Enrolment]) -> None:
    """pupils.csv for each area's education extract; fills each school's sorted pupil list."""
    for e in sorted(enrolments, key=lambda e: (world.schools[e.school].urn,
                                                world.children[e.child].upn, e.on_roll_from)):
        child = world.children[e.child]
        school = world.schools[e.school]
        extract = world.extracts[school.folder]
        seen = seen_as(rng, child, "education")
        extract.tables["pupils.csv"].add(
            upn=child.upn, school_urn=school.urn, surname=seen.surname,
            forenames=seen.forenames, dob=seen.dob, sex=seen.sex, postcode=seen.postcode,
            on_roll_from=iso(e.on_roll_from), on_roll_to=iso(e.on_roll_to))
        world.ledger.record(extract.folder, child.upn, child.truth_id)
        school.pupils.append(e.child)
