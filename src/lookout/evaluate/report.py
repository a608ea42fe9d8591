"""The evaluation report: registered sections, run in order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from lookout.warehouse.database import open_warehouse, table_names
from lookout.workspace import Workspace

__all__ = ["SECTIONS", "Section", "evaluate"]


@dataclass
class Section:
    """One stage's evaluation: headline figures, and details such as examples of errors."""

    name: str
    figures: dict[str, Any]
    details: dict[str, Any] = field(default_factory=dict)


# (name, table the section needs, truth files it reads, function); later stages append theirs.
SECTIONS: list[tuple[str, str, tuple[str, ...],
                     Callable[[duckdb.DuckDBPyConnection, Path], Section]]] = []


def evaluate(workspace: Workspace, truth_dir: Path) -> list[Section]:
    """Run every section whose results table exists in the workspace's warehouse and whose
    truth files exist (a FEBRL drop's truth holds only `records.csv`)."""
    import lookout.evaluate.accountability  # noqa: F401  (registers the accountability section)
    import lookout.evaluate.flags  # noqa: F401  (registers the flags section)
    import lookout.evaluate.linkage  # noqa: F401  (registers the linkage section)
    import lookout.evaluate.networks  # noqa: F401  (registers the networks section)

    truth = truth_dir / "truth" if (truth_dir / "truth").is_dir() else truth_dir
    if not (truth / "records.csv").exists():
        raise FileNotFoundError(f"{truth} has no records.csv: point --truth at a simulated "
                                "county's folder or its truth/ folder")
    con = open_warehouse(workspace, read_only=True)
    try:
        tables = table_names(con)
        return [run(con, truth) for _, table, files, run in SECTIONS
                if table in tables and all((truth / name).exists() for name in files)]
    finally:
        con.close()
