"""Commands for chronologies, flags, overrides and the fairness report."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace

__all__ = ["register"]

console = Console()
WorkspaceOption = Annotated[Path, typer.Option("--workspace", "-w", help="Workspace folder.")]


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date written YYYY-MM-DD") from None


def _fail(message: str) -> None:
    console.print(f"[red]{message}[/red]", highlight=False)
    raise typer.Exit(1)


def _audit_reveal(ws: Workspace, person_id: str, *, by: str, reason: str, as_of: str | None) -> None:
    """A reveal at the command line goes in the casework audit log like one in the app: the
    name given, the operating-system account that ran the command, the reason, the child."""
    import getpass

    from lookout.app.audit import EventDraft, append_event
    from lookout.app.settings import AppSettings
    from lookout.app.store import open_store

    settings = AppSettings.for_workspace(ws)
    store = open_store(settings.database_url, settings.audit_seal())
    try:
        with store.write() as session:
            append_event(session, EventDraft(
                action="reveal", route="lookout chronology --reveal", username=by,
                target_kind="child", target_id=person_id, reason=reason,
                detail={"os_user": getpass.getuser(), "what": "chronology", "as_of": as_of,
                        "names_shown": [person_id]}))
    finally:
        store.dispose()


def chronology(
    person_id: Annotated[str, typer.Argument(help="Lookout person id.")],
    workspace: WorkspaceOption,
    csv_file: Annotated[Path | None, typer.Option("--csv", help="Also write it as CSV here.")] = None,
    pdf_file: Annotated[Path | None, typer.Option("--pdf", help="Also write it as a PDF here.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Only entries on or before this date.")] = None,
    reveal: Annotated[bool, typer.Option("--reveal", help="Show names instead of person ids.")] = False,
    reason: Annotated[str | None, typer.Option(help="Why names are needed (required with --reveal).")] = None,
    by: Annotated[str | None, typer.Option(help="Who is asking (required with --reveal).")] = None,
) -> None:
    """Print a person's multi-agency chronology (pseudonymous unless --reveal)."""
    from lookout.chronology import person_chronology, render_text, write_csv, write_pdf

    ws = Workspace(workspace)
    if reveal and not (reason and reason.strip() and by and by.strip()):
        _fail("--reveal shows real names: give --by NAME and --reason TEXT, which are recorded")
    con = open_warehouse(ws, read_only=True)
    try:
        if not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = "
                           "'chronology'").fetchall()[0][0]:
            _fail(f"{workspace} has no chronology yet: run the pipeline (`lookout run`) first")
        try:
            entries = person_chronology(con, person_id, reveal=reveal, as_of=_date(as_of))
        except ValueError as error:
            _fail(str(error))
        basis = "; ".join(sorted({r[0] for r in con.execute(
            "SELECT legal_basis FROM sources WHERE legal_basis IS NOT NULL").fetchall()}))
    finally:
        con.close()
    if reveal:
        _audit_reveal(ws, person_id, by=by.strip(), reason=reason.strip(), as_of=as_of)
    console.print(render_text(person_id, entries), highlight=False, markup=False, soft_wrap=True)
    if csv_file:
        write_csv(entries, csv_file)
        console.print(f"CSV written to {csv_file}")
    if pdf_file:
        write_pdf(person_id, entries, pdf_file, pseudonymous=not reveal, legal_basis=basis or None)
        console.print(f"PDF written to {pdf_file}")


