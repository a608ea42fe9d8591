"""Column types of data contract v1 and how a cell of each type is checked.

Each column declares its type once; the warehouse compiles these declarations into row checks
(`lookout.warehouse.row_checks`) and into the typed columns it stores.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ColumnType(enum.Enum):
    """How a cell is read: the contract's general rules for each kind of value."""

    TEXT = "text"  # free text, kept as written
    IDENTIFIER = "identifier"  # a string; leading zeros kept
    DATE = "date"  # ISO 8601 date, YYYY-MM-DD
    DATETIME = "datetime"  # ISO 8601 date and time (a bare date is accepted as midnight)
    DMY_DATE = "dmy_date"  # DD/MM/YYYY, only in the SSDA903 files
    FLAG = "flag"  # Y/N, 1/0, true/false
    CODE = "code"  # one value from a vocabulary
    CODE_LIST = "code_list"  # ';'-separated values, each from a vocabulary
    TEXT_LIST = "text_list"  # ';'-separated free values

    @property
    def is_list(self) -> bool:
        """True for the types stored as a list of strings."""
        return self in (ColumnType.CODE_LIST, ColumnType.TEXT_LIST)


@dataclass(frozen=True)
class Column:
    """One column of a contract file."""

    name: str
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    vocabulary: frozenset[str] | None = None

    def __post_init__(self) -> None:
        needs_vocabulary = self.type in (ColumnType.CODE, ColumnType.CODE_LIST)
        if needs_vocabulary != (self.vocabulary is not None):
            raise ValueError(f"column {self.name}: a vocabulary goes with CODE and CODE_LIST only")


def text(name: str, *, required: bool = False) -> Column:
    """A free-text column."""
    return Column(name, ColumnType.TEXT, required)


def identifier(name: str, *, required: bool = False) -> Column:
    """An identifier column (kept as a string)."""
    return Column(name, ColumnType.IDENTIFIER, required)


def date(name: str, *, required: bool = False) -> Column:
    """An ISO 8601 date column."""
    return Column(name, ColumnType.DATE, required)


def datetime(name: str, *, required: bool = False) -> Column:
    """An ISO 8601 date-time column."""
    return Column(name, ColumnType.DATETIME, required)


def dmy_date(name: str, *, required: bool = False) -> Column:
    """A DD/MM/YYYY date column (SSDA903 files)."""
    return Column(name, ColumnType.DMY_DATE, required)


def flag(name: str, *, required: bool = False) -> Column:
    """A Y/N flag column."""
    return Column(name, ColumnType.FLAG, required)


def code(name: str, vocabulary: frozenset[str], *, required: bool = False) -> Column:
    """A column holding one value from a vocabulary."""
    return Column(name, ColumnType.CODE, required, vocabulary)


def code_list(name: str, vocabulary: frozenset[str], *, required: bool = False) -> Column:
    """A ';'-separated list of values from a vocabulary."""
    return Column(name, ColumnType.CODE_LIST, required, vocabulary)


def text_list(name: str, *, required: bool = False) -> Column:
    """A ';'-separated list of free values."""
    return Column(name, ColumnType.TEXT_LIST, required)
