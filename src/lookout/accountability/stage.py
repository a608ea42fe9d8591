"""The accountability stage: run every check, keep every case judged, raise findings.

Tables written to the warehouse:

- `accountability_checks`: the catalogue (id, version, title, timed, guidance, practitioner,
  action, params as JSON).
- `accountability_cases`: every case each check judged, in time or not (the denominators of
  the timeliness rates).
- `accountability_findings`: the failed cases, with a stable `finding_id` (from the check and
  the cited record), the child, the agency and area whose record it is, `raised_at` and
  `due_at`, what was done and when (`done_at`, blank if nothing), `outcome` (`late` or
  `none`), the status in force (`open`, `acknowledged`, `resolved`) with who, when and why,
  and `overdue` (not resolved, nothing done, and due before the extract was taken).
- `accountability_summary`: per agency, area and check: cases, findings, open, acknowledged,
  resolved, overdue, and for timed checks the cases handled in time (`timely` of `timed`)
  and their share (`timely_rate`).
- `result_accountability`: the data contract's `accountability.csv` columns, for every
  finding not resolved.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

import duckdb

from lookout.accountability.catalogue import load_checks
from lookout.accountability.checks import CHECK_SQL, COLUMNS
from lookout.accountability.lifecycle import statuses_in_force
from lookout.accountability.prepare import prepare
from lookout.workspace import Workspace

__all__ = ["AccountabilityReport", "run_accountability"]


@dataclass
class AccountabilityReport:
    """What one run of the checks found."""

    cases: dict[str, int] = field(default_factory=dict)
    findings: dict[str, int] = field(default_factory=dict)
    open: int = 0
    overdue: int = 0
    seconds: float = 0.0


def run_accountability(con: duckdb.DuckDBPyConnection, workspace: Workspace | None) -> AccountabilityReport:
    """Run every check of the catalogue and write the accountability tables. Statuses
    recorded in `workspace` (none if it is None) are applied to the findings."""
    mark = time.perf_counter()
    checks = load_checks()
    missing = {c.id for c in checks} ^ set(CHECK_SQL)
    if missing:
        raise RuntimeError(f"every check needs a query and every query a check: {', '.join(sorted(missing))}")
    prepare(con)
    con.execute("""
        CREATE OR REPLACE TABLE accountability_checks (
            check_id VARCHAR PRIMARY KEY, version INTEGER, title VARCHAR, timed BOOLEAN, guidance VARCHAR,
            practitioner VARCHAR, action VARCHAR, params VARCHAR)""")
    con.executemany("INSERT INTO accountability_checks VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(c.id, c.version, c.title, c.timed, "\n".join(c.guidance), c.practitioner, c.action,
                      json.dumps(c.params, sort_keys=True)) for c in checks])
    con.execute("""
        CREATE OR REPLACE TEMP TABLE acc_case (
            check_id VARCHAR, source VARCHAR, record_id VARCHAR, line BIGINT, person_id VARCHAR,
            raised_at TIMESTAMP, due_at TIMESTAMP, done_at TIMESTAMP, failed BOOLEAN, summary VARCHAR)""")
    for check in checks:
        sql = CHECK_SQL[check.id](con, check.params)
        con.execute(f"INSERT INTO acc_case SELECT '{check.id}', * FROM ({sql}) AS c({', '.join(COLUMNS)})")
    con.execute("""
        CREATE OR REPLACE TABLE accountability_cases AS
        SELECT 'F-' || substr(md5(check_id || '|' || source || '|' || record_id), 1, 12) AS finding_id,
               check_id, source, record_id, line, person_id, raised_at, due_at, done_at, failed, summary
        FROM (SELECT *, row_number() OVER (PARTITION BY check_id, source, record_id
                                           ORDER BY failed DESC, person_id) AS n FROM acc_case)
        WHERE n = 1""")
    _findings(con, workspace)
    # every check has a count, so a check that found nothing to judge is seen as such
    report = AccountabilityReport({c.id: 0 for c in checks}, {c.id: 0 for c in checks})
    for check_id, cases, failed in con.execute(
            "SELECT check_id, count(*), count(*) FILTER (WHERE failed) FROM accountability_cases GROUP BY 1"
            ).fetchall():
        report.cases[check_id], report.findings[check_id] = cases, failed
    report.open, report.overdue = con.execute(
        "SELECT count(*) FILTER (WHERE status <> 'resolved'), count(*) FILTER (WHERE overdue) "
        "FROM accountability_findings").fetchall()[0]
    report.seconds = time.perf_counter() - mark
    return report


def _findings(con: duckdb.DuckDBPyConnection, workspace: Workspace | None) -> None:
    statuses = statuses_in_force(workspace) if workspace is not None else {}
    con.execute("""CREATE OR REPLACE TEMP TABLE acc_status (finding_id VARCHAR, status VARCHAR, status_by VARCHAR,
                   status_at VARCHAR, status_reason VARCHAR)""")
    if statuses:
        con.executemany("INSERT INTO acc_status VALUES (?, ?, ?, ?, ?)",
                        [(s.finding_id, s.status, s.by, s.at, s.reason) for s in statuses.values()])
    con.execute("""
        CREATE OR REPLACE TABLE accountability_findings AS
        SELECT c.finding_id, c.check_id, c.person_id, s.agency, s.area, c.source, c.record_id, c.line,
               c.raised_at, c.due_at, c.done_at, CASE WHEN c.done_at IS NULL THEN 'none' ELSE 'late' END AS outcome,
               c.summary, coalesce(t.status, 'open') AS status, t.status_by, t.status_at, t.status_reason,
               coalesce(t.status, 'open') <> 'resolved' AND c.done_at IS NULL AND c.due_at < s.as_of AS overdue
        FROM accountability_cases c
        JOIN acc_source s USING (source)
        LEFT JOIN acc_status t USING (finding_id)
        WHERE c.failed
        ORDER BY c.check_id, c.raised_at, c.source, c.record_id""")
    con.execute("""
        CREATE OR REPLACE TABLE accountability_summary AS
        WITH cases AS (
            SELECT s.agency, s.area, c.check_id, count(*) AS cases,
                   count(*) FILTER (WHERE NOT c.failed) AS in_time, k.timed
            FROM accountability_cases c JOIN acc_source s USING (source)
            JOIN accountability_checks k USING (check_id) GROUP BY ALL),
        found AS (
            SELECT agency, area, check_id, count(*) AS findings,
                   count(*) FILTER (WHERE status = 'open') AS open,
                   count(*) FILTER (WHERE status = 'acknowledged') AS acknowledged,
                   count(*) FILTER (WHERE status = 'resolved') AS resolved,
                   count(*) FILTER (WHERE overdue) AS overdue
            FROM accountability_findings GROUP BY ALL)
        SELECT c.agency, c.area, c.check_id, c.cases, coalesce(f.findings, 0) AS findings,
               coalesce(f.open, 0) AS open, coalesce(f.acknowledged, 0) AS acknowledged,
               coalesce(f.resolved, 0) AS resolved, coalesce(f.overdue, 0) AS overdue,
               CASE WHEN c.timed THEN c.in_time END AS timely, CASE WHEN c.timed THEN c.cases END AS timed,
               CASE WHEN c.timed THEN round(c.in_time / c.cases, 4) END AS timely_rate
        FROM cases c LEFT JOIN found f USING (agency, area, check_id)
        ORDER BY c.agency, c.area, c.check_id""")
    con.execute("""
        CREATE OR REPLACE TABLE result_accountability AS
        SELECT finding_id, check_id, person_id, source, record_id,
               strftime(raised_at, '%Y-%m-%d') || 'T' || strftime(raised_at, '%H:%M:%S') AS raised_at,
               strftime(due_at, '%Y-%m-%d') || 'T' || strftime(due_at, '%H:%M:%S') AS due_at,
               summary
        FROM accountability_findings WHERE status <> 'resolved'""")
