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


# Every code in one list, grouped by meaning, so a mark's category is a range of positions.
_ORDERED = (*PRESENT, *APPROVED_ACTIVITY, *AUTHORISED_ABSENCE, *UNAUTHORISED_ABSENCE, *NOT_POSSIBLE)


def _positions(codes: tuple[str, ...]) -> str:
    first = _ORDERED.index(codes[0]) + 1
    return f"k BETWEEN {first} AND {first + len(codes) - 1}"


def weekly_counts_sql(relation: str) -> str:
    """SQL counting the marks of `relation(upn, school_urn, date, session, code)` per pupil,
    school and week. `sessions` has one bit per session of the week that holds a mark, so a
    week whose `marks` exceeds the bits set holds a session marked twice."""
    ordered = "[" + ", ".join("'" + c.replace("'", "''") + "'" for c in _ORDERED) + "]"
    return f"""
        SELECT upn, school_urn, CAST(date_trunc('week', date) AS DATE) AS week_start,
               bit_or(CAST(1 AS BIGINT) << ((isodow(date) - 1) * 2
                      + CASE WHEN session = 'PM' THEN 1 ELSE 0 END)) AS sessions,
               count(*) AS marks,
               count(*) FILTER (WHERE NOT {_positions(NOT_POSSIBLE)}) AS possible_sessions,
               count(*) FILTER (WHERE {_positions(PRESENT)} OR {_positions(APPROVED_ACTIVITY)}) AS attended_sessions,
               count(*) FILTER (WHERE {_positions(AUTHORISED_ABSENCE)}) AS authorised_absences,
               count(*) FILTER (WHERE {_positions(UNAUTHORISED_ABSENCE)}) AS unauthorised_absences,
               count(*) FILTER (WHERE k = {_ORDERED.index('L') + 1}) AS late_before_close,
               count(*) FILTER (WHERE k = {_ORDERED.index('U') + 1}) AS late_after_close
        FROM (SELECT *, list_position({ordered}, code) AS k FROM {relation}) GROUP BY ALL"""


def merge_counts_sql(relation: str) -> str:
    """SQL summing partial weekly counts (same columns as `weekly_counts_sql` gives)."""
    sums = ", ".join(f"sum({c})::BIGINT AS {c}" for c in WEEKLY_COUNTS)
    return (f"SELECT upn, school_urn, week_start, bit_or(sessions) AS sessions, {sums} "
            f"FROM {relation} GROUP BY ALL")


