"""A workspace: the folder that holds one deployment's warehouse, runs and casework."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class Workspace:
    """Paths inside a workspace folder. Creating the object creates nothing on disk."""

    root: Path

    @property
    def warehouse_path(self) -> Path:
        """The embedded DuckDB warehouse: derived data, rebuildable from the extracts."""
        return self.root / "warehouse.duckdb"

    @property
    def temp_dir(self) -> Path:
        """Where the engine may spill work that does not fit in memory."""
        return self.root / "tmp"

    @property
    def lake_path(self) -> Path:
        """The warehouse's tables as Parquet folders, when the workspace runs on Spark."""
        return self.root / "lake"

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
