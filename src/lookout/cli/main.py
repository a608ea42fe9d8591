"""The `lookout` command line: thin commands over the packages that do the work."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from lookout.cli.accountability_commands import print_accountability
from lookout.cli.accountability_commands import register as register_accountability_commands
from lookout.cli.indicator_commands import register as register_indicator_commands
from lookout.cli.app_commands import register as register_app_commands
from lookout.cli.failures import EXIT_FAILED, EXIT_SOME_REFUSED, explain
from lookout.cli.network_commands import register as register_network_commands
from lookout.cli.progress import row_progress, stage_progress
from lookout.runs import pipeline
from lookout.runs.export import export_results, export_run_report
from lookout.runs.publish import RunInProgress, publishing
from lookout.warehouse.database import open_warehouse
from lookout.warehouse.load import ExtractReport
from lookout.workspace import Workspace

app = typer.Typer(help="Lookout: see together what each agency that looks after children sees alone.",
                  no_args_is_help=True, add_completion=False)
console = Console()

links_app = typer.Typer(help="Review, decide and explain links between person-records.",
                        no_args_is_help=True)
app.add_typer(links_app, name="links")

WorkspaceOption = Annotated[Path, typer.Option("--workspace", "-w", help="Workspace folder.")]
EngineOption = Annotated[str, typer.Option(help="Where linkage runs: duckdb or spark.")]
RetrainOption = Annotated[bool, typer.Option("--retrain", help="Train a new linkage model "
                                             "instead of reusing the workspace's latest.")]


@app.command()
def simulate(
    out: Annotated[Path, typer.Option(help="Folder to write drop/ and truth/ into.")],
    children: Annotated[int, typer.Option(min=1000, help="Children living in the county (1,000 or more).")] = 5000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed gives the same files.")] = 1,
) -> None:
    """Simulate a county: an extract drop (data contract v1) and its ground truth."""
    from lookout.simulate import simulate_county

    with stage_progress(console) as progress:
        summary = simulate_county(out, children=children, seed=seed, progress=progress)
    console.print(f"Simulated county written to {out}/drop (truth in {out}/truth).")
    console.print(summary)


@app.command()
def febrl(
    out: Annotated[Path, typer.Option(help="Folder to write drop/ and truth/ into.")],
    dataset: Annotated[int, typer.Option(min=1, max=4, help="Which FEBRL data set (1 to 4).")] = 3,
) -> None:
    """Write a drop made from a FEBRL data set (public labelled records), with its truth."""
    from lookout.evaluate.febrl import write_febrl_drop

    try:
        counts = write_febrl_drop(out, dataset)
    except RuntimeError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(f"FEBRL{dataset} drop written to {out}/drop (truth in {out}/truth): "
                  + ", ".join(f"{n:,} records in {name}" for name, n in counts.items()) + ".")


@app.command()
def ingest(
    drop: Annotated[Path, typer.Argument(help="Drop folder: one sub-folder per agency extract.")],
    workspace: WorkspaceOption,
) -> None:
    """Load every extract of a drop into the workspace's warehouse. Exits 3 when some
    extracts were refused (the data they would have replaced is still in use)."""
    with publishing(Workspace(workspace), "ingest") as staged, row_progress(console) as progress:
        report = pipeline.ingest(drop, staged, progress=progress)
    _print_ingest(report.extracts)
    _exit_if_refused(report.extracts)


@app.command()
def run(
    drop: Annotated[Path, typer.Argument(help="Drop folder: one sub-folder per agency extract.")],
    workspace: WorkspaceOption,
    engine: EngineOption = "duckdb",
    spark_master: Annotated[str | None, typer.Option(
        "--spark-master", help="Spark master URL for --engine spark (default: local mode).")] = None,
    retrain: RetrainOption = False,
) -> None:
    """Run every stage of the pipeline over a drop, on DuckDB (one machine) or Spark. Exits 3
    when some extracts were refused (the data they would have replaced is still in use)."""
    import os

    if spark_master:
        os.environ["LOOKOUT_SPARK_MASTER"] = spark_master
    if engine not in ("duckdb", "spark"):
        console.print(f"[red]unknown engine {engine!r}: choose duckdb or spark[/red]")
        raise typer.Exit(1)
    with publishing(Workspace(workspace), "run") as staged:
        pipeline.begin(drop, staged, engine=engine)
        with row_progress(console) as progress:
            report = pipeline.ingest(drop, staged, progress=progress)
        _print_ingest(report.extracts)
        _print_warehouse_summary(staged)
        with console.status("Linking person-records"):
            _print_link(pipeline.link(staged, retrain=retrain))
        with console.status("Flagging children at risk and finding networks around them"):
            flagged, found = pipeline.flags_and_networks(staged)
        console.print(f"Networks: {found.networks:,} suspected ({found.cross_area:,} across areas) "
                      f"in a graph of {found.nodes:,} nodes and {found.edges:,} edges "
                      f"(`lookout networks --workspace {workspace}` ranks them).")
        console.print(f"Flags: {flagged:,} children at medium or high risk "
                      f"(`lookout flags --workspace {workspace}` lists them with their evidence).")
        with console.status("Running accountability checks"):
            print_accountability(pipeline.accountability(staged))
    _print_not_used(Workspace(workspace))
    _exit_if_refused(report.extracts)


def _exit_if_refused(extracts: list[ExtractReport]) -> None:
    refused = [e.source for e in extracts if e.status == "failed"]
    if refused:
        console.print(f"[red]Refused: {', '.join(refused)}. The data they would have replaced is "
                      "still in use (exit code 3).[/red]", highlight=False)
        raise typer.Exit(EXIT_SOME_REFUSED)


def _print_not_used(workspace: Workspace) -> None:
    """What the run could not use, or took a default for, in plain English."""
    from lookout.runs.report import load_report, render_text

    report = load_report(workspace)
    if report is None:
        return
    text = render_text(report, only=("not_used", "default"))
    if text.count("\n") > 1:
        console.print("\nWhat this run could not use, or took a default for:", style="bold")
        console.print(text.split("\n", 1)[1].strip(), highlight=False, markup=False)
    console.print(f"\nThe whole run report: `lookout status --workspace {workspace.root}`.")


@app.command()
def status(workspace: WorkspaceOption,
           as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
           ) -> None:
    """The latest run report: what each stage used, what it could not use and why."""
    import json

    from lookout.runs.report import load_report, render_text

    from lookout.runs.publish import last_run_problem

    problem = last_run_problem(Workspace(workspace))
    if problem and not as_json:
        console.print(f"[red]Note: {problem}.[/red]", highlight=False)
    report = load_report(Workspace(workspace))
    if report is None:
        console.print(f"[red]{workspace} has no run report: run `lookout run DROP --workspace "
                      f"{workspace}` first[/red]")
        raise typer.Exit(1)
    if as_json:
        report = {**report, "last_run_problem": problem}
    if as_json:
        print(json.dumps(report, indent=2))
    else:
        console.print(render_text(report), highlight=False, markup=False)


@app.command("link")
def link_command(workspace: WorkspaceOption,
                 engine: Annotated[str | None, typer.Option(
                     help="Where Splink runs: duckdb or spark (default: the workspace's engine).")] = None,
                 retrain: RetrainOption = False) -> None:
    """Resolve person-records across every source into Lookout person ids."""
    with publishing(Workspace(workspace), "link") as staged, console.status("Linking person-records"):
        _print_link(pipeline.link(staged, engine=engine, retrain=retrain))


@links_app.command("review")
def links_review(
    workspace: WorkspaceOption,
    limit: Annotated[int, typer.Option(help="Show at most this many pairs.")] = 50,
) -> None:
    """List undecided pairs between the auto-link and no-link thresholds, most probable first."""
    from lookout.link.review import kept_apart_reasons, review_queue

    con = open_warehouse(Workspace(workspace), read_only=True)
    try:
        queue = review_queue(con, Workspace(workspace))
        reasons = kept_apart_reasons(con)
    finally:
        con.close()
    table = Table("pair", "probability", "record", "record", "kept apart because",
                  title=f"{len(queue)} pairs to review")
    for pair_id, p, sl, rl, sr, rr in queue[:limit]:
        table.add_row(pair_id, f"{p:.4f}", f"{sl} / {rl}", f"{sr} / {rr}", reasons.get(pair_id, ""))
    console.print(table)
    console.print("Explain a pair with `lookout links explain SOURCE RECORD_ID`; decide it with "
                  "`lookout links decide PAIR --accept|--reject --by NAME --reason TEXT`.")


@links_app.command("decide")
def links_decide(
    pair: Annotated[str, typer.Argument(help="Pair id, as `lookout links review` shows it.")],
    workspace: WorkspaceOption,
    by: Annotated[str, typer.Option(help="Who is deciding.")],
    reason: Annotated[str, typer.Option(help="Why: what in the records settles it.")],
    accept: Annotated[bool, typer.Option("--accept/--reject",
                                         help="Same person (accept) or not (reject).")],
) -> None:
    """Record a decision on a pair; it wins over the model on this and every later run."""
    from lookout.link.people import resolve_people
    from lookout.link.review import record_decision

    with publishing(Workspace(workspace), "links decide") as ws:
        con = open_warehouse(ws)
        try:
            decision = record_decision(ws, con, pair, accept=accept, by=by, reason=reason)
            resolve_people(con, ws)
        finally:
            con.close()
    console.print(f"Recorded: {decision.decision} {decision.source_l} / {decision.record_id_l} "
                  f"and {decision.source_r} / {decision.record_id_r} by {decision.by} at "
                  f"{decision.at}; people re-resolved.")


@links_app.command("explain")
def links_explain(
    source: Annotated[str, typer.Argument(help="Extract folder name.")],
    record_id: Annotated[str, typer.Argument(help="The record's own id in that extract.")],
    workspace: WorkspaceOption,
) -> None:
    """Show a record's person, its fellow records, and each link's field-by-field evidence."""
    from lookout.link.explain import explain_record

    con = open_warehouse(Workspace(workspace), read_only=True)
    try:
        found = explain_record(con, Workspace(workspace), source, record_id)
    finally:
        con.close()
    p = "no link" if found.match_probability is None else f"{found.match_probability:.6f}"
    console.print(f"[bold]{source} / {record_id}[/bold] is person {found.person_id} ({p}), "
                  f"with {len(found.members)} record(s): "
                  + "; ".join(f"{s} / {r}" for s, r in found.members), highlight=False)
    for link in found.links:
        kept = "same person" if link.same_person else "kept apart"
        console.print(f"\n{link.pair_id}: {link.other_source} / {link.other_record_id}, "
                      f"probability {link.match_probability:.6f}, weight {link.match_weight:+.2f}, "
                      f"{link.band} band, {kept}" + (f"; decision: {link.decision}" if link.decision
                                                     else ""), highlight=False)
        table = Table("field", "level", "weight")
        for evidence in link.fields:
            table.add_row(evidence.comparison, evidence.level, f"{evidence.weight:+.2f}")
        console.print(table)


@app.command()
def evaluate(
    workspace: WorkspaceOption,
    truth: Annotated[Path, typer.Option(help="A simulated county's folder (or its truth/).")],
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Also write every figure and detail (with the lead times behind each "
        "median, to pool counties) to this JSON file.")] = None,
) -> None:
    """Measure the workspace's results against a simulated county's ground truth."""
    import json

    from lookout.evaluate import evaluate as run_evaluation

    try:
        sections = run_evaluation(Workspace(workspace), truth)
    except FileNotFoundError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    if json_path is not None:
        json_path.write_text(json.dumps({s.name: {"figures": s.figures, "details": s.details}
                                         for s in sections}, indent=1, default=str), encoding="utf-8")
    for section in sections:
        nested = [v for v in section.figures.values() if isinstance(v, dict)]
        if nested and len(nested) == len(section.figures):
            # one row per item (e.g. per check), one column per measure
            columns = list(dict.fromkeys(k for v in nested for k in v))
            table = Table("", *columns, title=section.name)
            for name, value in section.figures.items():
                table.add_row(name, *("" if value.get(c) is None else str(value.get(c)) for c in columns))
        else:
            table = Table("measure", "value", title=section.name)
            for name, value in section.figures.items():
                table.add_row(name, str(value))
        console.print(table)


@app.command()
def quarantine(
    workspace: WorkspaceOption,
    source: Annotated[str | None, typer.Option(help="Only this extract folder.")] = None,
    limit: Annotated[int, typer.Option(help="Show at most this many rows.")] = 200,
) -> None:
    """List quarantined rows, and implausible values of loaded rows: file, line, column,
    value and why."""
    con = open_warehouse(Workspace(workspace), read_only=True)
    where = "WHERE q.source = ?" if source else ""
    listed = {}
    for table in ("quarantine", "load_warnings"):
        listed[table] = con.execute(f"""
            SELECT q.source, q.file, q.line, q.column_name, q.value, q.reason
            FROM {table} q JOIN (SELECT source, arg_max(load_id, extracted_at) AS load_id
                                 FROM loads GROUP BY source) latest USING (source, load_id)
            {where} ORDER BY q.source, q.file, q.line LIMIT ?""",
            [source, limit] if source else [limit]).fetchall()
    failures = con.execute(
        "SELECT source, path, line, problem FROM extract_failures ORDER BY failed_at").fetchall()
    con.close()
    for table, heading, none in (("quarantine", "Quarantined rows:", "No rows are quarantined."),
                                 ("load_warnings", "Implausible values of rows that were loaded:",
                                  None)):
        rows = listed[table]
        if rows:
            console.print(f"[bold]{heading}[/bold]")
        elif none:
            console.print(none)
        for source_name, file, line, column, value, reason in rows:
            where = f"{source_name}/{file}, line {line}"
            what = f" ({column} = {value!r})" if column and value is not None else ""
            console.print(f"{where}{what}: {reason}", highlight=False, soft_wrap=True)
    if failures:
        console.print("[bold]Extracts that could not be loaded:[/bold]")
        for source_name, path, line, problem in failures:
            console.print(f"  {source_name}: {path}{f', line {line}' if line else ''}: {problem}")


@app.command("export")
def export(
    results_dir: Annotated[Path, typer.Argument(help="Folder to write the result files into.")],
    workspace: WorkspaceOption,
) -> None:
    """Write the data contract's result files (linkage, flags, networks, accountability)."""
    con = open_warehouse(Workspace(workspace), read_only=True)
    try:
        written = export_results(con, results_dir)
    finally:
        con.close()
    for name, count in written.items():
        console.print(f"{results_dir / name}: {count} rows")
    for path in export_run_report(Workspace(workspace), results_dir):
        console.print(f"{path}: the run report")


