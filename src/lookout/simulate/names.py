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


@lru_cache(maxsize=1)
def forenames() -> dict[str, WeightedList]:
    """Forenames by sex code (``F``, ``M``)."""
    return {
        "F": _weighted("forenames_female.csv", "forename"),
        "M": _weighted("forenames_male.csv", "forename"),
    }


@lru_cache(maxsize=1)
def surnames() -> WeightedList:
    """Surnames reflecting the mix of an English county."""
    return _weighted("surnames.csv", "surname")


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
