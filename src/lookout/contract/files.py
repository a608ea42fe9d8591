"""A contract file: its columns, which are required, and what makes a row unique."""

from __future__ import annotations

from dataclasses import dataclass

from lookout.contract.columns import Column


@dataclass(frozen=True)
class ContractFile:
    """One CSV file an extract of a given kind may hold."""

    kind: str
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    description: str

    def __post_init__(self) -> None:
        names = [c.name.lower() for c in self.columns]
        missing = [k for k in self.key if k not in names]
        if missing:
            raise ValueError(f"{self.filename}: key columns {missing} are not columns")

    @property
    def filename(self) -> str:
        """The file's name inside an extract folder."""
        return f"{self.name}.csv"

    @property
    def table(self) -> str:
        """The warehouse table its rows are loaded into."""
        return f"{self.kind}_{self.name}"

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names, lower case (names are case-insensitive in the contract)."""
        return tuple(c.name.lower() for c in self.columns)

    @property
    def required_names(self) -> tuple[str, ...]:
        """Names of the columns every file must have in its header."""
        return tuple(c.name.lower() for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        """The column with this (case-insensitive) name."""
        for column in self.columns:
            if column.name.lower() == name.lower():
                return column
        raise KeyError(name)
