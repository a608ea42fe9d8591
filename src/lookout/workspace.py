"""A workspace: the folder that holds one deployment's warehouse, runs and casework.

Derived data (the warehouse, its Parquet lake on Spark, the run report) is served from one
set of paths and written, by every command that changes it, to a staged copy beside them
(`staged()`), which is swapped in whole when the command completes (`lookout.runs.publish`).
Authoritative data (models, people's decisions, casework) is never staged: it has one home.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class Workspace:
    """Paths inside a workspace folder. Creating the object creates nothing on disk."""

    root: Path
    staging: bool = False

    def staged(self) -> Workspace:
        """The same workspace, with derived data at the staged paths a command writes to."""
        return replace(self, staging=True)

    @property
    def served(self) -> Workspace:
        """The same workspace, with derived data at the paths readers are served from."""
        return replace(self, staging=False)

    @property
    def warehouse_path(self) -> Path:
        """The embedded DuckDB warehouse: derived data, rebuildable from the extracts."""
        return self.root / ("warehouse.next.duckdb" if self.staging else "warehouse.duckdb")

    @property
    def temp_dir(self) -> Path:
        """Where the engine may spill work that does not fit in memory."""
        return self.root / "tmp"

    @property
    def lake_path(self) -> Path:
        """The warehouse's tables as Parquet folders, when the workspace runs on Spark (served:
        a link to the generation last published)."""
        return self.root / ("lake.next" if self.staging else "lake")

    @property
    def engine(self) -> str:
        """The engine the workspace's warehouse runs on: `duckdb` (the default) or `spark`,
        as chosen by the last `lookout run --engine`."""
        path = self.root / "engine"
        return path.read_text(encoding="utf-8").strip() if path.exists() else "duckdb"

    def set_engine(self, engine: str) -> None:
        """Remember the engine the warehouse runs on, for every later command."""
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
        self.ensure()
        (self.root / "engine").write_text(engine + "\n", encoding="utf-8")

    def ensure(self) -> Workspace:
        """Create the workspace folder if needed and return self."""
        self.root.mkdir(parents=True, exist_ok=True)
        return self
