"""Exploitation rings: offenders, the places they use, and the children they exploit.

About one ring per 9,000 children, at least two once the county has 2,000 children, and the
first ring always reaches across both areas, as the Oxfordshire and Telford networks did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from . import names
from .calendar import PERIOD_END, PERIOD_START
from .identifiers import POSTCODE_LETTERS
from .population import new_adult
from .roles import make_lookalike
from .world import AREAS, KINDS, Person, World

_PLACES = ("Flat {flat}, {num} {street}, {town}", "{take}, {num} {street}, {town}",
           "{hotel}, {street}, {town}")
_TAKEAWAYS = ("Golden Kebab House", "Star Pizza and Kebab", "Chicken Express", "Royal Grill")
_HOTELS = ("Station Hotel", "Travel Lodge Inn", "Riverside Guest House", "Kings Arms Hotel")
_KIND_WEIGHTS = {"police": 0.85, "social_care": 0.6, "health_sexual": 0.45, "health_emergency": 0.4}


@dataclass
class Ring:
    """One exploitation ring as the truth files describe it."""

    ring_id: str
    areas: list[int]
    offenders: list[Person]
    associates: list[Person]
    victims: list[Person] = field(default_factory=list)
    places: list[tuple[str, str, int]] = field(default_factory=list)  # address, postcode, area
    started_at: dt.date = PERIOD_START

    @property
    def vrms(self) -> list[str]:
        """Registration marks of the ring's vehicles."""
        return sorted(p.vrm for p in self.offenders if p.vrm)

    @property
    def phones(self) -> list[str]:
        """The ring's phones in E.164."""
        return sorted(p.phone for p in self.offenders + self.associates if p.phone)


def ring_count(children: int) -> int:
    """Number of rings for a county of ``children``."""
    if children < 300:
        return 0
    return max(2 if children >= 2000 else 1, round(children / 9000))


def _place(rng: np.random.Generator, area: int) -> tuple[str, str, int]:
    towns = [t for t in names.towns() if t.area == AREAS[area]]
    town = towns[int(rng.integers(0, min(3, len(towns))))]  # town centres of the larger towns
    style = _PLACES[int(rng.integers(0, len(_PLACES)))]
    text = style.format(flat=int(rng.integers(1, 30)), num=int(rng.integers(1, 200)),
                        street=names.streets().one(rng), town=town.name,
                        take=_TAKEAWAYS[int(rng.integers(0, len(_TAKEAWAYS)))],
                        hotel=_HOTELS[int(rng.integers(0, len(_HOTELS)))])
    district = town.districts[int(rng.integers(0, len(town.districts)))]
    code = f"{district} {int(rng.integers(1, 10))}{rng.choice(list(POSTCODE_LETTERS))}{rng.choice(list(POSTCODE_LETTERS))}"
    return text, code, area


def _allowed_kinds(rng: np.random.Generator, child: Person) -> frozenset[str]:
    """A random subset of agencies that will see this victim; never all five."""
    kinds = {"education"} if child.upn else set()
    if child.in_care:
        kinds.add("social_care")
    target = int(rng.choice([2, 3, 4], p=[0.3, 0.45, 0.25]))
    options = [k for k in KINDS if k not in kinds and k != "education"]
    weights = np.array([_KIND_WEIGHTS[k] for k in options])
    order = rng.choice(len(options), size=len(options), replace=False, p=weights / weights.sum())
    for i in order:
        if len(kinds) >= target:
            break
        kinds.add(options[int(i)])
    return frozenset(kinds)


def plan_rings(world: World, rng: np.random.Generator) -> None:
    """Create rings, their offenders and places, and mark their victims."""
    kids = world.children
    for r in range(ring_count(len(kids))):
        areas = [0, 1] if r == 0 else [r % 2]
        offenders = [new_adult(world, rng, role="offender", area=areas[i % len(areas)],
                               age=(19, 45), sex="M", with_phone=rng.random() < 0.85,
                               with_vehicle=rng.random() < 0.6)
                     for i in range(int(rng.integers(2, 7)))]
        associates = [new_adult(world, rng, role="associate", area=areas[-1], age=(17, 30),
                                with_phone=rng.random() < 0.5)
                      for _ in range(int(rng.integers(0, 3)))]
        ring = Ring(f"R{r + 1:03d}", areas, offenders, associates)
        ring.places = [_place(rng, areas[i % len(areas)]) for i in range(int(rng.integers(2, 5)))]
        for i, offender in enumerate(offenders):
            offender.address, offender.postcode, _ = ring.places[i % len(ring.places)]
        start = PERIOD_START + dt.timedelta(days=int(rng.integers(14, 300)))
        ring.started_at = start
        want = int(rng.integers(3, 9))
        pool = [c for c in kids if c.area in areas and 12 <= c.age_on(start) <= 16
                and not c.decoy and not c.exploited]
        weight = np.array([(2.0 if c.sex == "F" else 1.0) * (6.0 if c.in_care else 1.0) for c in pool])
        chosen = rng.choice(len(pool), size=min(want, len(pool)), replace=False, p=weight / weight.sum())
        for i in sorted(int(x) for x in chosen):
            victim = pool[i]
            victim.exploited, victim.ring_id = True, ring.ring_id
            victim.exploitation_start = start + dt.timedelta(days=int(rng.integers(0, 150)))
            if rng.random() < 0.55:
                told = victim.exploitation_start + dt.timedelta(days=int(rng.integers(180, 730)))
                victim.first_disclosure_at = told if told <= PERIOD_END - dt.timedelta(days=20) else None
            if rng.random() < 0.3:
                victim.traits.add("stays_in_school")
            if rng.random() < 0.2:
                victim.traits.add("never_missing")
            ring.victims.append(victim)
        if ring.victims and rng.random() < 0.7:
            make_lookalike(world, rng, ring.victims[0])  # a cousin who looks the same on paper
        world.rings.append(ring)


def fix_victim_agencies(world: World, rng: np.random.Generator) -> None:
    """Once schools are known, decide which agencies see each victim."""
    for ring in world.rings:
        for victim in ring.victims:
            victim.allowed_kinds = _allowed_kinds(rng, victim)
