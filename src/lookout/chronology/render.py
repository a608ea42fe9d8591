"""Reading a person's chronology, pseudonymised, as text or CSV.

Descriptions quote the agencies' free text, which names people. Every description is shown
through `lookout.chronology.free_text`: people with records by their Lookout id, so a
reviewer reads "[P12] disclosed...", anything else identifying masked by kind, and with a
reveal the person's own names as written.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from lookout.chronology.free_text import FreeText

__all__ = ["ChronologyEntry", "person_chronology", "render_text", "write_csv"]

CSV_COLUMNS = ("at", "kind", "agency", "source", "record_id", "event_type", "event_id", "line",
               "role", "description")


@dataclass(frozen=True)
class ChronologyEntry:
    """One dated entry of a person's chronology."""

    at: dt.datetime
    kind: str
    agency: str
    source: str
    record_id: str
    event_type: str
    event_id: str
    line: int | None
    role: str
    description: str


def person_chronology(con: duckdb.DuckDBPyConnection, person_id: str, *,
                      reveal: bool = False, as_of: dt.date | None = None) -> list[ChronologyEntry]:
    """The person's entries in date order (up to `as_of` if given), pseudonymised; `reveal`
    shows the person's own names. Raises ValueError if the person has no entries."""
    rows = con.execute(f"""
        SELECT c.at, c.kind, c.agency, c.source, c.record_id, c.event_type, c.event_id, c.line,
               c.role, c.description
        FROM chronology c WHERE c.person_id = ?
          {"AND CAST(c.at AS DATE) <= ?" if as_of else ""}
        ORDER BY c.at, c.kind, c.event_id, c.record_id""",
        [person_id, as_of] if as_of else [person_id]).fetchall()
    if not rows:
        raise ValueError(f"person {person_id!r} has no chronology entries"
                         + (f" on or before {as_of}" if as_of else ""))
    entries = [ChronologyEntry(*row) for row in rows]
    shown = FreeText.about(con, person_id, reveal=reveal).show([e.description for e in entries], marked=True)
    return [replace(e, description=text) for e, text in zip(entries, shown)]


def render_text(person_id: str, entries: list[ChronologyEntry]) -> str:
    """The chronology as plain text: one line per entry, date, agency, record, description."""
    lines = [f"Chronology of {person_id}: {len(entries)} entries"]
    for e in entries:
        where = f"{e.source}/{e.event_id}" + (f" line {e.line}" if e.line else "")
        lines.append(f"{e.at:%Y-%m-%d %H:%M}  {e.kind:<16} {e.description}  [{where}]")
    return "\n".join(lines) + "\n"


def write_csv(entries: list[ChronologyEntry], path: Path) -> int:
    """Write the entries as CSV (UTF-8, RFC 4180); return the number of rows."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for e in entries:
            writer.writerow((e.at.isoformat(), e.kind, e.agency, e.source, e.record_id, e.event_type,
                             e.event_id, "" if e.line is None else e.line, e.role, e.description))
    return len(entries)
