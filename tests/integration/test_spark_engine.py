"""The whole pipeline on Spark (local mode) gives exactly the DuckDB run's results.

Both runs score with the same linkage model (the model is trained once and saved in the
workspace; training samples pairs at random, differently on each engine), then every stage
runs on its engine and every contract result file is compared byte for byte.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lookout.contract.results import RESULT_FILES
from lookout.runs import pipeline
from lookout.runs.export import export_results
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace

pytestmark = [pytest.mark.spark, pytest.mark.slow]


def _export(workspace: Workspace, out: Path) -> dict[str, bytes]:
    con = open_warehouse(workspace, read_only=True)
    try:
        export_results(con, out)
    finally:
        con.close()
    return {name: (out / name).read_bytes() for name in RESULT_FILES}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, Workspace, Path]:
    pytest.importorskip("pyspark")
    from lookout.simulate import simulate_county

    root = tmp_path_factory.mktemp("engines")
    simulate_county(root / "county", children=1000, seed=3)
    duck = Workspace(root / "duckdb")
    pipeline.run(root / "county" / "drop", duck)
    spark = Workspace(root / "spark")
    spark.ensure()
    shutil.copytree(duck.root / "models", spark.root / "models")
    pipeline.run(root / "county" / "drop", spark, engine="spark")
    return duck, spark, root


def test_every_result_file_is_identical(runs) -> None:
    duck, spark, root = runs
    expected = _export(duck, root / "out-duckdb")
    found = _export(spark, root / "out-spark")
    for name in RESULT_FILES:
        assert expected[name].count(b"\n") > 1 or name == "networks.csv", f"{name} is empty"
        assert found[name] == expected[name], f"{name} differs between DuckDB and Spark"


def test_spark_keeps_its_tables_as_parquet_and_reads_them_back(runs) -> None:
    _, spark, _ = runs
    assert spark.engine == "spark"
    assert (spark.lake_path / "result_flags").is_dir()
    assert any((spark.lake_path / "result_flags").glob("*.parquet"))
    con = open_warehouse(spark, read_only=True)   # a later command reads the same tables
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {"result_linkage", "result_flags", "accountability_findings", "person_records"} <= tables
        assert con.execute("SELECT count(*) FROM result_linkage").fetchall()[0][0] > 1000
    finally:
        con.close()


def test_the_app_reads_a_spark_workspace_without_starting_spark(runs) -> None:
    from lookout.app.warehouse import open_readonly

    duck, spark, _ = runs
    counts = []
    for workspace in (duck, spark):
        con = open_readonly(workspace)   # plain DuckDB: the results read from Parquet on Spark
        try:
            counts.append(con.execute("SELECT (SELECT count(*) FROM result_flags), "
                                      "(SELECT count(*) FROM accountability_findings)").fetchall()[0])
        finally:
            con.close()
    assert counts[0] == counts[1] and counts[0][1] > 0
