"""A workspace: the folder that holds one deployment's warehouse, runs and casework."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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

    def ensure(self) -> Workspace:
        """Create the workspace folder if needed and return self."""
        self.root.mkdir(parents=True, exist_ok=True)
        return self
