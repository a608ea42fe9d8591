"""Reading the warehouse from the app: read-only, briefly, and never in the pipeline's way.

DuckDB lets one process write a file; a read-only connection still holds a shared lock, so
the app opens the warehouse for each request and closes it when the request ends. While the
pipeline is writing, or before it has run, pages say so instead of failing."""

from __future__ import annotations

import os
import weakref

import duckdb

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
    return con


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
