"""Opening the warehouse: one embedded DuckDB file per workspace, or Parquet on Spark.

Stages receive what `open_warehouse` returns and use only the calls a DuckDB connection
offers; on a workspace that runs on Spark (`Workspace.engine`) that is a
`lookout.warehouse.spark.SparkWarehouse` offering the same calls. Ingest always loads through
DuckDB (`engine="duckdb"`): reading, checking and quarantining a file is per file, and its
tables are then published as Parquet for Spark (`publish_to_lake`).
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager

import duckdb

from lookout.warehouse.schema import create_tables
from lookout.workspace import Workspace


@contextmanager
def transaction(con):
    """One transaction: committed when the block completes, rolled back when it fails. The
    failure is what is raised, not the rollback's: a COMMIT that fails (a full disk, say) has
    already ended the transaction, and rolling back then fails too."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - the transaction has already ended
            pass
        raise


def table_names(con) -> set[str]:
    """Every table and view the warehouse holds (on either engine)."""
    return {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def engine_memory() -> str:
    """The engine's own share of memory (`LOOKOUT_ENGINE_MEMORY`, default 30% of the
    machine's, at least 2GB). It spills to the workspace's temp folder beyond this, so a county
    loads on a laptop beside everything else a stage holds in memory; some steps (building a
    500,000-child chronology) cannot spill and need more than 2GB."""
    configured = os.environ.get("LOOKOUT_ENGINE_MEMORY")
    if configured:
        return configured
    total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(2, total * 3 // 10 // 2**30)}GB"


def open_warehouse(workspace: Workspace, *, read_only: bool = False, engine: str | None = None):
    """Open (and, unless read-only, create) the workspace's warehouse with Lookout's settings,
    on `engine` (default: the workspace's own)."""
    if (engine or workspace.engine) == "spark":
        from lookout.warehouse.spark import SparkWarehouse, spark_session

        if read_only and not workspace.lake_path.exists():
            raise FileNotFoundError(
                f"{workspace.root} has no warehouse yet: run `lookout ingest` or `lookout run` first")
        return SparkWarehouse(spark_session(workspace.temp_dir / "spark"), workspace.lake_path,
                              read_only=read_only)
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
    con.execute(f"SET memory_limit = '{engine_memory()}'")
    if not read_only:
        workspace.temp_dir.mkdir(exist_ok=True)
        con.execute(f"SET temp_directory = '{workspace.temp_dir.as_posix()}'")
        create_tables(con)
    return con


def publish_to_lake(workspace: Workspace) -> list[str]:
    """Write every table ingest owns from the DuckDB load database to the Parquet lake (each
    to a new folder swapped in whole) and return their names."""
    from lookout.warehouse.schema import ingest_tables

    lake = workspace.lake_path
    lake.mkdir(parents=True, exist_ok=True)
    con = open_warehouse(workspace, engine="duckdb")
    try:
        for name in ingest_tables():
            fresh = lake / f".{name}.publishing"
            if fresh.exists():
                shutil.rmtree(fresh)
            fresh.mkdir()
            con.execute(f"COPY {name} TO '{(fresh / 'data.parquet').as_posix()}' (FORMAT parquet)")
            final = lake / name
            if final.exists():
                shutil.rmtree(final)
            fresh.rename(final)
    finally:
        con.close()
    return list(ingest_tables())