def _print_ingest(reports: list[ExtractReport]) -> None:
    table = Table("extract", "file", "read", "loaded", "quarantined", title="Ingest")
    for report in reports:
        if report.status == "failed":
            table.add_row(report.source, "[red]not loaded[/red]", "", "", "", end_section=True)
            continue
        if report.status == "unchanged":
            table.add_row(report.source, "unchanged since last load", "", "", "", end_section=True)
            continue
        for i, f in enumerate(report.files):
            table.add_row(report.source if i == 0 else "", f.file, f"{f.rows_read:,}",
                          f"{f.rows_loaded:,}", f"{f.rows_quarantined:,}",
                          end_section=i == len(report.files) - 1)
    console.print(table)
    for report in reports:
        if report.problem:
            console.print(f"[red]{report.source} was not loaded:[/red] {report.problem}",
                          soft_wrap=True, highlight=False)
        if report.ignored_files:
            console.print(f"{report.source}: ignored files not in the contract: "
                          f"{', '.join(report.ignored_files)}")


def _print_warehouse_summary(workspace: Workspace) -> None:
    con = open_warehouse(workspace, read_only=True)
    try:
        counts = con.execute("""
            SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM person_records),
                   (SELECT count(*) FROM events), (SELECT coalesce(sum(marks), 0) FROM attendance_weekly),
                   (SELECT count(*) FROM quarantine)""").fetchall()[0]
    finally:
        con.close()
    console.print(f"Warehouse: {counts[0]} extracts, {counts[1]:,} person-records, "
                  f"{counts[2]:,} events, {counts[3]:,} attendance marks, {counts[4]:,} rows quarantined.")


def _print_link(report) -> None:
    people = report.people
    console.print(f"Linked {report.records:,} person-records into {people.people:,} people on "
                  f"{report.engine} (model {report.model.name}: {report.model.why}); "
                  f"{report.pairs_scored_above_floor:,} pairs at or above the review floor, "
                  f"{people.decisions_applied} decisions applied; "
                  f"{report.seconds['total']:.1f} s.", highlight=False)
    console.print("Entities: " + ", ".join(f"{n:,} {t.removeprefix('entity_')}"
                                           for t, n in report.entities.items()))


register_indicator_commands(app)
register_accountability_commands(app)
register_network_commands(app)
register_app_commands(app)


def main() -> None:
    """Entry point of the `lookout` command: environment failures end in a plain message."""
    try:
        app()
    except Exception as error:
        message = str(error) if isinstance(error, RunInProgress) else explain(error)
        if message is None:
            raise
        console.print(f"[red]lookout: {message}[/red]", highlight=False)
        raise SystemExit(EXIT_FAILED) from None
