"""Progress bars for long commands (quiet when output is not a terminal)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def row_progress(console: Console) -> Iterator[Callable[[str, int], None]]:
    """A progress display counting rows read per file; yields the callback loaders call."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                  TextColumn("{task.completed:,.0f} rows"), TimeElapsedColumn(),
                  console=console, transient=True) as progress:
        tasks: dict[str, int] = {}

        def advance(what: str, rows: int) -> None:
            if what not in tasks:
                tasks[what] = progress.add_task(f"loading {what}", total=None)
                if not console.is_terminal:
                    console.print(f"loading {what}")
            progress.advance(tasks[what], rows)

        yield advance


@contextmanager
def stage_progress(console: Console) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar per stage; yields the callback `(stage, done, total)`."""
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=total)

        yield update