def flags(
    workspace: WorkspaceOption,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Score as of this date (YYYY-MM-DD), "
                                              "using only records dated on or before it.")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many flags.")] = 50,
    person: Annotated[str | None, typer.Option(help="Explain this person's flag, record by record.")] = None,
) -> None:
    """List flagged children in review order, or explain one child's flag (--person)."""
    from lookout.indicators import explain_flag, run_indicators

    ws = Workspace(workspace)
    day = _date(as_of)
    con = open_warehouse(ws, read_only=day is None)
    prefix = "result_" if day is None else "asof_"
    try:
        if day is not None:
            run_indicators(con, ws, as_of=day, publish=False)
        elif not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = "
                             "'result_flags'").fetchall()[0][0]:
            _fail(f"{workspace} has no flags yet: run the pipeline (`lookout run`) first")
        if person:
            try:
                _print_trace(explain_flag(con, person, prefix=prefix))
            except ValueError as error:
                _fail(str(error))
            return
        rows = con.execute(f"""
            SELECT person_id, level, computed_level, score, agencies, first_flagged_at, sources,
                   indicators, override_by IS NOT NULL, as_of
            FROM {prefix}flags
            ORDER BY CASE level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END DESC,
                     agencies DESC, score DESC, first_flagged_at, person_id""").fetchall()
    finally:
        con.close()
    as_of_shown = rows[0][9] if rows else day
    table = Table("person", "level", "score", "agencies", "first flagged", "sources", "indicators",
                  title=f"{len(rows)} children flagged as of {as_of_shown}")
    for pid, level, computed, score, agencies, first, sources, indicators, overridden, _ in rows[:limit]:
        shown = f"{level} (override; computed {computed})" if overridden else level
        table.add_row(pid, shown, str(score), str(agencies), str(first or ""), sources,
                      indicators.replace(";", ", "))
    console.print(table)
    console.print("Explain one with `lookout flags --person PERSON_ID`.")


def override(
    person_id: Annotated[str, typer.Argument(help="Lookout person id.")],
    workspace: WorkspaceOption,
    level: Annotated[str, typer.Option(help="The level decided: none, low, medium or high.")],
    reason: Annotated[str, typer.Option(help="Why: the professional judgement behind it.")],
    by: Annotated[str, typer.Option(help="Who decided.")],
) -> None:
    """Set a child's level by professional judgement; later runs respect it."""
    from lookout.indicators import apply_overrides, record_override

    from lookout.runs.publish import publishing

    with publishing(Workspace(workspace), "flag override") as ws:
        con = open_warehouse(ws)
        try:
            try:
                decision = record_override(ws, con, person_id, level=level, reason=reason, by=by)
            except ValueError as error:
                _fail(str(error))
            if con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = "
                           "'result_flags_computed'").fetchall()[0][0]:
                apply_overrides(con, ws)
        finally:
            con.close()
    console.print(f"Recorded: {person_id} set to {decision.level} by {decision.by} at {decision.at} "
                  f"(computed level {decision.computed_level or 'not yet scored'}).", highlight=False)


def fairness(workspace: WorkspaceOption) -> None:
    """Flag rates by sex, age band and (recorded for children in care) ethnicity."""
    from lookout.indicators import fairness_report

    con = open_warehouse(Workspace(workspace), read_only=True)
    try:
        rows = fairness_report(con)
    finally:
        con.close()
    table = Table("dimension", "group", "children", "flagged", "rate", "medium or high", "rate",
                  title="Flag rates (never inputs to any score)")
    for r in rows:
        table.add_row(r.dimension, r.group, f"{r.children:,}", f"{r.flagged:,}", f"{r.rate:.2%}",
                      f"{r.flagged_medium_or_high:,}", f"{r.rate_medium_or_high:.2%}")
    console.print(table)


def _print_trace(trace) -> None:
    console.print(f"[bold]{trace.person_id}[/bold]: {trace.level} as of {trace.as_of} (score {trace.score}, "
                  f"{trace.agencies} agencies corroborating; first flagged at this level "
                  f"{trace.first_flagged_at})", highlight=False)
    if trace.override:
        console.print(f"Override: {trace.override} (computed {trace.computed_level})", highlight=False)
    for ind in trace.indicators:
        console.print(f"\n[bold]{ind.indicator_id}[/bold] v{ind.version} ({ind.tier}): {ind.practitioner}",
                      highlight=False)
        console.print("  tests: " + "; ".join(ind.conditions), highlight=False, markup=False)
        for r in ind.records:
            line = f" line {r.line}" if r.line else ""
            console.print(f"  {r.at:%Y-%m-%d} {r.window:<8} {r.kind}: {r.source}/{r.event_id}{line}  "
                          f"[{r.detail}]", highlight=False, markup=False)


def register(app: typer.Typer) -> None:
    """Add `chronology`, `flags`, `flag override` and `fairness` to the `lookout` command."""
    app.command("chronology")(chronology)
    app.command("flags")(flags)
    flag_app = typer.Typer(help="Decide on a child's flag.", no_args_is_help=True)
    flag_app.command("override")(override)
    app.add_typer(flag_app, name="flag")
    app.command("fairness")(fairness)
