"""Reference tables shared by the simulator and the linkage stage."""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

__all__ = ["load_nicknames"]


@lru_cache(maxsize=1)
def load_nicknames() -> dict[str, frozenset[str]]:
    """Return formal forename -> the nicknames it is commonly shortened to.

    Read from ``nicknames.csv`` (columns ``formal,nickname``) shipped with the package.
    Names keep their usual capitalisation; callers that compare names should fold case.
    """
    grouped: dict[str, set[str]] = {}
    text = resources.files(__package__).joinpath("nicknames.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(text.splitlines()):
        grouped.setdefault(row["formal"].strip(), set()).add(row["nickname"].strip())
    return {formal: frozenset(nicks) for formal, nicks in sorted(grouped.items())}
