"""The warehouse on Spark: the same stages, the same SQL, tables kept as Parquet.

Every stage talks to the warehouse through the handful of calls a DuckDB connection offers
(`execute`, `executemany`, `register`, `sql`, `cursor`, `close`), in DuckDB's SQL dialect.
`SparkWarehouse` offers the same calls over a Spark session, so the pipeline runs unchanged:

- each statement is parsed and rewritten for Spark SQL by sqlglot (the transpiler Splink uses
  for the same purpose); `?` parameters become literals;
- a table is a Parquet folder under `WS/lake/<table>/`, registered as a view; writing one
  writes a new folder beside it and swaps it in, so a failed write leaves the old table whole;
- a temporary table is computed once and kept (checkpointed) for the session;
- a view's SQL is kept under `WS/lake/_views/` and re-created when the warehouse is opened;
- the catalogue questions stages ask (`information_schema.tables`) are answered from the
  session's views; transaction and DuckDB settings statements have no Spark meaning and
  are accepted and ignored.

What is DuckDB-specific stays out of stage code: the only engine-specific module besides this
one is `lookout.link.engine`, which hands Splink the same session.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import sqlglot
from sqlglot import exp

__all__ = ["SparkWarehouse", "running_session", "spark_session"]

_SESSION = None
_IGNORED = re.compile(r"^\s*(SET|PRAGMA|CHECKPOINT|BEGIN|COMMIT|ROLLBACK|INSTALL|LOAD|ANALYZE)\b", re.I)
_CATALOGUE = re.compile(r"information_schema\.tables", re.I)
_TABLES = "lookout_catalogue_tables"


def spark_session(temp_dir: Path):
    """The process's Spark session (local mode unless LOOKOUT_SPARK_MASTER names a cluster),
    with Splink's similarity functions on the class path and naive timestamps kept naive."""
    global _SESSION
    if _SESSION is not None:
        return _SESSION
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise RuntimeError("the Spark engine needs pyspark (and Java 17 on the machine)") from error
    from splink.backends.spark import similarity_jar_location

    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    temp_dir.mkdir(parents=True, exist_ok=True)
    spark = (SparkSession.builder.master(os.environ.get("LOOKOUT_SPARK_MASTER", "local[*]"))
             .appName("lookout")
             .config("spark.jars", similarity_jar_location())
             .config("spark.driver.memory", os.environ.get("LOOKOUT_SPARK_DRIVER_MEMORY", "4g"))
             .config("spark.sql.shuffle.partitions", os.environ.get("LOOKOUT_SPARK_PARTITIONS", "8"))
             .config("spark.default.parallelism", "8")
             .config("spark.ui.enabled", "false")
             .config("spark.ui.showConsoleProgress", "false")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.timestampType", "TIMESTAMP_NTZ")
             .config("spark.sql.parquet.inferTimestampNTZ.enabled", "true")
             .config("spark.sql.ansi.enabled", "false")
             .config("spark.sql.legacy.sizeOfNull", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true")
             .config("spark.local.dir", str(temp_dir))
             .getOrCreate())
    spark.sparkContext.setCheckpointDir(str(temp_dir / "spark-checkpoints"))
    spark.sparkContext.setLogLevel("OFF")
    # pyspark logs every failed query itself; a failure Lookout expects (a view whose inputs
    # are not yet made) is not news, and a real one is raised with its message.
    logging.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL)
    _SESSION = spark
    return spark


def running_session():
    """The process's Spark session if one has been started, else None."""
    return _SESSION


class _Result:
    """What `execute` returns: rows to fetch, and their column names."""

    def __init__(self, rows: list[tuple] | None = None, columns: list[str] | None = None):
        self._rows = rows or []
        self.description = [(c,) for c in (columns or [])]

    def fetchall(self) -> list[tuple]:
        rows, self._rows = self._rows, []
        return rows

    def fetchone(self) -> tuple | None:
        return self._rows.pop(0) if self._rows else None


class _Relation:
    """What `sql` returns: a query to turn into Arrow."""

    def __init__(self, frame):
        self._frame = frame

    def to_arrow_table(self) -> pa.Table:
        return self._frame.toArrow()

    def fetchall(self) -> list[tuple]:
        return [tuple(r) for r in self._frame.collect()]


_LEN = re.compile(r"\blen\(", re.I)


def _parse(sql: str) -> exp.Expression:
    """Parse DuckDB SQL. In Lookout's SQL `len()` measures lists (`length()` measures text),
    so it is read as `array_length()`."""
    return sqlglot.parse_one(_LEN.sub("array_length(", sql), read="duckdb")


