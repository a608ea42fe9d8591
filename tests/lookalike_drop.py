"""A labelled set of look-alikes: people whom their records make look like one another.

Four kinds, as practitioners meet them (the issue that asked for them names them):
- twins: one surname, birthday and address, different given names, each on the school roll;
- the same name and birthday in another area: an unrelated child with her own address,
  school and NHS number;
- father and son of one name at one address, born a generation apart;
- siblings: one surname and address, different given names and birthdays.

Each person appears in the agencies a child or a parent would: a school register (with a UPN),
an emergency department (with an NHS number on about half its records), the police (no
identifier), a sexual health clinic (none either). Records carry the small differences of real
extracts: upper-case surnames, postcodes without a space, a nickname. Ordinary people fill the
rest of the drop. `write_lookalike_drop(drop, seed)` returns who each record is and the
look-alike pairs.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path

from lookout.simulate.identifiers import make_upn
from tests.conftest import csv_text, write_extract

__all__ = ["LookalikeDrop", "write_lookalike_drop"]

GIRLS = ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Lily", "Freya", "Ella", "Evie",
         "Poppy", "Ruby", "Daisy", "Erin", "Holly", "Megan", "Amber", "Niamh", "Zara", "Leah"]
BOYS = ["Oliver", "George", "Noah", "Arthur", "Leo", "Oscar", "Harvey", "Finley", "Reuben",
        "Toby", "Ethan", "Mason", "Logan", "Caleb", "Rory", "Aaron", "Kai", "Ronan", "Owen", "Jude"]
SURNAMES = ["Walker", "Wright", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis",
            "Martin", "Jackson", "Clarke", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward",
            "Moore", "King", "Watson", "Baker", "Harrison", "Morgan", "Patel", "Young", "Allen",
            "Mitchell", "James", "Anderson", "Phillips", "Lee", "Bell", "Parker", "Davis", "Khan"]
NICKNAMES = {"Oliver": "Ollie", "Amelia": "Millie", "Isabella": "Izzy", "Ethan": "Eth",
             "Reuben": "Reuben", "Aaron": "Aaron", "Megan": "Meg", "Daisy": "Daisy"}
AREAS = {"north": ("E10000025", "OX4", "Cowley Road"), "south": ("E10000002", "HP13", "Desborough Road")}


@dataclass
class _Person:
    key: str
    forename: str
    surname: str
    dob: dt.date
    sex: str
    area: str
    house: int
    nhs: str
    upn: str | None = None


@dataclass
class LookalikeDrop:
    """Who each record is, and the look-alike pairs (person keys and their kind)."""

    people: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    lookalikes: list[tuple[str, str, str]] = field(default_factory=list)


def _nhs_number(rng: random.Random) -> str:
    """A ten-digit NHS number with a valid modulus 11 check digit."""
    while True:
        body = [rng.randint(0, 9) for _ in range(9)]
        check = (11 - sum(d * (10 - i) for i, d in enumerate(body)) % 11) % 11
        if check < 10:
            return "".join(map(str, body)) + str(check)


def write_lookalike_drop(drop: Path, *, seed: int = 1, pairs_per_kind: int = 6,
                         ordinary: int = 40) -> LookalikeDrop:
    """Write a drop of look-alike pairs among ordinary people; return who is who."""
    rng = random.Random(seed)
    people: list[_Person] = []
    truth = LookalikeDrop()
    serial = iter(range(1, 10_000))

    def person(key: str, forename: str, surname: str, dob: dt.date, sex: str, area: str,
               house: int, *, pupil: bool = True) -> _Person:
        upn = make_upn(931 if area == "north" else 825, 4100, dob.year % 100, next(serial)) if pupil else None
        p = _Person(key, forename, surname, dob, sex, area, house, _nhs_number(rng), upn)
        people.append(p)
        return p

    def child_dob() -> dt.date:
        return dt.date(rng.randint(1996, 2005), rng.randint(1, 12), rng.randint(1, 28))

    names = iter(rng.sample(SURNAMES, len(SURNAMES)))
    for i in range(pairs_per_kind):
        surname, dob, house = next(names), child_dob(), rng.randint(1, 200)
        a, b = rng.sample(GIRLS if i % 2 else BOYS, 2)
        sex = "F" if i % 2 else "M"
        person(f"twin{i}a", a, surname, dob, sex, "north", house)
        person(f"twin{i}b", b, surname, dob, sex, "north", house)
        truth.lookalikes.append((f"twin{i}a", f"twin{i}b", "twins"))
    for i in range(pairs_per_kind):
        forename, surname, dob = rng.choice(GIRLS), rng.choice(SURNAMES), child_dob()
        person(f"same{i}n", forename, surname, dob, "F", "north", rng.randint(1, 200))
        person(f"same{i}s", forename, surname, dob, "F", "south", rng.randint(1, 200))
        truth.lookalikes.append((f"same{i}n", f"same{i}s", "same name and birthday elsewhere"))
    for i in range(pairs_per_kind):
        forename, surname, house = rng.choice(BOYS), next(names), rng.randint(1, 200)
        son = child_dob()
        father = dt.date(son.year - rng.randint(20, 35), rng.randint(1, 12), rng.randint(1, 28))
        person(f"father{i}", forename, surname, father, "M", "north", house, pupil=False)
        person(f"son{i}", forename, surname, son, "M", "north", house)
        truth.lookalikes.append((f"father{i}", f"son{i}", "father and son"))
    for i in range(pairs_per_kind):
        surname, house, older = next(names), rng.randint(1, 200), child_dob()
        a, b = rng.sample(GIRLS + BOYS, 2)
        younger = older + dt.timedelta(days=rng.randint(380, 1500))
        person(f"sib{i}a", a, surname, older, "F" if a in GIRLS else "M", "north", house)
        person(f"sib{i}b", b, surname, younger, "F" if b in GIRLS else "M", "north", house)
        truth.lookalikes.append((f"sib{i}a", f"sib{i}b", "siblings"))
    for i in range(ordinary):
        sex = rng.choice("FM")
        person(f"ordinary{i}", rng.choice(GIRLS if sex == "F" else BOYS), rng.choice(SURNAMES),
               child_dob(), sex, rng.choice(list(AREAS)), rng.randint(1, 200))

    rows: dict[str, list[list[str]]] = {name: [] for name in (
        "police-north", "police-south", "school-north", "school-south", "ed", "clinic")}

    def record(folder: str, p: _Person, row: list[str], record_id: str) -> None:
        rows[folder].append(row)
        truth.people.setdefault(p.key, set()).add((folder, record_id))

    for n, p in enumerate(people):
        _, outward, street = AREAS[p.area]
        postcode = f"{outward} {1 + p.house % 9}{'ABDEFGHJ'[p.house % 8]}{'LNPQRSTU'[p.house % 8]}"
        address = f"{p.house} {street}"
        iso = p.dob.isoformat()
        if p.upn:
            record(f"school-{p.area}", p, [p.upn, "100001" if p.area == "north" else "200002",
                                           p.surname, p.forename, iso, p.sex, postcode], p.upn)
        ed_id = f"ED{n:05d}"
        nickname = NICKNAMES.get(p.forename, p.forename) if rng.random() < 0.3 else p.forename
        record("ed", p, [ed_id, p.nhs if rng.random() < 0.5 else "", nickname, p.surname.upper(), iso,
                         p.sex, postcode.replace(" ", ""), f"2012-0{1 + n % 9}-1{n % 9}T10:00:00"], ed_id)
        if rng.random() < 0.6:
            nominal = f"N{n:05d}"
            record(f"police-{p.area}", p, [nominal, p.surname, p.forename, iso, p.sex, address,
                                           postcode], nominal)
        if p.sex == "F" and p.upn and rng.random() < 0.5:
            ref = f"SH{n:05d}"
            record("clinic", p, [f"A{n:05d}", "C1", ref, p.forename, p.surname, iso, p.sex, postcode,
                                 "2012-05-01T10:00:00", "sti_test"], ref)

    nominal_header = ["nominal_id", "surname", "forenames", "dob", "sex", "address", "postcode"]
    for area, (code, _, _) in AREAS.items():
        write_extract(drop, f"police-{area}", "police",
                      {"nominals.csv": csv_text(nominal_header, rows[f"police-{area}"])}, area=code)
        write_extract(drop, f"school-{area}", "education", {"pupils.csv": csv_text(
            ["upn", "school_urn", "surname", "forenames", "dob", "sex", "postcode"],
            rows[f"school-{area}"])}, area=code)
    write_extract(drop, "ed", "health_emergency", {"attendances.csv": csv_text(
        ["attendance_id", "nhs_number", "forenames", "surname", "dob", "sex", "postcode", "arrived_at"],
        rows["ed"])})
    write_extract(drop, "clinic", "health_sexual", {"attendances.csv": csv_text(
        ["attendance_id", "clinic_id", "patient_ref", "forenames", "surname", "dob", "sex",
         "postcode", "attended_at", "services"], rows["clinic"])})
    return truth
