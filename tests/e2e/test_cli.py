"""The command line end to end on a small simulated county."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lookout.contract.results import RESULT_FILES
from lookout.warehouse.database import open_warehouse
from lookout.workspace import Workspace


def lookout(*args: str) -> subprocess.CompletedProcess:
    """Run the `lookout` command; fail the test with its output if it fails."""
    result = subprocess.run([sys.executable, "-m", "lookout", *args], capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Workspace]:
    root = tmp_path_factory.mktemp("county")
    lookout("simulate", "--children", "2000", "--seed", "5", "--out", str(root / "county"))
    workspace = Workspace(root / "workspace")
    lookout("run", str(root / "county" / "drop"), "--workspace", str(workspace.root))
    return root / "county", workspace


def _truth(county: Path, name: str) -> list[dict[str, str]]:
    with (county / "truth" / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_planted_bad_row_and_nothing_else_is_quarantined(county) -> None:
    county_dir, workspace = county
    planted = {(r["source"], r["file"], int(r["line"])) for r in _truth(county_dir, "bad_rows.csv")}
    con = open_warehouse(workspace, read_only=True)
    quarantined = set(con.execute("SELECT source, file, line FROM quarantine").fetchall())
    assert planted and quarantined == planted


def test_every_person_record_in_the_truth_is_in_the_warehouse(county) -> None:
    county_dir, workspace = county
    truth = {(r["source"], r["record_id"]) for r in _truth(county_dir, "records.csv")}
    con = open_warehouse(workspace, read_only=True)
    loaded = set(con.execute("SELECT source, record_id FROM person_records").fetchall())
    missing = truth - loaded
    # A person-record is missing only when its one row was planted as broken.
    bad_sources = {r["source"] for r in _truth(county_dir, "bad_rows.csv")}
    assert all(source in bad_sources for source, _ in missing)
    assert len(missing) <= len(_truth(county_dir, "bad_rows.csv"))
    assert len(truth & loaded) > 0.99 * len(truth)


def test_rows_read_are_loaded_or_quarantined(county) -> None:
    _, workspace = county
    con = open_warehouse(workspace, read_only=True)
    files = con.execute("SELECT file, rows_read, rows_loaded, rows_quarantined FROM load_files").fetchall()
    assert files and all(read == loaded + quarantined for _, read, loaded, quarantined in files)
    per_file = dict(((s, f), q) for s, f, q in con.execute(
        "SELECT source, file, rows_quarantined FROM load_files").fetchall())
    counted = dict(((s, f), n) for s, f, n in con.execute(
        "SELECT source, file, count(*) FROM quarantine GROUP BY ALL").fetchall())
    assert {k: v for k, v in per_file.items() if v} == counted


def test_run_again_changes_nothing(county) -> None:
    county_dir, workspace = county
    result = lookout("run", str(county_dir / "drop"), "--workspace", str(workspace.root))
    assert "unchanged since last load" in result.stdout
    assert "loading" not in result.stdout


def test_quarantine_lists_file_line_and_reason(county) -> None:
    county_dir, workspace = county
    output = lookout("quarantine", "--workspace", str(workspace.root)).stdout
    for row in _truth(county_dir, "bad_rows.csv"):
        assert f"{row['source']}/{row['file']}, line {row['line']}" in output


def test_export_writes_every_contract_file_with_its_header(county, tmp_path: Path) -> None:
    _, workspace = county
    lookout("export", str(tmp_path / "results"), "--workspace", str(workspace.root))
    for name, columns in RESULT_FILES.items():
        with (tmp_path / "results" / name).open(newline="") as handle:
            assert next(csv.reader(handle)) == list(columns)


def test_export_writes_the_run_report_beside_the_results(county, tmp_path: Path) -> None:
    import json

    _, workspace = county
    lookout("export", str(tmp_path / "results"), "--workspace", str(workspace.root))
    report = json.loads((tmp_path / "results" / "run_report.json").read_text())
    assert set(report["sections"]) == {"ingest", "link", "indicators", "networks", "accountability"}
    text = (tmp_path / "results" / "run_report.txt").read_text()
    for section in report["sections"].values():
        assert all(line["text"] in text for line in section["lines"])


def test_a_partial_drop_runs_and_says_what_it_could_not_use(county, tmp_path: Path) -> None:
    # two police forces alone, the first drop many partnerships start from
    from tests import drop_shapes

    county_dir, _ = county
    drop = drop_shapes.copy_sources(county_dir / "drop", tmp_path / "drop", ["bucks-police", "oxon-police"])
    run = lookout("run", str(drop), "--workspace", str(tmp_path / "ws"))
    said = run.stdout.split("What this run could not use, or took a default for:")[1]
    assert "UPN not compared: no record has one" in said
    assert "NHS number not compared: no record has one" in said
    assert "no extract of kind education, social_care, health_sexual, health_emergency" in said
    assert "lookout status --workspace" in said
    status = lookout("status", "--workspace", str(tmp_path / "ws")).stdout
    assert "Linking records into people" in status and "model linkage-v1.json" in status
    assert "records compared on given name, surname, date of birth" in status


def test_status_of_a_workspace_that_never_ran_is_a_plain_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "lookout", "status", "--workspace", str(tmp_path)],
                            capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert result.returncode == 1 and "has no run report" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_febrl_writes_a_drop_and_its_truth(tmp_path: Path) -> None:
    out = lookout("febrl", "--out", str(tmp_path / "febrl4"), "--dataset", "4").stdout
    assert "FEBRL4 drop written" in out
    assert len((tmp_path / "febrl4" / "truth" / "records.csv").read_text().splitlines()) == 10_001
    assert sorted(p.name for p in (tmp_path / "febrl4" / "drop").iterdir()) == [
        "febrl-council", "febrl-hospital", "febrl-police"]


@pytest.mark.parametrize("command", ["simulate", "ingest", "run", "quarantine", "export", "status",
                                     "febrl"])
def test_every_command_has_help(command: str) -> None:
    assert "Usage" in lookout(command, "--help").stdout


def test_findings_list_show_resolve_and_summary(county) -> None:
    county_dir, workspace = county
    ws = str(workspace.root)
    planted = {(r["check_id"], r["source"], r["record_id"]) for r in _truth(county_dir, "accountability.csv")
               if r["planted"] == "failure"}
    con = open_warehouse(workspace, read_only=True)
    fid, check, source, record = con.execute(
        "SELECT finding_id, check_id, source, record_id FROM accountability_findings "
        "WHERE check_id = 'referral_no_decision' ORDER BY finding_id LIMIT 1").fetchall()[0]
    con.close()
    assert (check, source, record) in planted
    shown = lookout("findings", "show", fid, "--workspace", ws).stdout
    assert record in shown and "Working Together" in shown and "What to do" in shown
    refused = subprocess.run([sys.executable, "-m", "lookout", "findings", "resolve", fid, "--workspace", ws,
                              "--by", "analyst"], capture_output=True, text=True)
    assert refused.returncode == 1 and "reason" in refused.stdout
    lookout("findings", "resolve", fid, "--workspace", ws, "--by", "analyst", "--reason", "Decided late; audited")
    assert fid not in lookout("findings", "list", "--workspace", ws, "--status", "open", "--limit", "100000").stdout
    lookout("run", str(county_dir / "drop"), "--workspace", ws)
    resolved = lookout("findings", "list", "--workspace", ws, "--status", "resolved").stdout
    assert fid in resolved
    summary = lookout("findings", "summary", "--workspace", ws).stdout
    assert "referral_no_decision" in summary and "%" in summary


def test_evaluate_prints_every_section_and_writes_json_with_the_leads_behind_each_median(
        county, tmp_path: Path) -> None:
    import json
    from statistics import median

    county_dir, workspace = county
    out = tmp_path / "evaluation.json"
    printed = lookout("evaluate", "--truth", str(county_dir), "--workspace", str(workspace.root),
                      "--json", str(out)).stdout
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == {"linkage", "flags", "networks", "accountability"}
    assert all(name in printed for name in report)
    flags = report["flags"]
    leads = flags["details"]["samples"]["lead_days"]
    assert len(leads) == flags["figures"]["disclosed_and_flagged"]
    assert flags["figures"]["median_lead_days_before_disclosure"] == (median(leads) if leads else None)
    missing = subprocess.run([sys.executable, "-m", "lookout", "evaluate", "--truth", str(tmp_path),
                              "--workspace", str(workspace.root)], capture_output=True, text=True)
    assert missing.returncode == 1 and "records.csv" in missing.stdout and "Traceback" not in missing.stderr
