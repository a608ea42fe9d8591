"""Who is in care and which children are planted as decoys (risk lookalikes, never exploited)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from .calendar import PERIOD_END, PERIOD_START
from .identity_noise import typo
from .world import Person, World

# per 1,000 children; "several per 1,000" of each decoy type
DECOY_RATES = {"family_conflict_missing": 2.5, "illness_absence": 2.0,
               "same_age_partner": 2.0, "lookalike": 2.0}
CARE_RATE = 70 / 10_000  # children in care per child (DfE, 31 March 2024)


def _age(child: Person, day: dt.date = PERIOD_START) -> int:
    return child.age_on(day)


def assign_care(world: World, rng: np.random.Generator) -> None:
    """Put ~70 per 10,000 children in care, older children more often (as nationally)."""
    weight = np.array([0.5 if a < 5 else 0.7 if a < 10 else 1.0 if a < 16 else 1.3
                       for a in (_age(c) for c in world.children)])
    count = max(1, round(len(world.children) * CARE_RATE))
    chosen = rng.choice(len(world.children), size=count, replace=False, p=weight / weight.sum())
    for i in sorted(chosen.tolist()):
        world.children[i].in_care = True


def _pick(rng: np.random.Generator, pool: list[Person], count: int) -> list[Person]:
    pool = [c for c in pool if not c.decoy and not c.exploited]
    if not pool or count <= 0:
        return []
    idx = rng.choice(len(pool), size=min(count, len(pool)), replace=False)
    return [pool[i] for i in sorted(idx.tolist())]


def assign_decoys(world: World, rng: np.random.Generator) -> None:
    """Choose decoy children of every type; lookalikes are rewritten to resemble another child."""
    n = len(world.children)
    per = {k: max(2, round(n * v / 1000)) for k, v in DECOY_RATES.items()}
    kids = world.children
    groups = {
        "family_conflict_missing": [c for c in kids if 11 <= _age(c) <= 15 and not c.in_care],
        "illness_absence": [c for c in kids if 5 <= _age(c) <= 14 and not c.in_care],
        "same_age_partner": [c for c in kids if 15 <= _age(c) <= 16 and not c.in_care],
    }
    for kind, pool in groups.items():
        for child in _pick(rng, pool, per[kind]):
            child.decoy = kind
    in_care = [c for c in kids if c.in_care and 11 <= _age(c) <= 16]
    for child in _pick(rng, in_care, max(1, round(len(in_care) * 0.2))):
        child.decoy = "care_runaway"
    teens = [c for c in kids if 10 <= _age(c) <= 16]
    for child in _pick(rng, teens, per["lookalike"]):
        make_lookalike(world, rng, child)


def make_lookalike(world: World, rng: np.random.Generator, model: Person) -> Person | None:
    """Rewrite another child in the same area as a near-double of ``model`` (a cousin)."""
    kids = world.children
    other = None
    for _ in range(500):  # rejection sampling: a scan of every child per lookalike is too slow
        c = kids[int(rng.integers(0, len(kids)))]
        if (c.area == model.area and c.household != model.household and c.sex == model.sex
                and not c.decoy and not c.exploited and not c.in_care
                and abs((c.dob - model.dob).days) < 400):
            other = c
            break
    if other is None:
        return None
    other.surname = model.surname
    other.other_surname = ""
    other.forename = model.forename if rng.random() < 0.5 else typo(rng, model.forename)
    other.dob = model.dob + dt.timedelta(days=int(rng.choice([0, 0, 1, -1, 2, 30, -31])))
    other.dob = min(other.dob, PERIOD_END)
    other.decoy = "lookalike"
    return other
