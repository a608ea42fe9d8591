"""School attendance: DfE register codes grouped by meaning, and weekly counts per pupil.

Categories follow the DfE's "Working together to improve school attendance" (2024) code
table. Possible sessions are those a pupil could have attended: present, approved educational
activity, authorised and unauthorised absence. Persistent absence is missing 10% or more of
possible sessions; severe absence 50% or more.

A county's registers hold tens of millions of marks a year, nine in ten of them a plain
"present" (`/` or `\\`). Those carry no information beyond their number, so the warehouse
counts them (in `attendance_weekly`) and keeps every other mark row by row (in
`education_attendance`, with its file line): lateness, absence and closures, the marks a
chronology needs. Every mark is counted, and the extract stays the record of each one.
"""

from __future__ import annotations

PLAIN_PRESENT = ("/", "\\")
PRESENT = ("/", "\\", "L")
APPROVED_ACTIVITY = ("B", "K", "P", "V", "W")
AUTHORISED_ABSENCE = ("C", "C1", "C2", "E", "I", "J1", "M", "R", "S", "T")
UNAUTHORISED_ABSENCE = ("G", "N", "O", "U")
NOT_POSSIBLE = ("D", "Q", "X", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Z", "#")

PERSISTENT_ABSENCE_RATE = 0.10
SEVERE_ABSENCE_RATE = 0.50

WEEKLY_COUNTS = ("marks", "possible_sessions", "attended_sessions", "authorised_absences",
                 "unauthorised_absences", "late_before_close", "late_after_close")

WEEKLY_DDL = """CREATE TABLE IF NOT EXISTS attendance_weekly (
    _source VARCHAR NOT NULL, _load_id VARCHAR NOT NULL, upn VARCHAR NOT NULL,
    school_urn VARCHAR NOT NULL, week_start DATE NOT NULL, marks BIGINT NOT NULL,
    possible_sessions BIGINT NOT NULL, attended_sessions BIGINT NOT NULL,
    authorised_absences BIGINT NOT NULL, unauthorised_absences BIGINT NOT NULL,
    late_before_close BIGINT NOT NULL, late_after_close BIGINT NOT NULL)"""


def counted_as(code: str) -> tuple[bool, ...]:
    """Which of the weekly counts after `marks` (possible, attended, authorised, unauthorised,
    late before and after the register closed) one mark with this code adds to."""
    return (code not in NOT_POSSIBLE, code in PRESENT or code in APPROVED_ACTIVITY,
            code in AUTHORISED_ABSENCE, code in UNAUTHORISED_ABSENCE, code == "L", code == "U")


def merge_counts_sql(relation: str) -> str:
    """SQL summing partial weekly counts (as `register_marks.weekly_counts` gives them)."""
    sums = ", ".join(f"sum({c})::BIGINT AS {c}" for c in WEEKLY_COUNTS)
    return (f"SELECT upn, school_urn, week_start, bit_or(sessions) AS sessions, {sums}, "
            f"week_hash FROM {relation} GROUP BY upn, school_urn, week_start, week_hash")


