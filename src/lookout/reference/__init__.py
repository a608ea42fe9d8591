"""Reference tables shared by the simulator and the linkage stage.

- `nicknames.csv`: formal given names and the nicknames they are commonly shortened to; the
  simulator draws its nicknames from it.
- `given_name_variants.csv`: groups of given names that are one name to a clerk: nicknames and
  spelling variants of names common among children in England and Wales (Katherine, Katie,
  Katy, Kaytee; Mohammed, Muhammad, Mohamed; Jade, Jayde), compiled for Lookout. Linkage reads
  both; the simulator only the first, so linkage is measured on names it was not built around
  too.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

__all__ = ["load_name_variants", "load_nicknames"]


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


@lru_cache(maxsize=1)
def load_name_variants() -> tuple[frozenset[str], ...]:
    """Return the groups of given names in ``given_name_variants.csv`` (one group a line, names
    separated by spaces, lower case)."""
    text = resources.files(__package__).joinpath("given_name_variants.csv").read_text(encoding="utf-8")
    lines = text.splitlines()[1:]  # the header names the column
    return tuple(frozenset(line.split()) for line in lines if line.strip())
