"""The app shows the latest run report: what the run used, what it could not use, and why."""

from __future__ import annotations

import json

from markupsafe import escape

from lookout.runs.report import load_report


def test_the_run_page_shows_every_line_of_the_report(sqlite_deployment) -> None:
    report = load_report(sqlite_deployment.county.workspace)
    assert report is not None
    page = sqlite_deployment.client("analyst").get("/run")
    assert page.status_code == 200
    for section in report["sections"].values():
        for line in section["lines"]:
            assert str(escape(line["text"])) in page.text  # as the template escapes it
    assert "Linking records into people" in page.text


def test_the_api_returns_the_report_as_lookout_status_json_prints_it(sqlite_deployment) -> None:
    report = load_report(sqlite_deployment.county.workspace)
    answer = sqlite_deployment.client("auditor").get("/api/run")
    assert answer.status_code == 200 and answer.json() == json.loads(json.dumps(report))


def test_a_practitioner_may_not_read_the_run_report(sqlite_deployment) -> None:
    assert sqlite_deployment.client("practitioner").get("/api/run").status_code == 403