def _literal(value: Any) -> exp.Expression:
    if value is None:
        return exp.Null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float | Decimal):
        return exp.Literal.number(value)
    if isinstance(value, dt.datetime):
        return exp.cast(exp.Literal.string(value.isoformat(sep=" ")), "TIMESTAMP")
    if isinstance(value, dt.date):
        return exp.cast(exp.Literal.string(value.isoformat()), "DATE")
    if isinstance(value, list | tuple):
        return exp.Array(expressions=[_literal(v) for v in value])
    return exp.Literal.string(str(value))


def _bind(tree: exp.Expression, params: list | tuple | None) -> exp.Expression:
    """Replace each `?` with its value, in order."""
    if not params:
        return tree
    values = iter(params)

    def replace(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Placeholder):
            return _literal(next(values))
        return node

    return tree.transform(replace)


def _ordered_list(node: exp.Order, distinct_sort: bool) -> exp.Expression:
    """`list(x ORDER BY k)` as Spark's collect_list, sorted by `k` then `x`."""
    value = node.this
    if isinstance(value, exp.Distinct):
        value = value.expressions[0]
        keys = [o.this for o in node.expressions]
        if distinct_sort and len(keys) == 1 and keys[0] == value:
            return exp.func("ARRAY_SORT", exp.func("COLLECT_SET", value))
    keys = [o.this for o in node.expressions]
    pairs = exp.func("ARRAY_SORT", exp.func("COLLECT_LIST", exp.func(
        "STRUCT", *[exp.alias_(k, f"k{i}") for i, k in enumerate(keys)], exp.alias_(value, "v"))))
    return exp.func("TRANSFORM", pairs, exp.Lambda(this=exp.column("v", table="s"),
                                                   expressions=[exp.to_identifier("s")]))


def _seconds(value: exp.Expression) -> exp.Expression:
    return exp.func("UNIX_TIMESTAMP", exp.cast(value, "TIMESTAMP"))


def _portable(node: exp.Expression) -> exp.Expression:
    """Rewrite DuckDB constructs whose Spark form sqlglot leaves out or gives other meaning."""
    if isinstance(node, exp.RegexpFullMatch):
        pattern = node.expression
        return exp.RegexpLike(this=node.this, expression=exp.Concat(expressions=[
            exp.Literal.string("^(?:"), pattern, exp.Literal.string(")$")]))
    if (isinstance(node, exp.Bracket) and len(node.expressions) == 1
            and not (isinstance(node.expressions[0], exp.Literal) and node.expressions[0].is_string)):
        # DuckDB lists count from 1, as Spark's element_at does (sqlglot has already made a
        # literal index count from 0, and leaves any other index as written)
        index = node.expressions[0]
        if isinstance(index, exp.Literal):
            index = exp.Literal.number(int(index.this) + 1)
        return exp.func("ELEMENT_AT", node.this, index)
    if isinstance(node, exp.ArgMax | exp.ArgMin) and not isinstance(node.parent, exp.Filter | exp.Window):
        # DuckDB's arg_max and arg_min skip rows whose value is NULL; Spark's max_by does not
        return exp.Filter(this=node.copy(), expression=exp.Where(this=exp.Not(this=exp.Is(
            this=node.this.copy(), expression=exp.Null()))))
    if type(node).__name__ == "ToDays":
        return exp.func("MAKE_DT_INTERVAL", node.this)
    if isinstance(node, exp.ArrayOverlaps):
        return exp.func("ARRAYS_OVERLAP", node.this, node.expression)
    if isinstance(node, exp.Anonymous):
        name = node.name.lower()
        args = node.expressions
        if name == "list_sum":
            return exp.func("AGGREGATE", args[0], exp.Literal.number(0), exp.Lambda(
                this=exp.Add(this=exp.column("acc"), expression=exp.column("v")),
                expressions=[exp.to_identifier("acc"), exp.to_identifier("v")]))
        if name == "list_intersect":
            return exp.func("ARRAY_INTERSECT", *args)
        if name == "list_position":
            return exp.func("NULLIF", exp.func("ARRAY_POSITION", *args), exp.Literal.number(0))
    if isinstance(node, exp.ArrayAgg) and isinstance(node.this, exp.Order):
        return _ordered_list(node.this, True)
    if isinstance(node, exp.GroupConcat) and isinstance(node.this, exp.Order):
        return exp.func("ARRAY_JOIN", _ordered_list(node.this, False), node.args.get("separator"))
    if isinstance(node, exp.DateDiff):
        # DuckDB counts the unit boundaries crossed between the two; Spark's datediff with a
        # unit counts whole units elapsed. Count boundaries on both engines.
        unit = (node.text("unit") or "day").lower()
        end, start = node.this, node.expression
        if unit == "day":
            return exp.func("DATEDIFF", exp.cast(end, "DATE"), exp.cast(start, "DATE"))
        if unit == "year":
            return exp.Sub(this=exp.func("YEAR", end), expression=exp.func("YEAR", start))
        if unit == "month":
            months = lambda v: exp.Add(this=exp.Mul(this=exp.func("YEAR", v), expression=exp.Literal.number(12)),  # noqa: E731
                                       expression=exp.func("MONTH", v))
            return exp.Sub(this=months(end), expression=months(start))
        size = {"hour": 3600, "minute": 60, "second": 1}.get(unit)
        if size:
            return exp.Sub(
                this=exp.func("FLOOR", exp.Div(this=_seconds(end), expression=exp.Literal.number(size))),
                expression=exp.func("FLOOR", exp.Div(this=_seconds(start), expression=exp.Literal.number(size))))
    return node


