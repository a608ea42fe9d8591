"""Reading a person's chronology, pseudonymised by default, as text or CSV.

Descriptions quote the agencies' free text, which names people. Unless names are revealed,
every forename and surname recorded for anyone who shares an entry with the person (the
person too) is replaced by that person's Lookout id, so a reviewer reads "P12 disclosed..."
and the agency's words otherwise unchanged.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

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
    """The person's entries in date order (up to `as_of` if given), names replaced by person
    ids unless `reveal`. Raises ValueError if the person has no entries."""
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
    if reveal:
        return entries
    replace = _pseudonymiser(con, person_id)
    return [ChronologyEntry(e.at, e.kind, e.agency, e.source, e.record_id, e.event_type, e.event_id,
                            e.line, e.role, replace(e.description)) for e in entries]


def _pseudonymiser(con: duckdb.DuckDBPyConnection, person_id: str):
    names = con.execute("""
        WITH shared AS (
            SELECT DISTINCT c2.person_id, c2.source, c2.record_id
            FROM chronology c1 JOIN chronology c2 USING (source, event_id)
            WHERE c1.person_id = ?
            UNION SELECT person_id, source, record_id FROM result_linkage WHERE person_id = ?)
        SELECT DISTINCT s.person_id, r.forenames, r.surname
        FROM shared s JOIN person_records r USING (source, record_id)""",
        [person_id, person_id]).fetchall()
    words: dict[str, str] = {}
    for pid, forenames, surname in names:
        for part in [f"{forenames} {surname}"] + (forenames or "").split() + (surname or "").split("-") + [surname or ""]:
            part = part.strip()
            if len(part) >= 3 and "None" not in part:
                words.setdefault(part.lower(), pid)
    if not words:
        return lambda text: text
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                         + r")\b", re.IGNORECASE)
    return lambda text: pattern.sub(lambda m: f"[{words[m.group(0).lower()]}]", text)


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
