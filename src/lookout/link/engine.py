"""The engine seam: where Splink runs. Everything else in linkage is engine-neutral.

An engine gives Splink a database API for one backend and takes Arrow tables in and out; the
model, blocking, scoring and the SQL Splink compiles are the same on every engine. DuckDB runs
in-process and is the default; Spark (local mode here, a cluster in production) is for data
that one machine cannot hold. Heavy backends are imported only when chosen.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

__all__ = ["ENGINES", "Engine", "open_engine"]

ENGINES = ("duckdb", "spark")


@dataclass
class Engine:
    """A Splink database API for one backend and what it needs closed afterwards."""

    name: str
    db_api: Any
    _closers: list = field(default_factory=list)

    @property
    def dialect(self) -> str:
        """The SQL dialect Splink compiles the model to for this engine."""
        return self.db_api.sql_dialect.sql_dialect_str

    def register(self, table: pa.Table, name: str) -> Any:
        """Hand an Arrow table to the engine; return Splink's handle on it."""
        return self.db_api.register(table, dataset_display_name=name)

    def close(self) -> None:
        """Release the engine's connection or session."""
        for closer in reversed(self._closers):
            closer()
        self._closers.clear()


def open_engine(name: str, temp_dir: Path) -> Engine:
    """Open engine `name` (`duckdb` or `spark`), spilling to `temp_dir` where it can."""
    if name == "duckdb":
        return _duckdb(temp_dir)
    if name == "spark":
        return _spark(temp_dir)
    raise ValueError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")


def _duckdb(temp_dir: Path) -> Engine:
    import duckdb
    from splink import DuckDBAPI

    # Splink gets its own in-memory database so its many working tables never touch the
    # warehouse file; it spills to the workspace's temp folder when memory runs short.
    temp_dir.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET temp_directory = '{temp_dir.as_posix()}'")
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET memory_limit = '{os.environ.get('LOOKOUT_LINK_MEMORY', '6GB')}'")
    engine = Engine("duckdb", DuckDBAPI(connection=con))
    engine._closers.append(con.close)
    return engine


def _spark(temp_dir: Path) -> Engine:
    from splink import SparkAPI

    from lookout.warehouse.spark import spark_session

    # The process's one session, shared with the warehouse when it runs on Spark too; it
    # carries Splink's similarity functions and lives as long as the process.
    spark = spark_session(temp_dir)
    engine = Engine("spark", SparkAPI(spark_session=spark, num_partitions_on_repartition=8))

    def drop_splink_tables() -> None:
        # Splink's input and working tables live in the shared session: drop them when done
        for table in spark.catalog.listTables():
            if table.isTemporary and table.name.startswith(("splink_input_", "__splink")):
                spark.catalog.dropTempView(table.name)

    engine._closers.append(drop_splink_tables)
    return engine
