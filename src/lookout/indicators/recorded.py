"""Indicators recorded in words: what practitioners wrote, read for the recognised indicators.

Most of what the serious case reviews found was written down, in words, not codes: a social
worker's note that a girl came back at three in the morning with a new phone she would not
explain; a school's log that she was collected from the gate by an older man in a car. SERAF
is completed by a practitioner reading exactly these records. `recorded_concerns.yaml` lists,
for each indicator a record can describe (its `theme`), the phrases that describe it, with
examples that must and must not match; they are read by the shared phrase matcher
(`lookout.phrases`), which passes over negated phrases ("no older males seen").

The address where police found a missing child is read the same way ("Found at the Kings
Arms Hotel"): SERAF names hotels and takeaways, and a record of one is a record of that
indicator whether or not an adult there is known to the police.

`build_recorded_concerns` writes the temporary table `ind_recorded_concerns` the
`recorded_concern` fact reads: one row per record whose words describe at least one theme,
with the themes and the words quoted. Each record is read from its own extract only.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from lookout.phrases import Phrase, find_phrases, load_phrases
from lookout.warehouse.database import table_names

__all__ = ["RECORDED_CONCERNS_FILE", "build_recorded_concerns", "load_recorded_phrases", "themes_in"]

RECORDED_CONCERNS_FILE = Path(__file__).parent / "recorded_concerns.yaml"

# (kind of record, the table it is read from, SQL giving source, record_id, event_id, line,
# at, record_dob, text). Event ids are those the other facts and the chronology use.
_TEXTS = (
    ("case_note", "social_care_case_notes", """
        SELECT n._source, n.la_child_id, 'case_note:' || n.note_id, n._line, n.recorded_at, r.dob, n.text
        FROM social_care_case_notes n
        LEFT JOIN person_records r ON r.source = n._source AND r.record_id = n.la_child_id"""),
    ("school_concern", "education_concerns", """
        SELECT c._source, c.upn, 'concern:' || c.concern_id, c._line, c.recorded_at, r.dob,
               concat_ws('. ', c.summary, c.action_taken)
        FROM education_concerns c
        LEFT JOIN person_records r ON r.source = c._source AND r.record_id = c.upn"""),
    ("referral", "social_care_referrals", """
        SELECT f._source, f.la_child_id, 'referral:' || f.referral_id, f._line, f.received_at, r.dob, f.reason
        FROM social_care_referrals f
        LEFT JOIN person_records r ON r.source = f._source AND r.record_id = f.la_child_id"""),
    ("return_interview", "social_care_return_interviews", """
        SELECT i._source, i.child, 'return_interview:' || i.child || '/' || strftime(i.mis_start, '%Y-%m-%d'),
               i._line, coalesce(i.held_at, i.offered_at, CAST(i.mis_start AS TIMESTAMP)), r.dob, i.summary
        FROM social_care_return_interviews i
        LEFT JOIN person_records r ON r.source = i._source AND r.record_id = i.child"""),
    ("missing_found_address", "police_missing_episodes", """
        SELECT m._source, m.nominal_id, 'missing:' || m.episode_id, m._line, coalesce(m.found_at, m.reported_at),
               r.dob, 'Found at ' || m.found_address
        FROM police_missing_episodes m
        LEFT JOIN person_records r ON r.source = m._source AND r.record_id = m.nominal_id
        WHERE m.found_address IS NOT NULL"""),
    ("emergency_note", "health_emergency_attendances", """
        SELECT _source, attendance_id, 'ed:' || attendance_id, _line, arrived_at, dob,
               concat_ws('. ', chief_complaint, text)
        FROM health_emergency_attendances"""),
)


def load_recorded_phrases(path: Path = RECORDED_CONCERNS_FILE) -> tuple[Phrase, ...]:
    """Every phrase of the list, each with the `theme` it describes."""
    return load_phrases(path, ("theme",))


def themes_in(text: str | None, phrases: tuple[Phrase, ...] | None = None) -> tuple[list[str], str]:
    """The themes `text` describes (sorted, once each) and the words that describe them."""
    matches = find_phrases(text, phrases if phrases is not None else load_recorded_phrases())
    themes = sorted({m.phrase.fields["theme"] for m in matches})
    return themes, "; ".join(f"'{m.found}' in \"{m.context}\"" for m in matches)


def build_recorded_concerns(con: duckdb.DuckDBPyConnection) -> int:
    """(Re)build `ind_recorded_concerns`; return how many records describe an indicator."""
    con.execute("""CREATE OR REPLACE TEMP TABLE ind_recorded_concerns (
        source VARCHAR, record_id VARCHAR, event_id VARCHAR, line BIGINT, "at" TIMESTAMP,
        record_dob DATE, themes VARCHAR[], record_kind VARCHAR, words VARCHAR)""")
    phrases = load_recorded_phrases()
    tables = table_names(con)
    found = []
    for kind, table, sql in _TEXTS:
        if table not in tables:
            continue
        for source, record_id, event_id, line, at, dob, text in con.execute(sql).fetchall():
            themes, words = themes_in(text, phrases)
            if themes:
                found.append((source, record_id, event_id, line, at, dob, themes, kind, words))
    if found:
        con.executemany("INSERT INTO ind_recorded_concerns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", found)
    return len(found)
