"""The accountability dashboard: findings per agency and area, how many are open and
overdue, and how often agencies acted in time, read from the accountability stage's tables.
A finding's life cycle (acknowledged, resolved) is changed only through
`lookout.accountability.lifecycle.record_status`."""

from __future__ import annotations

import duckdb

from lookout.app.warehouse import table_names

__all__ = ["STATUSES", "dashboard", "finding", "findings", "record_finding_status"]

STATUSES = ("acknowledged", "resolved")


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def dashboard(con: duckdb.DuckDBPyConnection, *, agency: str | None) -> list[dict] | None:
    """Summary rows (agency, area, check, findings, open, overdue, timely, timed, rate) with
    the check's title, of `agency` only when given; None if the checks have not run."""
    tables = table_names(con)
    if "accountability_summary" not in tables:
        return None
    titles = "accountability_checks" in tables
    scope = "" if agency is None else "WHERE s.agency = ?"
    rows = _rows(con, f"""
        SELECT s.agency, s.area, s.check_id, {"c.title" if titles else "s.check_id"} AS title,
               s.findings, s.open, s.overdue, s.timely, s.timed,
               CASE WHEN s.timed > 0 THEN s.timely / s.timed END AS timeliness
        FROM accountability_summary s
        {"LEFT JOIN accountability_checks c USING (check_id)" if titles else ""}
        {scope} ORDER BY s.agency, s.area, s.check_id""",
        [] if agency is None else [agency])
    return rows


def statuses_recorded(workspace, rows: list[dict]) -> list[dict]:
    """The rows with any status recorded since the last run laid over them (`recorded_since_run`
    says so), read from the life cycle's own log."""
    try:
        from lookout.accountability.lifecycle import statuses_in_force
    except ImportError:
        return rows
    in_force = statuses_in_force(workspace)
    for row in rows:
        recorded = in_force.get(row["finding_id"])
        if recorded is not None and (recorded.status, recorded.by) != (row.get("status"), row.get("status_by")):
            row.update(status=recorded.status, status_by=recorded.by, status_at=recorded.at,
                       status_reason=recorded.reason, recorded_since_run=True)
    return rows


def findings(con: duckdb.DuckDBPyConnection, *, sources: frozenset[str] | None,
             status: str | None = None, agency: str | None = None, limit: int = 500) -> list[dict] | None:
    """Findings, overdue and oldest due first; None if the checks have not run. The status is
    the warehouse's, as of the last run (see `statuses_recorded` for later ones)."""
    if "accountability_findings" not in table_names(con):
        return None
    where, params = ["true"], []
    if sources is not None:
        where.append("list_contains(?, source)")
        params.append(sorted(sources))
    if status:
        where.append("status = ?")
        params.append(status)
    if agency:
        where.append("agency = ?")
        params.append(agency)
    return _rows(con, f"""SELECT * FROM accountability_findings WHERE {' AND '.join(where)}
                          ORDER BY status = 'resolved', overdue DESC, due_at, finding_id
                          LIMIT {int(limit)}""", params)


def finding(con: duckdb.DuckDBPyConnection, finding_id: str) -> dict | None:
    """One finding with its check's title and guidance, or None."""
    tables = table_names(con)
    if "accountability_findings" not in tables:
        return None
    join = "LEFT JOIN accountability_checks c USING (check_id)" if "accountability_checks" in tables else ""
    extra = ", c.title, c.guidance" if join else ""
    rows = _rows(con, f"SELECT f.*{extra} FROM accountability_findings f {join} WHERE f.finding_id = ?",
                 [finding_id])
    return rows[0] if rows else None


def record_finding_status(workspace, finding_id: str, status: str, *, by: str, reason: str):
    """Acknowledge or resolve a finding through the accountability stage's own life cycle."""
    if status not in STATUSES:
        raise ValueError(f"a finding's status can be set to {' or '.join(STATUSES)}")
    if status == "resolved" and not reason.strip():
        raise ValueError("resolving a finding needs a reason")
    try:
        from lookout.accountability.lifecycle import record_status
    except ImportError as error:
        raise ValueError("this installation cannot change a finding's status yet "
                         "(the accountability stage is not installed)") from error
    return record_status(workspace, finding_id, status, by=by, reason=reason.strip())
