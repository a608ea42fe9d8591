"""Reshaping a drop the way partnerships' first drops really look.

Each function copies or rewrites a drop folder: fewer sources, optional columns blanked or
removed, only a handful of rows, every date moved into the past, postcodes from another
country. The contract's own column declarations say which columns are optional and which hold
dates, so the shapes follow the contract, not one simulator's files.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import shutil
from collections.abc import Iterable
from pathlib import Path

from lookout.contract import FILES_BY_KIND, ColumnType, ContractFile, read_manifest

__all__ = ["blank_columns", "copy_sources", "count_rows", "foreign_postcodes", "remove_columns",
           "shift_dates", "shrink", "sources"]

_DATE_TYPES = (ColumnType.DATE, ColumnType.DATETIME, ColumnType.DMY_DATE)
POSTCODE_COLUMNS = frozenset({"postcode", "found_postcode", "home_post", "pl_post"})


def sources(drop: Path) -> list[Path]:
    """The drop's extract folders, in name order."""
    return sorted(p for p in drop.iterdir() if p.is_dir())


def copy_sources(drop: Path, out: Path, names: Iterable[str]) -> Path:
    """A new drop at `out` holding only the named extract folders of `drop`."""
    out.mkdir(parents=True)
    for name in names:
        shutil.copytree(drop / name, out / name)
    return out


def _contract_files(folder: Path) -> list[tuple[ContractFile, Path]]:
    kind = read_manifest(folder).kind
    return [(f, folder / f.filename) for f in FILES_BY_KIND[kind] if (folder / f.filename).exists()]


def _rewrite(path: Path, change) -> None:
    """Rewrite a CSV file through `change(header, rows) -> (header, rows)`."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        rows = list(reader)
    header, rows = change(header, rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _optional(contract_file: ContractFile, header: list[str], wanted: frozenset[str]) -> list[int]:
    required = set(contract_file.required_names)
    return [i for i, name in enumerate(header)
            if name.lower() in wanted and name.lower() not in required]


def blank_columns(drop: Path, columns: Iterable[str], *, share: float = 1.0, seed: int = 0) -> None:
    """Empty the cells of the named optional columns, in every file of every extract: all of
    them, or about `share` of the rows (chosen with `seed`)."""
    wanted = frozenset(c.lower() for c in columns)
    rng = random.Random(seed)
    for folder in sources(drop):
        for contract_file, path in _contract_files(folder):
            def change(header, rows, contract_file=contract_file):
                positions = _optional(contract_file, header, wanted)
                for row in rows:
                    if share < 1.0 and rng.random() >= share:
                        continue
                    for i in positions:
                        if i < len(row):
                            row[i] = ""
                return header, rows
            _rewrite(path, change)


def remove_columns(drop: Path, columns: Iterable[str]) -> None:
    """Take the named optional columns out of every file's header and rows."""
    wanted = frozenset(c.lower() for c in columns)
    for folder in sources(drop):
        for contract_file, path in _contract_files(folder):
            def change(header, rows, contract_file=contract_file):
                drop_at = set(_optional(contract_file, header, wanted))
                keep = [i for i in range(len(header)) if i not in drop_at]
                return ([header[i] for i in keep],
                        [[row[i] for i in keep if i < len(row)] for row in rows])
            _rewrite(path, change)


def shrink(drop: Path, rows: int) -> None:
    """Keep only the first `rows` data rows of every file."""
    for folder in sources(drop):
        for _, path in _contract_files(folder):
            _rewrite(path, lambda header, body: (header, body[:rows]))


def _shift(value: str, column_type: ColumnType, days: int) -> str:
    if not value.strip():
        return value
    try:
        if column_type is ColumnType.DMY_DATE:
            moved = dt.datetime.strptime(value.strip(), "%d/%m/%Y") + dt.timedelta(days=days)
            return moved.strftime("%d/%m/%Y")
        if column_type is ColumnType.DATE:
            return (dt.date.fromisoformat(value.strip()) + dt.timedelta(days=days)).isoformat()
        moved = dt.datetime.fromisoformat(value.strip()) + dt.timedelta(days=days)
        return moved.isoformat() if "T" in value or " " in value.strip() else moved.date().isoformat()
    except ValueError:
        return value  # a bad date stays bad: it is the ingest's to quarantine


def shift_dates(drop: Path, *, latest: dt.date) -> int:
    """Move every date of the drop (files and manifests) back by whole weeks, so the latest
    event falls on or before `latest`; weekdays, ages and intervals are kept. Returns the days."""
    newest = dt.date.min
    for folder in sources(drop):
        manifest = read_manifest(folder)
        newest = max(newest, manifest.extracted_at.date())
    days = -7 * ((newest - latest).days // 7 + 1)
    for folder in sources(drop):
        for contract_file, path in _contract_files(folder):
            def change(header, rows, contract_file=contract_file):
                typed = {i: contract_file.column(name).type for i, name in enumerate(header)
                         if name.lower() in contract_file.column_names
                         and contract_file.column(name).type in _DATE_TYPES}
                for row in rows:
                    for i, column_type in typed.items():
                        if i < len(row):
                            row[i] = _shift(row[i], column_type, days)
                return header, rows
            _rewrite(path, change)
        toml = folder / "source.toml"
        lines = []
        for line in toml.read_text(encoding="utf-8").splitlines():
            key, sep, value = line.partition("=")
            if sep and key.strip() in ("extracted_at", "period_start", "period_end"):
                text = value.strip().strip('"')
                moved = _shift(text, ColumnType.DATETIME if "T" in text else ColumnType.DATE, days)
                line = f'{key.strip()} = "{moved}"'
            lines.append(line)
        toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return days


def foreign_postcodes(drop: Path, style: str = "au") -> None:
    """Replace every postcode with another country's: the same UK postcode always becomes the
    same foreign one, so records that agreed still agree, as text."""
    mapping: dict[str, str] = {}

    def foreign(value: str) -> str:
        key = value.replace(" ", "").upper()
        if not key:
            return value
        if key not in mapping:
            n = len(mapping)
            mapping[key] = {"au": f"{2000 + n % 7000:04d}",         # Australia: 4 digits
                            "us": f"{10001 + n % 89000:05d}",       # United States ZIP
                            "ie": f"D{n % 24 + 1:02d} {chr(65 + n % 26)}{n % 10}{chr(70 + n % 20)}{n % 9}",
                            }[style]
        return mapping[key]

    for folder in sources(drop):
        for _, path in _contract_files(folder):
            def change(header, rows):
                positions = [i for i, name in enumerate(header) if name.lower() in POSTCODE_COLUMNS]
                for row in rows:
                    for i in positions:
                        if i < len(row):
                            row[i] = foreign(row[i])
                return header, rows
            _rewrite(path, change)


def count_rows(drop: Path) -> dict[tuple[str, str], int]:
    """(extract folder, file name) -> data rows, read independently of Lookout's reader."""
    counts = {}
    for folder in sources(drop):
        for contract_file, path in _contract_files(folder):
            with path.open(newline="", encoding="utf-8-sig") as handle:
                counts[(folder.name, contract_file.filename)] = sum(
                    1 for row in csv.reader(handle) if row) - 1
    return counts
