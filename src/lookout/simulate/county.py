"""Build a whole synthetic county and write its drop and truth."""

from __future__ import annotations

import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

from . import (accountability, attendance, education, health, ordinary_police, ordinary_services, police, population,
               roles, rings, social_care, victim_story)
from .bad_rows import plant_bad_rows
from .calendar import PERIOD_START
from .contract import FILES
from .events import Events
from .truth import write_truth
from .world import AREAS, Extract, Ledger, World
from .writer import write_extract

Progress = Callable[[str, int, int], None]

EXTRACTS = (
    ("oxon-police", "police", "Oxfordshire Constabulary", 0),
    ("bucks-police", "police", "Buckinghamshire Constabulary", 1),
    ("oxon-schools", "education", "Oxfordshire County Council maintained schools (MIS exports)", 0),
    ("bucks-schools", "education", "Buckinghamshire County Council maintained schools (MIS exports)", 1),
    ("oxon-childrens-services", "social_care", "Oxfordshire County Council Children's Services", 0),
    ("bucks-childrens-services", "social_care", "Buckinghamshire County Council Children's Services", 1),
    ("sexual-health", "health_sexual", "Oxfordshire and Buckinghamshire Integrated Sexual Health Service", 0),
    ("oxford-ed", "health_emergency", "Oxford City Hospital Emergency Department", 0),
    ("aylesbury-ed", "health_emergency", "Aylesbury Vale Hospital Emergency Department", 1),
)


@dataclass(frozen=True)
class SimulationSummary:
    """Counts of what a simulation run wrote."""

    seed: int
    children: int
    adults: int
    in_care: int
    schools: int
    rings: int
    victims: int
    decoys: int
    extracts: int
    rows: int
    attendance_marks: int
    records: int
    accountability_cases: int
    bad_rows: int


def _extracts() -> dict[str, Extract]:
    out = {}
    for folder, kind, agency, area in EXTRACTS:
        extract = Extract(folder, kind, agency, AREAS[area])
        extract.tables = {name: _table(columns) for name, columns in FILES[kind].items()}
        out[folder] = extract
    return out


def _table(columns):
    from .world import Table
    return Table(tuple(columns))


def simulate_county(out_dir: Path, *, children: int, seed: int,
                    progress: Progress | None = None) -> SimulationSummary:
    """Write a synthetic county of ``children`` children to ``out_dir/drop`` and ``out_dir/truth``.

    The same ``seed`` gives byte-identical files. ``progress(stage, done, total)`` is called
    as stages complete (and per school while attendance is written).
    """
    if children < 300:
        raise ValueError("a county needs at least 300 children to hold rings, decoys and planted cases")
    out_dir = Path(out_dir)
    stages = ("people", "schools", "events", "records", "extracts", "attendance", "truth")
    tick = (lambda name: progress(name, stages.index(name) + 1, len(stages))) if progress else (lambda name: None)
    world = World(seed=seed, children=[], adults=[], extracts=_extracts(), ledger=Ledger())
    world.children = population.build_children(world.rng("children"), children)
    roles.assign_care(world, world.rng("care"))
    roles.assign_decoys(world, world.rng("decoys"))
    rings.plan_rings(world, world.rng("rings"))
    tick("people")

    world.schools = education.build_schools(world, world.rng("schools"))
    for school in world.schools:
        school.folder = world.extract_for("education", school.area).folder
    enrolments = education.enrol(world, world.rng("enrol"))
    rings.fix_victim_agencies(world, world.rng("victim-agencies"))
    tick("schools")

    ev = Events()
    world.events = ev
    teens = [c for c in world.children if not c.exploited and not c.decoy and 14 <= c.age_on(PERIOD_START) <= 17]
    ordinary_police.crime_events(world, world.rng("crime"), ev, teens)
    accountability.plant_pairs(world, world.rng("plant"), ev)
    ordinary_police.missing_events(world, world.rng("missing"), ev, world.parents)
    story = world.rng("victims")
    for ring in world.rings:
        for victim in ring.victims:
            victim_story.victim_events(world, story, ring, victim, ev)
    ordinary_services.social_care_events(world, world.rng("social-care"), ev)
    ordinary_services.school_concerns(world, world.rng("concerns"), ev)
    ordinary_services.clinic_events(world, world.rng("clinic"), ev)
    ordinary_services.emergency_events(world, world.rng("emergency"), ev)
    accountability.label_cross_record(world, world.rng("labels"), ev)
    tick("events")

    education.write_pupils(world, world.rng("pupils"), enrolments)
    police.render_police(world, world.rng("police"), ev)
    social_care.render_social_care(world, world.rng("la"), ev)
    health.render_clinic(world, world.rng("clinic-records"), ev)
    health.render_emergency(world, world.rng("ed-records"), ev)
    health.render_concerns(world, world.rng("dsl-records"), ev)
    tick("records")

    plant_bad_rows(world, world.rng("bad-rows"))
    drop = out_dir / "drop"
    if drop.exists():
        shutil.rmtree(drop)
    rows = sum(write_extract(e, drop) for _, e in sorted(world.extracts.items()))
    tick("extracts")

    marks = attendance.write_attendance(world, world.rng("attendance"), enrolments, drop, progress)
    tick("attendance")

    summary = SimulationSummary(
        seed=seed, children=len(world.children), adults=len(world.adults),
        in_care=sum(c.in_care for c in world.children), schools=len(world.schools), rings=len(world.rings),
        victims=sum(len(r.victims) for r in world.rings), decoys=sum(1 for c in world.children if c.decoy),
        extracts=len(world.extracts), rows=rows, attendance_marks=marks, records=len(world.ledger.records),
        accountability_cases=len(set(world.ledger.accountability)), bad_rows=len(world.ledger.bad_rows))
    write_truth(world, out_dir / "truth", {"arguments": {"children": children, "seed": seed}, **asdict(summary)})
    tick("truth")
    return summary
