"""Commands for accountability: run the checks, list and explain findings, acknowledge and
resolve them, and the partnership summary (pseudonymous: person ids, never names)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from lookout.warehouse.database import open_warehouse, table_names
from lookout.workspace import Workspace

__all__ = ["print_accountability", "register"]

console = Console()
WorkspaceOption = Annotated[Path, typer.Option("--workspace", "-w", help="Workspace folder.")]
ByOption = Annotated[str, typer.Option("--by", help="Who is deciding (name or role).")]

findings_app = typer.Typer(help="Accountability findings: list, show, acknowledge, resolve, summarise.",
                           no_args_is_help=True)


def _fail(message: str) -> None:
    console.print(f"[red]{message}[/red]", highlight=False)
    raise typer.Exit(1)


def _read(workspace: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = open_warehouse(Workspace(workspace), read_only=True)
    try:
        tables = table_names(con)
        if "accountability_findings" not in tables:
            _fail("no accountability findings yet: run `lookout accountability` (or `lookout run`) first")
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def _pseudonymised(workspace: Path, person_id: str | None, texts: list[str | None]) -> list[str | None]:
    """Texts that may quote a record (a summary, a reason), pseudonymised as the app shows them."""
    from lookout.chronology.free_text import FreeText

    con = open_warehouse(Workspace(workspace), read_only=True)
    try:
        return FreeText.each(con, [person_id] * len(texts), texts)
    finally:
        con.close()


def print_accountability(report) -> None:
    """One line per check of what a run of the checks found."""
    found = sum(report.findings.values())
    console.print(f"Accountability: {found:,} findings ({report.open:,} not resolved, {report.overdue:,} with "
                  f"nothing done yet) from {sum(report.cases.values()):,} cases judged by "
                  f"{len(report.cases)} checks in {report.seconds:.1f} s.")


def accountability(workspace: WorkspaceOption) -> None:
    """Run the accountability checks over the warehouse (after `lookout run` or the stages)."""
    from lookout.runs import pipeline

    from lookout.runs.publish import publishing

    with console.status("Running accountability checks"):
        try:
            with publishing(Workspace(workspace), "accountability") as staged:
                report = pipeline.accountability(staged)
        except ValueError as error:
            _fail(str(error))
    print_accountability(report)
    console.print(f"`lookout findings list --workspace {workspace}` lists them; "
                  f"`lookout findings summary --workspace {workspace}` gives the partnership summary.")


@findings_app.command("list")
def findings_list(
    workspace: WorkspaceOption,
    check: Annotated[str | None, typer.Option(help="Only this check id.")] = None,
    status: Annotated[str | None, typer.Option(help="Only this status: open, acknowledged or resolved.")] = None,
    person: Annotated[str | None, typer.Option(help="Only this person id.")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many findings.")] = 50,
) -> None:
    """List findings, oldest first."""
    rows = _read(workspace, """
        SELECT finding_id, check_id, person_id, agency, source, record_id, strftime(raised_at, '%Y-%m-%d'),
               strftime(due_at, '%Y-%m-%d'), status, overdue
        FROM accountability_findings
        WHERE (? IS NULL OR check_id = ?) AND (? IS NULL OR status = ?) AND (? IS NULL OR person_id = ?)
        ORDER BY raised_at, finding_id""", [check, check, status, status, person, person])
    table = Table("finding", "check", "person", "agency", "record", "raised", "due", "status",
                  title=f"{len(rows):,} findings")
    for fid, cid, pid, agency, source, record, raised, due, st, overdue in rows[:limit]:
        table.add_row(fid, cid, pid or "", agency, f"{source} / {record}", raised, due,
                      st + (" (nothing done)" if overdue else ""))
    console.print(table)
    console.print("`lookout findings show ID` explains one.")


@findings_app.command("show")
def findings_show(finding_id: Annotated[str, typer.Argument(help="Finding id (F-...).")],
                  workspace: WorkspaceOption) -> None:
    """One finding: the record it cites, what was due and when, the guidance and what to do."""
    rows = _read(workspace, """
        SELECT f.finding_id, f.check_id, k.title, f.person_id, f.agency, f.area, f.source, f.record_id, f.line,
               f.raised_at, f.due_at, f.done_at, f.summary, f.status, f.status_by, f.status_at, f.status_reason,
               k.guidance, k.action
        FROM accountability_findings f JOIN accountability_checks k USING (check_id)
        WHERE f.finding_id = ?""", [finding_id])
    if not rows:
        _fail(f"no finding has id {finding_id!r}: `lookout findings list` lists them")
    (fid, cid, title, pid, agency, area, source, record, line, raised, due, done, summary, status,
     by, at, reason, guidance, action) = rows[0]
    summary, reason = _pseudonymised(workspace, pid, [summary, reason])
    console.print(f"[bold]{fid}[/bold] {title} ({cid})")
    console.print(f"Child: {pid or 'not linked'}. Record: {source} / {record} (line {line}), {agency}, area {area}.")
    console.print(f"Raised {raised:%Y-%m-%d %H:%M}; due {due:%Y-%m-%d %H:%M}; "
                  + (f"done {done:%Y-%m-%d %H:%M} (late)." if done else "nothing done yet."))
    console.print(summary, highlight=False)
    console.print(f"Status: {status}" + (f" by {by} at {at}: {reason}" if by else ""))
    console.print(f"What to do: {action}")
    console.print("Guidance:\n  " + guidance.replace("\n", "\n  "), highlight=False)


def _set_status(finding_id: str, workspace: Path, status: str, by: str, reason: str) -> None:
    from lookout.accountability.lifecycle import record_status
    from lookout.runs import pipeline

    if not _read(workspace, "SELECT 1 FROM accountability_findings WHERE finding_id = ?", [finding_id]):
        _fail(f"no finding has id {finding_id!r}: `lookout findings list` lists them")
    from lookout.runs.publish import publishing

    try:
        record_status(Workspace(workspace), finding_id, status, by=by, reason=reason)
    except ValueError as error:
        _fail(str(error))
    with publishing(Workspace(workspace), "findings") as staged:
        pipeline.accountability(staged)
    console.print(f"{finding_id} is now {status}.")


@findings_app.command("ack")
def findings_ack(finding_id: Annotated[str, typer.Argument(help="Finding id (F-...).")],
                 workspace: WorkspaceOption, by: ByOption,
                 note: Annotated[str, typer.Option(help="What is being done.")] = "") -> None:
    """Acknowledge a finding: someone has it in hand."""
    _set_status(finding_id, workspace, "acknowledged", by, note)


@findings_app.command("resolve")
def findings_resolve(finding_id: Annotated[str, typer.Argument(help="Finding id (F-...).")],
                     workspace: WorkspaceOption, by: ByOption,
                     reason: Annotated[str, typer.Option(help="How it was resolved (required).")] = "") -> None:
    """Resolve a finding with a reason; it is not raised again."""
    _set_status(finding_id, workspace, "resolved", by, reason)


@findings_app.command("reopen")
def findings_reopen(finding_id: Annotated[str, typer.Argument(help="Finding id (F-...).")],
                    workspace: WorkspaceOption, by: ByOption,
                    reason: Annotated[str, typer.Option(help="Why it is re-opened (required).")] = "") -> None:
    """Re-open a resolved or acknowledged finding."""
    _set_status(finding_id, workspace, "open", by, reason)


@findings_app.command("summary")
def findings_summary(workspace: WorkspaceOption) -> None:
    """The partnership summary: per agency and area, findings, overdue items and timeliness."""
    rows = _read(workspace, """
        SELECT agency, area, check_id, cases, findings, open + acknowledged, overdue, timely, timed, timely_rate
        FROM accountability_summary ORDER BY agency, area, check_id""")
    table = Table("agency", "area", "check", "cases", "findings", "not resolved", "nothing done",
                  "in time", title="Partnership summary")
    for agency, area, cid, cases, findings, unresolved, overdue, timely, timed, rate in rows:
        shown = f"{timely:,} of {timed:,} ({rate:.0%})" if timed else ""
        table.add_row(agency, area, cid, f"{cases:,}", f"{findings:,}", f"{unresolved:,}", f"{overdue:,}", shown)
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add the accountability commands to the `lookout` app."""
    app.command("accountability")(accountability)
    app.add_typer(findings_app, name="findings")
