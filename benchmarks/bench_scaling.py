"""The scaling curve: time and peak memory of every stage, by county size and engine.

`python -m benchmarks.bench_scaling [--sizes 10000,50000,150000,500000] [--spark-sizes
10000,50000] [--seed 11] [--out bench-output/scaling]` simulates each size once, then runs
every stage in a fresh process on DuckDB and, for the Spark sizes, on Spark in local mode
(the same stages, tables as Parquet), and writes `scaling.json`: per size, engine and stage,
wall seconds and peak resident memory (on Spark, of the Python driver and, reported beside
it, of the JVM it started), and per-record costs for the projection in `docs/engines.md`.

The Spark run scores with the model the DuckDB run trained, as a deployment would.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

from benchmarks.measure import python_snippet, run_measured

STAGES = {
    "ingest": "pipeline.ingest(drop, ws)",
    "link": "pipeline.link(ws)",
    "indicators": "pipeline.indicators(ws, with_networks=False)",
    "networks": "pipeline.networks(ws)",
    "indicators_with_networks": "pipeline.indicators(ws)",
    "accountability": "pipeline.accountability(ws)",
}

_SNIPPET = """
import json
from pathlib import Path
from lookout.runs import pipeline
from lookout.workspace import Workspace
drop, ws = Path({drop!r}), Workspace(Path({ws!r}))
{call}
from lookout.warehouse.spark import running_session
peak = 0.0
spark = running_session()
if spark is not None:
    jvm = spark.sparkContext._gateway.proc.pid
    with open(f"/proc/{{jvm}}/status") as status:
        peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
    spark.stop()
Path({report!r}).write_text(json.dumps({{"jvm_peak_mb": peak}}))
"""


def _records(workspace: Path) -> dict[str, int]:
    import duckdb

    con = duckdb.connect(str(workspace / "warehouse.duckdb"), read_only=True)
    try:
        people, events, marks = con.execute(
            "SELECT (SELECT count(*) FROM person_records), (SELECT count(*) FROM events), "
            "(SELECT coalesce(sum(marks), 0) FROM attendance_weekly)").fetchall()[0]
    finally:
        con.close()
    return {"person_records": people, "events": events, "attendance_marks": int(marks)}


def run_engine(drop: Path, workspace: Path, engine: str, models: Path | None = None) -> dict:
    """Every stage on `engine`, each in its own process: seconds and peak memory."""
    from lookout.workspace import Workspace

    if workspace.exists():
        shutil.rmtree(workspace)
    Workspace(workspace).set_engine(engine)
    if models is not None:
        shutil.copytree(models, workspace / "models")
    figures = {}
    for stage, call in STAGES.items():
        report = workspace / f".{stage}.json"
        measured = run_measured(python_snippet(_SNIPPET.format(
            drop=str(drop), ws=str(workspace), call=call, report=str(report))))
        jvm = json.loads(report.read_text())["jvm_peak_mb"]
        figures[stage] = {"seconds": round(measured.seconds, 1), "peak_mb": round(measured.peak_mb),
                          **({"jvm_peak_mb": round(jvm)} if engine == "spark" else {})}
    figures["total_seconds"] = round(sum(f["seconds"] for f in figures.values()), 1)
    return figures


def run(out: Path, sizes: list[int], spark_sizes: list[int], seed: int) -> dict:
    """The curve over `sizes` (DuckDB) and `spark_sizes` (Spark); returns and saves it."""
    out.mkdir(parents=True, exist_ok=True)
    curve: dict = {}
    for children in sizes:
        county = out / f"county-{children}"
        if county.exists():
            shutil.rmtree(county)
        simulated = run_measured(python_snippet(
            "from pathlib import Path; from lookout.simulate import simulate_county; "
            f"simulate_county(Path({str(county)!r}), children={children}, seed={seed})"))
        entry = {"simulate": {"seconds": round(simulated.seconds, 1), "peak_mb": round(simulated.peak_mb)}}
        duck = out / f"duckdb-{children}"
        entry["duckdb"] = run_engine(county / "drop", duck, "duckdb")
        entry["records"] = _records(duck)
        if children in spark_sizes:
            entry["spark"] = run_engine(county / "drop", out / f"spark-{children}", "spark", duck / "models")
        curve[str(children)] = entry
        (out / "scaling.json").write_text(json.dumps(curve, indent=2))
        shutil.rmtree(county)
    return curve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,150000,500000")
    parser.add_argument("--spark-sizes", default="10000,50000")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out", type=Path, default=Path("bench-output/scaling"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    spark_sizes = [int(s) for s in args.spark_sizes.split(",") if s]
    print(json.dumps(run(args.out, sizes, spark_sizes, args.seed), indent=2))


if __name__ == "__main__":
    main()
