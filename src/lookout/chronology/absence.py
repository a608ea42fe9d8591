"""School absence as a chronology shows it: runs of absence, and months below 90% attendance.

Register marks are kept row by row only when they are not a plain present
(`lookout.warehouse.attendance`), so a run of absence is a sequence of absence marks in
consecutive sessions of consecutive weekdays (Friday PM is followed by Monday AM). A
weekday with no kept mark is a present day or a day the school was shut; either way it ends
the run. Authorised and unauthorised absence (DfE code meanings) make separate runs, because
a reviewer reads them differently. Late marks and closures are counted in the monthly
summaries, not listed.

A month is summarised from `attendance_weekly` when the pupil missed 10% or more of the
possible sessions: the DfE's threshold for persistent absence.
"""

from __future__ import annotations

from lookout.warehouse.attendance import (AUTHORISED_ABSENCE, PERSISTENT_ABSENCE_RATE,
                                          UNAUTHORISED_ABSENCE)


def _codes(codes: tuple[str, ...]) -> str:
    return "(" + ", ".join("'" + c + "'" for c in codes) + ")"


# A session's number counting weekdays only, so consecutive school sessions differ by one.
_SESSION_NUMBER = """(2 * (5 * (date_diff('day', DATE '2000-01-03', date) // 7)
                      + isodow(date) - 1) + CASE WHEN session = 'PM' THEN 1 ELSE 0 END)"""

ABSENCE_ENTRIES = f"""
    SELECT _source, upn,
           CAST(min(date) AS TIMESTAMP) + CASE WHEN arg_min(session, n) = 'PM' THEN INTERVAL 13 HOUR
                                               ELSE INTERVAL 9 HOUR END,
           'school_absence',
           'absence:' || upn || '/' || school_urn || '/' || strftime(min(date), '%Y-%m-%d') || '/' || arg_min(session, n),
           min(_line), 'pupil',
           'Absent (' || category || '), ' || CAST(count(*) AS VARCHAR) || ' session'
           || CASE WHEN count(*) > 1 THEN 's' ELSE '' END || ' from '
           || strftime(min(date), '%a %d %b %Y') || ' ' || arg_min(session, n)
           || CASE WHEN count(*) > 1 THEN ' to ' || strftime(max(date), '%a %d %b %Y') || ' ' || arg_max(session, n)
                   ELSE '' END
           || ', school ' || school_urn || ': codes ' || array_to_string(list_sort(list_distinct(list(code))), ', ')
           || ' (register lines ' || CAST(min(_line) AS VARCHAR)
           || CASE WHEN count(*) > 1 THEN '-' || CAST(max(_line) AS VARCHAR) ELSE '' END || ')'
    FROM (SELECT *, n - row_number() OVER (PARTITION BY _source, upn, school_urn, category ORDER BY n) AS run
          FROM (SELECT *, {_SESSION_NUMBER} AS n,
                       CASE WHEN code IN {_codes(UNAUTHORISED_ABSENCE)} THEN 'unauthorised'
                            ELSE 'authorised' END AS category
                FROM education_attendance
                WHERE code IN {_codes(UNAUTHORISED_ABSENCE + AUTHORISED_ABSENCE)}))
    GROUP BY _source, upn, school_urn, category, run"""

ATTENDANCE_MONTH_ENTRIES = f"""
    SELECT _source, upn, CAST(last_day(month) AS TIMESTAMP) + INTERVAL 16 HOUR, 'school_attendance_month',
           'attendance:' || upn || '/' || strftime(month, '%Y-%m'), NULL, 'pupil',
           'School attendance in ' || strftime(month, '%B %Y') || ': '
           || CAST(round(100.0 * attended / possible) AS INTEGER) || '% (attended '
           || CAST(attended AS VARCHAR) || ' of ' || CAST(possible AS VARCHAR) || ' possible sessions; '
           || CAST(unauthorised AS VARCHAR) || ' unauthorised and ' || CAST(authorised AS VARCHAR)
           || ' authorised absences; ' || CAST(late_after AS VARCHAR) || ' late after the register closed)'
    FROM (SELECT _source, upn, CAST(date_trunc('month', week_start) AS DATE) AS month,
                 sum(possible_sessions) AS possible, sum(attended_sessions) AS attended,
                 sum(unauthorised_absences) AS unauthorised, sum(authorised_absences) AS authorised,
                 sum(late_after_close) AS late_after
          FROM attendance_weekly GROUP BY ALL)
    WHERE possible > 0 AND (possible - attended) >= {PERSISTENT_ABSENCE_RATE} * possible"""
