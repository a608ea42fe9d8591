"""Casework through the app: decisions that survive re-runs and re-linking, what changed since
the last review, overrides, link decisions and finding statuses written the project's one
way, names hidden until revealed, the legal basis shown, and a warehouse that is missing,
busy or without accountability results."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import types

import duckdb
import pytest

from lookout.indicators.overrides import load_overrides
from lookout.link.review import load_decisions


def _warehouse(deployment, *, write: bool = False):
    return duckdb.connect(str(deployment.workspace.warehouse_path), read_only=not write)


def test_a_decision_follows_the_child_when_relinking_gives_a_new_person_id(deployment) -> None:
    child = deployment.county.child_of_police
    analyst = deployment.client("analyst")
    response = analyst.post_json(f"/api/children/{child}/decisions",
                                 {"decision": "strategy_meeting", "reason": "three agencies' concerns",
                                  "due_on": "2030-01-31"})
    assert response.status_code == 200, response.text
    con = _warehouse(deployment, write=True)
    for table in ("result_linkage", "result_flags", "result_flag_evidence", "chronology"):
        con.execute(f"UPDATE {table} SET person_id = 'PRELINKED01' WHERE person_id = ?", [child])
    con.close()
    queue = {row["person_id"]: row for row in analyst.get("/api/queue").json()}
    assert child not in queue
    moved = queue["PRELINKED01"]
    assert moved["decision"] == "strategy_meeting" and moved["due_on"] == "2030-01-31"
    page = analyst.get("/api/children/PRELINKED01").json()
    assert [e["decision"] for e in page["casework"]] == ["strategy_meeting"]
    assert page["casework"][0]["records"]  # the records it was recorded against


def test_casework_survives_a_pipeline_rerun(deployment) -> None:
    from lookout.runs import pipeline

    child = deployment.county.child_of_police
    analyst = deployment.client("analyst")
    analyst.post_json(f"/api/children/{child}/notes", {"text": "spoke to the school"})
    analyst.post_json(f"/api/children/{child}/assignment", {"assignee": "practitioner", "due_on": "2030-02-01"})
    pipeline.flags_and_networks(deployment.workspace)
    page = analyst.get(f"/api/children/{child}").json()
    assert page["assignee"] == "practitioner" and page["due_on"] == "2030-02-01"
    assert [e["kind"] for e in page["casework"]] == ["note", "assignment"]


def test_the_queue_says_what_changed_since_the_last_decision(deployment) -> None:
    child = deployment.county.child_of_police
    analyst = deployment.client("analyst")
    before = {r["person_id"]: r for r in analyst.get("/api/queue").json()}[child]
    assert before["changes"] == ["new: no decision recorded yet"]
    analyst.post_json(f"/api/children/{child}/decisions", {"decision": "monitor", "reason": "watch"})
    unchanged = {r["person_id"]: r for r in analyst.get("/api/queue").json()}[child]
    assert unchanged["changes"][0].startswith("no change since")
    con = _warehouse(deployment, write=True)
    con.execute("""UPDATE result_flags SET level = 'high', score = score + 10,
                   indicators = indicators || ';sexual_offence_victim_test' WHERE person_id = ?""", [child])
    con.close()
    after = {r["person_id"]: r for r in analyst.get("/api/queue").json()}[child]
    assert any(c.startswith("level up:") and c.endswith("to high") for c in after["changes"])
    assert "new indicators: sexual_offence_victim_test" in after["changes"]
    assert "new indicators: sexual_offence_victim_test" in analyst.get(f"/children/{child}").text
    awaiting = {r["person_id"] for r in analyst.get("/api/queue", params={"status": "awaiting"}).json()}
    assert child not in awaiting


def test_a_decision_needs_a_reason_and_a_known_decision(deployment) -> None:
    child = deployment.county.child_of_police
    analyst = deployment.client("analyst")
    assert analyst.post_json(f"/api/children/{child}/decisions", {"decision": "refer"}).status_code == 400
    assert analyst.post_json(f"/api/children/{child}/decisions",
                             {"decision": "lock_up", "reason": "no"}).status_code == 400
    page = analyst.post_form(f"/children/{child}/decisions", {"decision": "refer", "reason": ""})
    assert page.status_code == 303 and "error=" in page.headers["location"]
    assert "a decision needs a reason" in analyst.get(page.headers["location"]).text
    assert analyst.get(f"/api/children/{child}").json()["casework"] == []
    events = deployment.client("auditor").get("/api/audit", params={"target": child}).json()
    assert any(e["outcome"] == "refused: a decision needs a reason" for e in events)


def test_an_override_goes_to_the_flag_override_log(deployment) -> None:
    child = deployment.county.child_of_police
    response = deployment.client("manager").post_json(
        f"/api/children/{child}/override", {"level": "high", "reason": "disclosure at school today"})
    assert response.status_code == 200, response.text
    overrides = load_overrides(deployment.workspace)
    assert [(o.person_id, o.level, o.by, o.reason) for o in overrides] == \
        [(child, "high", "manager", "disclosure at school today")]
    assert overrides[0].records  # kept with the child's records, so it follows re-linking
    page = deployment.client("analyst").get(f"/api/children/{child}").json()
    assert page["override_in_force"]["level"] == "high"
    refused = deployment.client("manager").post_json(f"/api/children/{child}/override",
                                                     {"level": "high", "reason": " "})
    assert refused.status_code == 400


def test_a_link_decision_goes_to_the_link_decision_log(deployment) -> None:
    pair = deployment.county.pair_id
    if pair is None:
        pytest.skip("no pair in the review band")
    analyst = deployment.client("analyst")
    assert pair in analyst.get("/links").text
    response = analyst.post_form(f"/links/{pair}/decision", {"decision": "reject", "reason": "different DOBs"})
    assert response.status_code == 303 and "done=" in response.headers["location"]
    decided = [d for d in load_decisions(deployment.workspace).values() if d.pair_id == pair]
    assert decided and decided[0].decision == "reject" and decided[0].by == "analyst"
    assert pair not in analyst.get("/links").text  # decided pairs leave the queue


def test_a_finding_status_goes_through_the_accountability_life_cycle(deployment, monkeypatch) -> None:
    finding = deployment.county.finding_of_police
    if finding is None:
        pytest.skip("the county has no police finding")
    calls = []
    fake = types.ModuleType("lookout.accountability.lifecycle")
    fake.record_status = lambda ws, fid, status, *, by, reason: calls.append((ws, fid, status, by, reason)) or "ok"
    monkeypatch.setitem(sys.modules, "lookout.accountability.lifecycle", fake)
    practitioner = deployment.client("practitioner")
    assert practitioner.post_json(f"/api/findings/{finding}/status",
                                  {"status": "resolved", "reason": ""}).status_code == 400
    ok = practitioner.post_json(f"/api/findings/{finding}/status",
                                {"status": "resolved", "reason": "interview held, recorded late"})
    assert ok.status_code == 200, ok.text
    assert calls == [(deployment.workspace, finding, "resolved", "practitioner", "interview held, recorded late")]


def test_a_status_recorded_since_the_run_shows_on_the_finding(deployment) -> None:
    pytest.importorskip("lookout.accountability.lifecycle")
    finding = deployment.county.finding_of_police
    if finding is None:
        pytest.skip("the county has no police finding")
    practitioner = deployment.client("practitioner")
    ok = practitioner.post_form(f"/findings/{finding}/status",
                                {"status": "acknowledged", "reason": "return interview booked"})
    assert ok.status_code == 303 and "done=" in ok.headers["location"]
    shown = practitioner.get(f"/api/findings/{finding}").json()
    assert (shown["status"], shown["status_by"], shown.get("recorded_since_run")) == \
        ("acknowledged", "practitioner", True)
    assert "recorded since the last run" in practitioner.get(f"/findings/{finding}").text


def test_names_are_hidden_until_revealed_with_a_reason_and_the_reveal_is_audited(deployment) -> None:
    child = deployment.county.child_of_police
    con = _warehouse(deployment)
    names = {n for row in con.execute("""
        SELECT r.forenames, r.surname FROM result_linkage l JOIN person_records r USING (source, record_id)
        WHERE l.person_id = ?""", [child]).fetchall() for n in row if n and len(n) > 2}
    con.close()
    assert names
    analyst = deployment.client("analyst")
    hidden = analyst.get(f"/children/{child}").text
    assert not [n for n in names if re.search(rf"\b{re.escape(n)}\b", hidden)]
    short = analyst.post_form(f"/children/{child}/reveal", {"reason": "why"})
    assert "error=" in short.headers["location"]
    assert not [n for n in names if n in analyst.get(f"/children/{child}").text]
    assert analyst.post_form(f"/children/{child}/reveal",
                             {"reason": "strategy meeting needs the child's name"}).status_code == 303
    shown = analyst.get(f"/children/{child}").text
    assert any(re.search(rf"\b{re.escape(n)}\b", shown) for n in names)
    # another session of the same user does not see them
    assert not [n for n in names if re.search(rf"\b{re.escape(n)}\b",
                                                deployment.client("analyst").get(f"/children/{child}").text)]
    events = deployment.client("auditor").get("/api/audit", params={"target": child}).json()
    reveals = [e for e in events if e["action"] == "reveal" and e["outcome"] == "done"]
    assert len(reveals) == 1 and reveals[0]["reason"] == "strategy meeting needs the child's name"
    views = [json.loads(e["detail"]).get("names_shown") for e in events if e["action"] == "view"]
    assert [child] in views and [] in views   # each view says whose names it showed


def test_the_child_page_shows_each_sources_legal_basis(deployment) -> None:
    child = deployment.county.child_of_police
    con = _warehouse(deployment)
    bases = {r[0] for r in con.execute("""
        SELECT DISTINCT s.legal_basis FROM result_linkage l JOIN sources s USING (source)
        WHERE l.person_id = ?""", [child]).fetchall()}
    con.close()
    html = deployment.client("analyst").get(f"/children/{child}").text
    assert bases and all(b in html.replace("&#39;", "'") for b in bases)
    assert "Sources shown here and their legal basis" in html


def test_pages_load_nothing_from_elsewhere(deployment) -> None:
    county = deployment.county
    analyst = deployment.client("manager")
    pages = ["/queue", f"/children/{county.child_of_police}", "/accountability", "/links", "/audit"]
    if county.network_id:
        pages.append(f"/networks/{county.network_id}")
    for path in pages:
        response = analyst.get(path)
        assert response.status_code == 200, path
        external = re.findall(r'(?:src|href|action)="((?:https?:)?//[^"]*)"', response.text)
        assert external == [], path
        assert "default-src 'self'" in response.headers["content-security-policy"]


def test_a_missing_warehouse_is_explained_not_an_error(deployment) -> None:
    deployment.workspace.warehouse_path.unlink()
    response = deployment.client("analyst").get("/queue")
    assert response.status_code == 503 and "pipeline has not run" in response.text


def test_a_warehouse_being_rebuilt_is_explained_and_never_locked_by_the_app(deployment) -> None:
    analyst = deployment.client("analyst")
    assert analyst.get("/queue").status_code == 200
    # A pipeline run in another process takes the write lock: it could not if the app held the file.
    writer = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; con = duckdb.connect(sys.argv[1]); "
         "print('locked', flush=True); sys.stdin.read(); con.close()",
         str(deployment.workspace.warehouse_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "locked"
        response = analyst.get("/queue")
        assert response.status_code == 503 and "being rebuilt" in response.text
    finally:
        writer.communicate("", timeout=30)
    assert analyst.get("/queue").status_code == 200


def test_the_dashboard_says_when_accountability_checks_have_not_run(deployment) -> None:
    con = _warehouse(deployment, write=True)
    for name in ("accountability_summary", "accountability_findings", "accountability_checks"):
        kind = con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = ?",
                           [name]).fetchall()
        if kind:
            con.execute(f"DROP {'VIEW' if kind[0][0] == 'VIEW' else 'TABLE'} {name}")
    con.close()
    html = deployment.client("auditor").get("/accountability").text
    assert "Accountability checks have not run" in html
    child = deployment.client("analyst").get(f"/children/{deployment.county.child_of_police}").text
    assert "Accountability checks have not run" in child


def test_a_link_cannot_put_words_in_the_pages_banner(deployment) -> None:
    analyst = deployment.client("analyst")
    page = analyst.get("/queue", params={"error": "Your account is suspended: call 0800 000 000",
                                         "done": "Password changed"}).text
    assert "call 0800" not in page and "Password changed" not in page
