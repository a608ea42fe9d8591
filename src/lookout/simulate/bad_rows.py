"""Deliberately broken rows (about 1 in 2,000) to exercise the loader's quarantine.

Each is recorded with its physical line number (the header is line 1; no cell written by
the simulator contains a line break, so row i is line i + 2).
"""

from __future__ import annotations

import numpy as np

from .contract import ID_COLUMNS, code_columns, date_columns, flag_columns, required_for
from .world import World


def _options(kind: str, filename: str, columns: tuple[str, ...]) -> list[tuple[str, str]]:
    """(problem, column) pairs that make sense for this file."""
    out = [("too few columns", ""), ("too many columns", "")]
    dates, codes, flags = (date_columns(kind, filename), code_columns(kind, filename),
                           flag_columns(kind, filename))
    out += [("invalid date", c) for c in columns if c in dates]
    out += [("wrong date format", c) for c in columns if c in dates]
    out += [("unknown code", c) for c in columns if c in codes]
    out += [("bad Y/N value", c) for c in columns if c in flags]
    out += [("blank required column", c) for c in required_for(kind, filename) if c not in ID_COLUMNS]
    return out


def _break(rng: np.random.Generator, row: list[str], problem: str, index: int, dmy: bool) -> list[str]:
    if problem == "too few columns":
        return row[: max(1, len(row) - int(rng.integers(1, 3)))]
    if problem == "too many columns":
        return row + ["extra"]
    row = list(row)
    if problem == "invalid date":
        row[index] = "30/02/2012" if dmy else str(rng.choice(["2012-02-30", "2013-13-01"]))
    elif problem == "wrong date format":
        row[index] = "2012-03-12" if dmy else "12/03/2012"
    elif problem == "unknown code":
        row[index] = "ZZ9"
    elif problem == "bad Y/N value":
        row[index] = "maybe"
    else:
        row[index] = ""
    return row


def plant_bad_rows(world: World, rng: np.random.Generator) -> None:
    """Break about one row in 2,000 of every non-attendance file, away from planted cases."""
    sensitive: set[str] = set()
    involved = {a[3] for a in world.ledger.accountability}
    for person in world.children + world.adults:
        if person.truth_id in involved:
            sensitive.update(person.ids.values())
    for folder in sorted(world.extracts):
        extract = world.extracts[folder]
        for filename in sorted(extract.tables):
            table = extract.tables[filename]
            n = len(table.rows)
            count = int(round(n / 2000)) or (1 if n >= 400 else 0)
            if not count:
                continue
            options = _options(extract.kind, filename, table.columns)
            chosen: set[int] = set()
            for _ in range(count * 20):
                if len(chosen) == count:
                    break
                i = int(rng.integers(0, n))
                if i in chosen or (folder, filename, i) in world.ledger.protected or sensitive.intersection(table.rows[i]):
                    continue
                problem, column = options[int(rng.integers(0, len(options)))]
                index = table.columns.index(column) if column else -1
                if column and problem in ("invalid date", "wrong date format", "bad Y/N value") and not table.rows[i][index]:
                    problem, column, index = "too many columns", "", -1
                table.rows[i] = _break(rng, table.rows[i], problem, index, filename.startswith("ssda903_"))
                chosen.add(i)
                world.ledger.bad_rows.append((folder, filename, i + 2, column, problem))
