"""Agencies' free text as Lookout shows it: pseudonymised, whoever reads it.

Case notes, intelligence, incident summaries and clinic notes name people: the child, and
people in no record at all (a boyfriend, a nickname, a driver's phone). Before anyone sees a
text:

- every name recorded for a person who shares an entry with the subject (the subject too)
  becomes that person's Lookout id, `[P1A2B3C4D5E6]`;
- everything the recogniser finds (`lookout.pseudonymise`: names and nicknames, dates of
  birth, addresses, postcodes, phone numbers, vehicle marks, e-mail addresses) becomes its
  kind, `[name]`, `[phone]`;
- a reveal shows one person: with the subject revealed, the subject's own recorded names are
  shown as written, and nothing else is. Another person is revealed on their own page, for
  their own reason, in their own audit event.

The same rule serves the chronology, accountability findings that quote a record, and
casework notes and reasons. In a chronology description only the quoted free text goes to
the recogniser: the fields an agency recorded in their places (an incident's postcode, where
a missing child was found, a diagnosis) are shown as recorded, as the network pages show
places, phones and vehicles.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import duckdb


__all__ = ["FreeText", "QUOTE", "UNQUOTE"]

# Around what people wrote, inside a text that also holds recorded fields (a chronology
# description): only what lies between them is passed to the recogniser. A text without
# them is all free text (a note, a reason).
QUOTE, UNQUOTE = "\ue000", "\ue001"


class FreeText:
    """Texts about one subject, pseudonymised for showing.

    - `names`: lower-case recorded names (whole names and their parts) to the person id of
      whoever holds them.
    - `revealed`: the person whose names are shown as written (None: nobody's)."""

    def __init__(self, names: dict[str, str], revealed: str | None = None) -> None:
        self.names = names
        self.revealed = revealed
        self.pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(names, key=len, reverse=True))
                                  + r")\b", re.IGNORECASE) if names else None

    @classmethod
    def about(cls, con: duckdb.DuckDBPyConnection, person_id: str | None, *, reveal: bool = False) -> FreeText:
        """Texts about `person_id` (None: no known subject), their names shown if `reveal`."""
        if person_id is None:
            return cls({})
        rows = con.execute("""
            WITH shared AS (
                SELECT DISTINCT c2.person_id, c2.source, c2.record_id
                FROM chronology c1 JOIN chronology c2 USING (source, event_id)
                WHERE c1.person_id = ?
                UNION SELECT person_id, source, record_id FROM result_linkage WHERE person_id = ?)
            SELECT DISTINCT s.person_id, r.forenames, r.surname
            FROM shared s JOIN person_records r USING (source, record_id)
            ORDER BY s.person_id = ? DESC, s.person_id""", [person_id, person_id, person_id]).fetchall() \
            if _has(con, "chronology") else []
        return cls(_names(rows), person_id if reveal else None)

    @classmethod
    def each(cls, con: duckdb.DuckDBPyConnection, person_ids: Sequence[str | None],
             texts: Sequence[str]) -> list[str]:
        """Each text pseudonymised as a text about its own person (lists of findings, where
        one query for everyone's recorded names beats one per person)."""
        wanted = sorted({p for p in person_ids if p})
        rows = con.execute("""
            SELECT l.person_id, r.forenames, r.surname FROM result_linkage l
            JOIN person_records r USING (source, record_id)
            WHERE list_contains(?, l.person_id) ORDER BY l.person_id""", [wanted]).fetchall() \
            if wanted and _has(con, "person_records") else []
        by_person: dict[str, list] = {}
        for row in rows:
            by_person.setdefault(row[0], []).append(row)
        plain = [_unquoted(t, False) for t in texts]
        found = iter(_find_spans([clean for clean, _ in plain if clean]))
        return [cls(_names(by_person.get(pid, [])))._show(clean, next(found), quoted) if clean else clean
                for pid, (clean, quoted) in zip(person_ids, plain)]

    def show(self, texts: Sequence[str], *, marked: bool = False) -> list[str]:
        """Each text with recorded names as person ids (or as written, for the revealed
        person) and everything else identifying masked by kind. `marked`: the texts quote
        their free text between QUOTE and UNQUOTE (a chronology's descriptions), and what is
        not quoted was recorded in its field."""
        plain = [_unquoted(t, marked) for t in texts]
        found = iter(_find_spans([clean for clean, quoted in plain if clean and quoted != []]))
        return [self._show(clean, next(found) if quoted != [] else [], quoted) if clean else clean
                for clean, quoted in plain]

    def _show(self, text: str, spans, quoted: list[tuple[int, int]] | None = None) -> str:
        """`text` shown; `quoted`: the stretches that are free text (None: all of it)."""
        if quoted is not None:
            spans = [span for span in spans if any(s <= span.start and span.end <= e for s, e in quoted)]
        known = [(m.start(), m.end(), self.names[m.group(0).lower()])
                 for m in self.pattern.finditer(text)] if self.pattern else []
        pieces, at = [], 0
        for start, end, replacement in sorted(_pieces(text, known, spans, self.revealed)):
            if start < at:
                continue
            pieces += [text[at:start], replacement]
            at = end
        return "".join(pieces) + text[at:]


def _unquoted(text: str | None, marked: bool) -> tuple[str, list[tuple[int, int]] | None]:
    """The text without quote marks, and where its quoted stretches lie (None: all of it is
    free text, as in a text that is not `marked`)."""
    text = text or ""
    if QUOTE not in text:
        return text, ([] if marked else None)
    clean, quoted, start = [], [], None
    for ch in text:
        if ch == QUOTE:
            start = len(clean)
        elif ch == UNQUOTE:
            if start is not None:
                quoted.append((start, len(clean)))
            start = None
        else:
            clean.append(ch)
    return "".join(clean), quoted


def _find_spans(texts: list[str]):
    """The recogniser's spans (imported on first use: loading the language model takes a
    second or two, which commands that show no free text need not pay)."""
    from lookout.pseudonymise import find_spans

    return find_spans(texts) if texts else []


def _names(rows) -> dict[str, str]:
    """Lower-case recorded names and their parts (three letters or more) to person ids; the
    first person given a name keeps it."""
    names: dict[str, str] = {}
    for pid, forenames, surname in rows:
        parts = [f"{forenames} {surname}" if forenames and surname else "", surname or ""]
        parts += (forenames or "").split() + (surname or "").split("-")
        for part in parts:
            part = part.strip()
            if len(part) >= 3:
                names.setdefault(part.lower(), pid)
    return names


def _pieces(text: str, known, spans, revealed: str | None):
    """(start, end, what to show) for every part of `text` that is not shown as written."""
    from lookout.pseudonymise.spans import KINDS

    for start, end, pid in known:
        yield (start, end, text[start:end] if pid == revealed else f"[{pid}]")
    for span in spans:
        for start, end in _outside(span.start, span.end, [(s, e) for s, e, _ in known]):
            while start < end and not text[start].isalnum():
                start += 1
            while end > start and not text[end - 1].isalnum():
                end -= 1
            if start < end:
                yield (start, end, KINDS[span.kind])


def _outside(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) that no range in `taken` covers."""
    parts, at = [], start
    for s, e in sorted(taken):
        if e <= at or s >= end:
            continue
        if s > at:
            parts.append((at, s))
        at = max(at, e)
    if at < end:
        parts.append((at, end))
    return parts


def _has(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                            [table]).fetchall()[0][0])
