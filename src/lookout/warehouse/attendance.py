"""School attendance: DfE register codes grouped by meaning, and weekly summaries per pupil.

Categories follow the DfE's "Working together to improve school attendance" (2024) code
table. Possible sessions are those a pupil could have attended: present, approved educational
activity, authorised and unauthorised absence. Persistent absence is missing 10% or more of
possible sessions; severe absence 50% or more.
"""

from __future__ import annotations

import duckdb

PRESENT = ("/", "\\", "L")
APPROVED_ACTIVITY = ("B", "K", "P", "V", "W")
AUTHORISED_ABSENCE = ("C", "C1", "C2", "E", "I", "J1", "M", "R", "S", "T")
UNAUTHORISED_ABSENCE = ("G", "N", "O", "U")
NOT_POSSIBLE = ("D", "Q", "X", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Z", "#")

PERSISTENT_ABSENCE_RATE = 0.10
SEVERE_ABSENCE_RATE = 0.50


def _in(codes: tuple[str, ...]) -> str:
    return "code IN (" + ", ".join("'" + c.replace("'", "''") + "'" for c in codes) + ")"


def build_attendance_weekly(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)build `attendance_weekly`: one row per pupil, school and week with session counts."""
    con.execute(f"""
        CREATE OR REPLACE TABLE attendance_weekly AS
        SELECT _source, upn, school_urn, CAST(date_trunc('week', date) AS DATE) AS week_start,
               count(*) FILTER (WHERE NOT {_in(NOT_POSSIBLE)}) AS possible_sessions,
               count(*) FILTER (WHERE {_in(PRESENT)} OR {_in(APPROVED_ACTIVITY)}) AS attended_sessions,
               count(*) FILTER (WHERE {_in(AUTHORISED_ABSENCE)}) AS authorised_absences,
               count(*) FILTER (WHERE {_in(UNAUTHORISED_ABSENCE)}) AS unauthorised_absences,
               count(*) FILTER (WHERE code = 'L') AS late_before_close,
               count(*) FILTER (WHERE code = 'U') AS late_after_close
        FROM education_attendance
        GROUP BY ALL""")
