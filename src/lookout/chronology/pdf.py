"""A chronology as a PDF for a practice review: a title page block and a dated table.

Reviews build "short, date-ordered" integrated chronologies (domain guide), so the PDF keeps
each entry on one row: date, agency kind, the record it came from, and the description. It is
pseudonymous unless names were revealed when the entries were read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lookout.chronology.render import ChronologyEntry

__all__ = ["write_pdf"]


def _latin1(text: str) -> str:
    # The PDF core fonts hold Latin-1 only; anything else is shown as '?', never dropped.
    return text.encode("latin-1", "replace").decode("latin-1")


def write_pdf(person_id: str, entries: list[ChronologyEntry], path: Path, *,
              pseudonymous: bool = True, produced_at: dt.datetime | None = None,
              legal_basis: str | None = None) -> Path:
    """Write the entries to `path` as an A4 landscape PDF and return the path."""
    from fpdf import FPDF  # imported here: only this export needs it

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_title(f"Multi-agency chronology {person_id}")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.cell(0, 8, _latin1(f"Multi-agency chronology: {person_id}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9)
    stamp = (produced_at or dt.datetime.now(dt.timezone.utc)).strftime("%d %b %Y %H:%M %Z")
    notes = [f"{len(entries)} entries from {len({e.source for e in entries})} extracts; produced {stamp}.",
             "Pseudonymous: people are shown by their Lookout person id." if pseudonymous
             else "NAMES REVEALED: handle under the data sharing agreement."]
    if legal_basis:
        notes.append(f"Legal basis: {legal_basis}")
    for note in notes:
        pdf.multi_cell(0, 5, _latin1(note), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    with pdf.table(col_widths=(24, 24, 46, 183), text_align="LEFT", line_height=4.5,
                   first_row_as_headings=True) as table:
        table.row(["Date", "Agency", "Record", "What was recorded"])
        for e in entries:
            record = f"{e.source} / {e.event_id}" + (f" (line {e.line})" if e.line else "")
            table.row([e.at.strftime("%d %b %Y %H:%M"), e.kind.replace("_", " "), _latin1(record),
                       _latin1(e.description)])
    pdf.output(str(path))
    return path
