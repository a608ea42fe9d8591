"""Commands for suspected exploitation networks: the ranked list, and one network explained
and drawn (pseudonymous: person ids, never names)."""

from __future__ import annotations

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


def _fail(message: str) -> None:
    console.print(f"[red]{message}[/red]", highlight=False)
    raise typer.Exit(1)


def networks(
    workspace: WorkspaceOption,
    limit: Annotated[int, typer.Option(help="Show at most this many networks.")] = 50,
) -> None:
    """List suspected exploitation networks, highest score first."""
    from lookout.networks.explain import ranked_networks

    con = open_warehouse(Workspace(workspace), read_only=True)
    try:
        try:
            rows = ranked_networks(con)
        except ValueError as error:
            _fail(str(error))
    finally:
        con.close()
    table = Table("network", "score", "children at risk", "suspected offenders", "members", "areas",
                  "rules", title=f"{len(rows)} suspected networks")
    for row in rows[:limit]:
        areas = row["areas"].replace(";", ", ") + (" (cross-area)" if row["cross_area"] else "")
        table.add_row(row["network_id"], f"{row['score']:.2f}", str(row["children_at_risk"]),
                      str(row["suspected_offenders"]), str(row["members"]), areas,
                      row["rules"].replace(";", ", "))
    console.print(table)
    console.print("Explain one with `lookout network ID --workspace WS [--svg FILE] [--png FILE]`.")


def network(
    network_id: Annotated[str, typer.Argument(help="Network id, as `lookout networks` lists it.")],
    workspace: WorkspaceOption,
    svg: Annotated[Path | None, typer.Option("--svg", help="Also draw it as SVG here.")] = None,
    png: Annotated[Path | None, typer.Option("--png", help="Also draw it as PNG here.")] = None,
) -> None:
    """Show one network: members and roles, each child's path, and the records behind every edge."""
    from lookout.networks.draw import write_png, write_svg
    from lookout.networks.explain import explain_network

    con = open_warehouse(Workspace(workspace), read_only=True)
    try:
        try:
            found = explain_network(con, network_id)
        except ValueError as error:
            _fail(str(error))
    finally:
        con.close()
    s = found.summary
    console.print(f"[bold]{s['network_id']}[/bold] rank {s['rank']}, score {s['score']:.2f}: "
                  f"{s['children_at_risk']} children at risk, {s['suspected_offenders']} suspected "
                  f"offenders, {s['members']} members; areas {s['areas'].replace(';', ', ') or 'unknown'}"
                  f"{' (spans more than one area)' if s['cross_area'] else ''}; found by "
                  f"{s['rules'].replace(';', ', ')}"
                  + (f"; bridges {s['bridges'].replace(';', ', ')}" if s["bridges"] else ""), highlight=False)
    table = Table("role", "type", "key", title="Members")
    for entity_type, key, role in found.members:
        table.add_row(role, entity_type, key)
    console.print(table)
    console.print("[bold]Paths from each child to the network[/bold]")
    for person_id, steps in found.paths.items():
        console.print(f"  {person_id}: " + " | ".join(steps), highlight=False, markup=False, soft_wrap=True)
    console.print("[bold]Edges and the records behind them[/bold]")
    for edge in found.edges:
        console.print(f"  {edge.a} -- {edge.b}: {edge.occurrences} occasion(s), weight {edge.weight:.2f}",
                      highlight=False)
        for kind, source, event_id, a_record, b_record, seen_at in edge.records:
            records = ", ".join(r for r in (a_record, b_record) if r)
            console.print(f"      {seen_at:%Y-%m-%d} {kind}: {source} {event_id or ''}"
                          f"{f' (records {records})' if records else ''}", highlight=False, markup=False)
    if svg:
        console.print(f"SVG written to {write_svg(found, svg)}")
    if png:
        console.print(f"PNG written to {write_png(found, png)}")


def register(app: typer.Typer) -> None:
    """Add `networks` and `network` to the `lookout` command."""
    app.command("networks")(networks)
    app.command("network")(network)
