"""What a drop's person-records can be linked on: each identity column, how many records fill
it and how many distinct values it takes.

A comparison or blocking rule is used only when every column it needs is usable: filled on at
least two records with at least two distinct values. A column no record fills (no NHS numbers
in a police drop), or that holds one value everywhere (sex in a girls' clinic), carries no
evidence; leaving it out is what keeps a partial drop running, and the run report says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

__all__ = ["ColumnProfile", "LinkProfile", "profile_link_records"]

# Columns of `link_records` that comparisons, blocking rules and training blocks read.
PROFILED = ("forename", "forename_group", "given_names", "forename_start", "surname",
            "surname_start", "dob", "birth_year", "sex",
            "postcode", "postcode_district", "address", "address_number", "upn", "nhs_number",
            "phone")
MIN_FILLED = 2
MIN_DISTINCT = 2


@dataclass(frozen=True)
class ColumnProfile:
    """How one identity column is filled."""

    column: str
    filled: int
    distinct: int

    @property
    def usable(self) -> bool:
        """True when the column can tell records apart."""
        return self.filled >= MIN_FILLED and self.distinct >= MIN_DISTINCT

    @property
    def why_not(self) -> str | None:
        """Why the column is not used, in plain English; None when it is."""
        if self.filled == 0:
            return "no record has one"
        if self.filled < MIN_FILLED:
            return "only one record has one"
        if self.distinct < MIN_DISTINCT:
            return "every record that has one has the same value"
        return None


@dataclass(frozen=True)
class LinkProfile:
    """The records to link: how many, and how each identity column is filled."""

    records: int
    columns: dict[str, ColumnProfile]

    def usable(self, *columns: str) -> bool:
        """True when every one of `columns` is usable."""
        return all(self.columns[c].usable for c in columns)

    def why_not(self, *columns: str) -> str | None:
        """Why a thing needing `columns` cannot be used, or None when it can: the first
        unusable column's reason, naming the column when more than one is needed."""
        for column in columns:
            reason = self.columns[column].why_not
            if reason:
                return reason if len(columns) == 1 else f"{column.replace('_', ' ')}: {reason}"
        return None


def profile_link_records(con: duckdb.DuckDBPyConnection) -> LinkProfile:
    """Profile the warehouse's `link_records` in one pass."""
    parts = []
    for column in PROFILED:
        value = f"array_to_string({column}, ' ')" if column == "given_names" else column
        parts.append(f"count({value}), count(DISTINCT {value})")
    row = con.execute(f"SELECT count(*), {', '.join(parts)} FROM link_records").fetchall()[0]
    columns = {column: ColumnProfile(column, row[1 + 2 * i], row[2 + 2 * i])
               for i, column in enumerate(PROFILED)}
    return LinkProfile(row[0], columns)
