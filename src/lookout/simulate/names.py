"""Weighted name, street and place lists, so common names are common (as linkage expects)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np


@dataclass(frozen=True)
class WeightedList:
    """Values with sampling probabilities."""

    values: tuple[str, ...]
    probabilities: np.ndarray

    def sample(self, rng: np.random.Generator, size: int) -> list[str]:
        """``size`` values drawn with replacement by weight."""
        idx = rng.choice(len(self.values), size=size, p=self.probabilities)
        return [self.values[i] for i in idx]

    def one(self, rng: np.random.Generator) -> str:
        """A single value drawn by weight."""
        return self.values[int(rng.choice(len(self.values), p=self.probabilities))]


@dataclass(frozen=True)
class Town:
    """A town in one area, with its postcode districts and a population weight."""

    area: str
    name: str
    districts: tuple[str, ...]
    weight: float


def _rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("lookout.simulate.data").joinpath(filename).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


def _weighted(filename: str, column: str) -> WeightedList:
    rows = _rows(filename)
    weights = np.array([float(r.get("weight") or 1) for r in rows])
    return WeightedList(tuple(r[column] for r in rows), weights / weights.sum())


# How concentrated names are in England and Wales. ONS baby-name tables: the most popular
# boy's or girl's name is given to about 3-4% of a year's births and the top 100 to about
# half. ONS/Office for National Statistics surname counts: Smith, the commonest surname, is
# held by about 1.2% of people, the top 500 by about a third; the rest is a long tail of
# rare names. Shares fall with rank r as r ** -exponent (a Zipf-like law).
_FORENAME_EXPONENT = 0.5  # the commonest of ~215 names per sex: about 3.6% of children
_SURNAME_EXPONENT = 0.45  # the commonest of ~1,000 surnames: about 1.2% of people
_TAIL_FIRST = ("Ash", "Brad", "Brook", "Cal", "Chad", "Cress", "Dun", "Fair", "Fen", "Gar", "Hal",
               "Hart", "Hay", "Hol", "Kel", "Lang", "Mar", "Mel", "Nor", "Oak", "Pen", "Ray",
               "Red", "Rush", "Sax", "Shel", "Stan", "Thorn", "Wal", "Wen", "Whit", "Win")
_TAIL_LAST = ("bury", "by", "combe", "croft", "den", "field", "ford", "gate", "ham", "hurst", "ing",
              "ley", "low", "mere", "more", "ridge", "stead", "ton", "well", "wick", "wood", "worth")


def _ranked(filename: str, column: str, exponent: float) -> tuple[tuple[str, ...], np.ndarray]:
    """Values in file order (commonest first) with Zipf-like shares that sum to one."""
    values = tuple(r[column] for r in _rows(filename))
    weights = np.arange(1, len(values) + 1, dtype=float) ** -exponent
    return values, weights / weights.sum()


@lru_cache(maxsize=1)
def forenames() -> dict[str, WeightedList]:
    """Forenames by sex code (``F``, ``M``)."""
    return {sex: WeightedList(*_ranked(f"forenames_{name}.csv", "forename", _FORENAME_EXPONENT))
            for sex, name in (("F", "female"), ("M", "male"))}


@lru_cache(maxsize=1)
def surnames() -> WeightedList:
    """Surnames of an English county: the listed common ones first, then a tail of rarer ones
    (place-like compounds such as "Ashford" or "Thornley"), ranked in that order."""
    common = tuple(r["surname"] for r in _rows("surnames.csv"))
    tail = tuple(sorted({a + b for a in _TAIL_FIRST for b in _TAIL_LAST} - set(common)))
    values = common + tail
    weights = np.arange(1, len(values) + 1, dtype=float) ** -_SURNAME_EXPONENT
    return WeightedList(values, weights / weights.sum())


@lru_cache(maxsize=1)
def streets() -> WeightedList:
    """Street names, equally likely."""
    return _weighted("streets.csv", "street")


@lru_cache(maxsize=1)
def towns() -> tuple[Town, ...]:
    """Towns of both areas with their postcode districts."""
    return tuple(
        Town(r["area"], r["town"], tuple(r["districts"].split(";")), float(r["weight"]))
        for r in _rows("places.csv")
    )
