"""The people of the county: children in households, and adults created as stories need them."""

from __future__ import annotations

import datetime as dt

import numpy as np

from . import names
from .calendar import PERIOD_START
from .identifiers import POSTCODE_LETTERS as _LETTERS, nhs_numbers, postcode, vrm
from .world import AREAS, Person, World

_EARLIEST_DOB = dt.date(PERIOD_START.year - 18, PERIOD_START.month, PERIOD_START.day + 1)
_DOB_SPAN = (PERIOD_START - _EARLIEST_DOB).days


def _town_choice(rng: np.random.Generator, size: int, area: int | None = None) -> np.ndarray:
    towns = names.towns()
    weights = np.array([t.weight if area is None or t.area == AREAS[area] else 0.0 for t in towns])
    return rng.choice(len(towns), size=size, p=weights / weights.sum())


def address_in(rng: np.random.Generator, town_index: int) -> tuple[str, str, int]:
    """(address, postcode, area index) of a random home in a town."""
    town = names.towns()[town_index]
    district = town.districts[int(rng.integers(0, len(town.districts)))]
    street = names.streets().one(rng)
    return f"{int(rng.integers(1, 160))} {street}, {town.name}", postcode(rng, district), AREAS.index(town.area)


def _addresses(rng: np.random.Generator, towns_idx: np.ndarray) -> list[tuple[str, str, int]]:
    """Addresses for many homes at once (vectorised: the county has ~100,000 households)."""
    towns = names.towns()
    street_list = names.streets()
    streets = rng.choice(len(street_list.values), size=len(towns_idx), p=street_list.probabilities)
    numbers = rng.integers(1, 160, size=len(towns_idx))
    district_pick = rng.random(len(towns_idx))
    sector = rng.integers(1, 10, size=len(towns_idx))
    unit = rng.integers(0, len(_LETTERS), size=(len(towns_idx), 2))
    out = []
    for i, t in enumerate(towns_idx):
        town = towns[int(t)]
        district = town.districts[int(district_pick[i] * len(town.districts))]
        code = f"{district} {sector[i]}{_LETTERS[unit[i, 0]]}{_LETTERS[unit[i, 1]]}"
        out.append((f"{numbers[i]} {street_list.values[streets[i]]}, {town.name}", code,
                    AREAS.index(town.area)))
    return out


def build_children(rng: np.random.Generator, count: int) -> list[Person]:
    """``count`` children aged 0-17 at the start of the period, grouped in households.

    Siblings share a surname and address; about one household in fifty has twins (same
    surname and date of birth), which is one of the hardest cases for linkage.
    """
    sizes = rng.choice([1, 2, 3, 4], size=count, p=[0.42, 0.38, 0.14, 0.06])
    sizes = sizes[: int(np.searchsorted(np.cumsum(sizes), count)) + 1]
    sizes[-1] -= int(sizes.sum() - count)
    households = len(sizes)
    homes = _addresses(rng, _town_choice(rng, households))
    moved = _addresses(rng, _town_choice(rng, households))
    has_moved = rng.random(households) < 0.06  # agencies then disagree on the postcode
    sl = names.surnames()
    surname_idx = rng.choice(len(sl.values), size=households, p=sl.probabilities)
    other_idx = rng.choice(len(sl.values), size=households, p=sl.probabilities)
    has_other = rng.random(households) < 0.22  # parents apart: the other parent's surname
    twins = (sizes >= 2) & (rng.random(households) < 0.02)
    base = rng.integers(0, _DOB_SPAN + 1, size=households)
    offset = rng.integers(-2900, 2900, size=count)
    female = rng.random(count) < 0.488
    fnames = {s: names.forenames()[s] for s in ("F", "M")}
    picks = {s: rng.choice(len(w.values), size=count, p=w.probabilities) for s, w in fnames.items()}
    nhs = nhs_numbers(rng, count)
    children: list[Person] = []
    for h in range(households):
        address, code, area = homes[h]
        for k in range(int(sizes[h])):
            idx = len(children)
            days = int(base[h]) if k == 0 or (k == 1 and twins[h]) else int(base[h] + offset[idx])
            dob = _EARLIEST_DOB + dt.timedelta(days=days % (_DOB_SPAN + 1))
            sex = "F" if female[idx] else "M"
            children.append(Person(
                truth_id=f"C{idx + 1:06d}", kind="child", sex=sex, dob=dob,
                forename=fnames[sex].values[picks[sex][idx]], surname=sl.values[surname_idx[h]],
                area=area, postcode=code, address=address, household=h,
                other_surname=sl.values[other_idx[h]] if has_other[h] else "",
                nhs_number=nhs[idx], moved_postcode=moved[h][1] if has_moved[h] else "",
            ))
    return children


def _next_phone(world: World) -> str:
    """A mobile number no one else in the county has, from Ofcom's drama range 07700 900000-900999.

    Only a thousand such numbers exist, so they are dealt out without replacement (a shared
    number would falsely link two people) and run out quietly in very large counties.
    """
    if not hasattr(world, "_phones"):
        order = np.random.default_rng(np.random.SeedSequence([world.seed, 7700])).permutation(1000)
        world._phones = [f"+447700{900000 + int(i)}" for i in order]
    return world._phones.pop() if world._phones else ""


def new_adult(world: World, rng: np.random.Generator, *, role: str, area: int,
              age: tuple[int, int] = (20, 55), sex: str | None = None,
              surname: str | None = None, with_phone: bool = False,
              with_vehicle: bool = False) -> Person:
    """Create an adult, add them to the world and return them."""
    sex = sex or ("M" if rng.random() < 0.5 else "F")
    years = int(rng.integers(age[0], age[1] + 1))
    dob = PERIOD_START - dt.timedelta(days=years * 365 + int(rng.integers(0, 365)))
    address, code, _ = address_in(rng, int(_town_choice(rng, 1, area)[0]))
    adult = Person(
        truth_id=f"A{len(world.adults) + 1:06d}", kind="adult", sex=sex, dob=dob,
        forename=names.forenames()[sex].one(rng), surname=surname or names.surnames().one(rng),
        area=area, postcode=code, address=address, role=role,
        phone=_next_phone(world) if with_phone else "", vrm=vrm(rng) if with_vehicle else "",
    )
    world.adults.append(adult)
    return adult


def parent_of(world: World, rng: np.random.Generator, child: Person,
              parents: dict[int, Person]) -> Person:
    """The parent who reports a child missing or calls the police; created on first need."""
    if child.household not in parents:
        parent = new_adult(world, rng, role="parent", area=child.area, age=(28, 50),
                           sex="F" if rng.random() < 0.75 else "M", surname=child.surname)
        parent.address, parent.postcode = child.address, child.postcode
        parents[child.household] = parent
    return parents[child.household]
