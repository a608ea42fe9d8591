"""Opening the warehouse: one embedded DuckDB file per workspace."""

from __future__ import annotations

import os

import duckdb

from lookout.warehouse.schema import create_tables
from lookout.workspace import Workspace


def open_warehouse(workspace: Workspace, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, unless read-only, create) the workspace's warehouse with Lookout's settings."""
    if read_only:
        if not workspace.warehouse_path.exists():
            raise FileNotFoundError(
                f"{workspace.root} has no warehouse yet: run `lookout ingest` or `lookout run` first")
        con = duckdb.connect(str(workspace.warehouse_path), read_only=True)
    else:
        workspace.ensure()
        con = duckdb.connect(str(workspace.warehouse_path))
    con.execute("SET enable_progress_bar = false")
    con.execute("SET preserve_insertion_order = false")
    # The engine's own share of memory: it spills to the workspace's temp folder beyond this,
    # so a county loads on a laptop beside everything else the load holds in memory.
    con.execute(f"SET memory_limit = '{os.environ.get('LOOKOUT_ENGINE_MEMORY', '2GB')}'")
    if not read_only:
        workspace.temp_dir.mkdir(exist_ok=True)
        con.execute(f"SET temp_directory = '{workspace.temp_dir.as_posix()}'")
        create_tables(con)
    return con
