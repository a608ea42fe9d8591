"""Reading the warehouse from the app: read-only, briefly, and never in the pipeline's way.

DuckDB lets one process write a file; a read-only connection still holds a shared lock, so
the app opens the warehouse for each request and closes it when the request ends. While the
pipeline is writing, or before it has run, pages say so instead of failing. On a workspace
whose stages run on Spark, the results are read from their Parquet folders by DuckDB too."""

from __future__ import annotations

import os
import weakref

import duckdb

from lookout.warehouse.schema import ingest_tables
from lookout.workspace import Workspace

__all__ = ["WarehouseUnavailable", "open_readonly", "table_names"]


class WarehouseUnavailable(Exception):
    """The warehouse cannot be read now; the message says why in plain English."""


def open_readonly(workspace: Workspace) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the workspace's warehouse, or WarehouseUnavailable."""
    if not workspace.warehouse_path.exists():
        raise WarehouseUnavailable("no results yet: the pipeline has not run in this workspace "
                                   "(`lookout run DROP --workspace WS`)")
    try:
        # DuckDB itself, whatever engine the workspace's stages run on: a request must never
        # start a cluster session, only read the file.
        con = duckdb.connect(str(workspace.warehouse_path), read_only=True)
    except (duckdb.IOException, duckdb.ConnectionException) as error:
        raise WarehouseUnavailable("the results are being rebuilt by a pipeline run: try again "
                                   f"in a minute ({str(error).splitlines()[0]})") from error
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET memory_limit = '{os.environ.get('LOOKOUT_ENGINE_MEMORY', '2GB')}'")
    if workspace.engine == "spark":
        _lake_views(con, workspace)
    return con


def _lake_views(con: duckdb.DuckDBPyConnection, workspace: Workspace) -> None:
    """On a workspace whose stages run on Spark, the file holds what ingest loaded and the
    stages' results are Parquet in `WS/lake/`: each result is read from there, through a
    view of this connection alone (shadowing any older copy a DuckDB run left in the file)."""
    loaded = set(ingest_tables())   # in the file too, and the same
    lake = workspace.lake_path
    if not lake.is_dir():
        return
    for folder in sorted(lake.iterdir()):
        if folder.is_dir() and not folder.name.startswith(("_", ".")) and folder.name not in loaded \
                and any(folder.glob("*.parquet")):
            pattern = (folder / "*.parquet").as_posix().replace("'", "''")
            con.execute(f'CREATE TEMP VIEW "{folder.name}" AS SELECT * FROM read_parquet(\'{pattern}\')')


_TABLES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of every table and view in the warehouse, listed once per connection (the app's
    connections are read-only and last one request)."""
    found = _TABLES.get(con)
    if found is None:
        found = frozenset(r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() UNION ALL "
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall())
        _TABLES[con] = found
    return found
