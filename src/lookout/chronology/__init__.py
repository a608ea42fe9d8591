"""Chronology: one date-ordered, multi-agency timeline per person, with its sources."""

from lookout.chronology.build import CHRONOLOGY_COLUMNS, build_chronology
from lookout.chronology.pdf import write_pdf
from lookout.chronology.render import ChronologyEntry, person_chronology, render_text, write_csv

__all__ = ["CHRONOLOGY_COLUMNS", "ChronologyEntry", "build_chronology", "person_chronology",
           "render_text", "write_csv", "write_pdf"]