class SparkWarehouse:
    """A DuckDB-connection-shaped warehouse on Spark, its tables Parquet under `lake`."""

    def __init__(self, spark, lake: Path, *, read_only: bool = False):
        self.spark = spark
        self.lake = lake
        self.read_only = read_only
        self._temp: set[str] = set()
        self._macros: dict[str, tuple[list[str], exp.Expression]] = {}
        lake.mkdir(parents=True, exist_ok=True)
        (lake / "_views").mkdir(exist_ok=True)
        for folder in sorted(lake.iterdir()):
            if folder.is_dir() and not folder.name.startswith(("_", ".")):
                self.spark.read.parquet(str(folder)).createOrReplaceTempView(folder.name)
        self._restore_views()

    # --- the calls stages make -------------------------------------------------------------
    def execute(self, sql: str, params: list | tuple | None = None) -> _Result:
        if _IGNORED.match(sql):
            return _Result()
        try:
            return self._execute(sql, params)
        except Exception:
            if os.environ.get("LOOKOUT_SPARK_DEBUG"):   # name the statement Spark could not run
                print(f"--- failed on Spark:\n{sql}\n---", flush=True)
            raise

    def _execute(self, sql: str, params: list | tuple | None) -> _Result:
        tree = _bind(_parse(sql), params)
        if isinstance(tree, exp.Create):
            self._create(tree)
            return _Result()
        if isinstance(tree, exp.Insert):
            self._insert(tree, [])
            return _Result()
        if isinstance(tree, exp.Drop):
            self._drop(tree.this.name)
            return _Result()
        if _CATALOGUE.search(sql):
            tree = self._catalogue(tree)
        frame = self.spark.sql(self._spark_sql(tree))
        return _Result([tuple(r) for r in frame.collect()], frame.columns)

    def executemany(self, sql: str, rows: list) -> None:
        tree = _parse(sql)
        if not isinstance(tree, exp.Insert):
            raise ValueError(f"executemany supports INSERT only, not: {sql[:60]}")
        self._insert(tree, [tuple(r) for r in rows])

    def sql(self, sql: str) -> _Relation:
        return _Relation(self.spark.sql(self._spark_sql(_parse(sql))))

    def register(self, name: str, data: Any) -> None:
        table = data.read_all() if isinstance(data, pa.RecordBatchReader) else data
        if not isinstance(table, pa.Table):
            table = pa.Table.from_pandas(table)
        self.spark.createDataFrame(table).createOrReplaceTempView(name)

    def unregister(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)

    def cursor(self) -> SparkWarehouse:
        return self

    def close(self) -> None:
        """Drop this handle's temporary tables, as closing a DuckDB connection does; the
        session itself lives as long as the process."""
        for name in sorted(self._temp):
            self.spark.catalog.dropTempView(name)
        self._temp.clear()

    # --- statements -----------------------------------------------------------------------
    def _spark_sql(self, tree: exp.Expression) -> str:
        return self._inline(tree).transform(_portable).sql(dialect="spark")

    def _inline(self, tree: exp.Expression) -> exp.Expression:
        """Replace each call of a macro by its body, arguments in place of parameters."""
        if not self._macros:
            return tree

        def expand(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.Anonymous) and node.name.lower() in self._macros:
                params, body = self._macros[node.name.lower()]
                values = dict(zip(params, node.expressions, strict=True))

                def bind(inner: exp.Expression) -> exp.Expression:
                    if isinstance(inner, exp.Column) and not inner.table and inner.name in values:
                        return values[inner.name].copy()
                    return inner

                return body.copy().transform(bind)
            return node

        for _ in range(8):   # macros may call macros
            expanded = tree.transform(expand)
            if expanded == tree:
                return expanded
            tree = expanded
        return tree

    def _name(self, target: exp.Expression) -> str:
        table = target.this if isinstance(target, exp.Schema) else target
        return table.name

    def _create(self, tree: exp.Create) -> None:
        name = self._name(tree.this)
        kind = (tree.args.get("kind") or "").upper()
        temporary = any(isinstance(p, exp.TemporaryProperty)
                        for p in (tree.args.get("properties") or exp.Properties()).expressions)
        if kind != "MACRO" and tree.args.get("exists") and self._exists(name):
            return
        query = tree.expression
        if kind == "MACRO":
            function = tree.this
            self._macros[function.this.name.lower()] = ([p.name for p in function.expressions], query)
            return
        if kind == "VIEW":
            sql = self._spark_sql(query)
            self.spark.sql(f"CREATE OR REPLACE TEMP VIEW `{name}` AS {sql}")
            if temporary:
                self._temp.add(name)
            else:
                (self.lake / "_views" / f"{name}.sql").write_text(sql, encoding="utf-8")
            return
        if query is not None:
            frame = self.spark.sql(self._spark_sql(query))
        else:
            frame = self.spark.createDataFrame([], self._schema(tree.this))
        self._store(name, frame, temporary)

    def _schema(self, schema: exp.Schema) -> str:
        columns = []
        for column in schema.expressions:
            if isinstance(column, exp.ColumnDef):
                columns.append(f"`{column.name}` {column.args['kind'].sql(dialect='spark')}")
        return ", ".join(columns)

    def _insert(self, tree: exp.Insert, rows: list[tuple]) -> None:
        name = self._name(tree.this)
        existing = self.spark.table(name)
        source = tree.expression
        if isinstance(source, exp.Values):
            if not rows:   # literal values (parameters already bound)
                rows = [tuple(self._value(v) for v in row.expressions) for row in source.expressions]
            frame = self.spark.createDataFrame(rows, existing.schema) if rows else None
        else:
            frame = self.spark.sql(self._spark_sql(source))
            frame = frame.toDF(*existing.columns[:len(frame.columns)])
        if frame is None:
            return
        self._store(name, existing.unionByName(frame, allowMissingColumns=True),
                    name in self._temp)

    def _value(self, node: exp.Expression) -> Any:
        return self.spark.sql(f"SELECT {node.sql(dialect='spark')}").collect()[0][0]

    def _store(self, name: str, frame, temporary: bool) -> None:
        if temporary:
            frame = frame.localCheckpoint(eager=True)
            frame.createOrReplaceTempView(name)
            self._temp.add(name)
            return
        if self.read_only:
            raise PermissionError(f"the warehouse is open read-only: cannot write {name}")
        final = self.lake / name
        fresh = self.lake / f".{name}.{uuid.uuid4().hex}"
        frame.write.mode("overwrite").parquet(str(fresh))
        if final.exists():
            shutil.rmtree(final)
        fresh.rename(final)
        self.spark.read.parquet(str(final)).createOrReplaceTempView(name)
        self._temp.discard(name)

    def _drop(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)
        self._temp.discard(name)
        for path in (self.lake / name, self.lake / "_views" / f"{name}.sql"):
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    def _exists(self, name: str) -> bool:
        return any(t.name == name for t in self.spark.catalog.listTables())

    def _catalogue(self, tree: exp.Expression) -> exp.Expression:
        """Point `information_schema.tables` at a view of the session's tables and views."""
        names = sorted(t.name for t in self.spark.catalog.listTables() if t.isTemporary)
        self.spark.createDataFrame([(n,) for n in names], "table_name STRING").createOrReplaceTempView(_TABLES)

        def replace(node: exp.Expression) -> exp.Expression:
            if isinstance(node, exp.Table) and node.name.lower() == "tables" and node.db.lower() == "information_schema":
                return exp.to_table(_TABLES)
            return node

        return tree.transform(replace)

    def _restore_views(self) -> None:
        pending = {p.stem: p.read_text(encoding="utf-8") for p in (self.lake / "_views").glob("*.sql")}
        for _ in range(len(pending) + 1):    # views may read views: retry until all are made
            for name, sql in list(pending.items()):
                try:
                    self.spark.sql(f"CREATE OR REPLACE TEMP VIEW `{name}` AS {sql}")
                    del pending[name]
                except Exception:  # noqa: BLE001 - a view whose inputs are not made yet
                    continue
            if not pending:
                return
