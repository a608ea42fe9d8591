"""Authorisation: every route declares a policy rule, and every role is tried against every
route, including users limited to one agency reaching for another agency's records.

The expectations below are written out by hand, route by route, independently of
`lookout.app.roles.RULES`: changing who may do what must change this table too."""

from __future__ import annotations

import re

import pytest
from fastapi import APIRouter

from lookout.app import create_app
from lookout.app.policy import route_rule

from tests.app.conftest import PASSWORD

A, M, P, AUD, ADM, ANON = "analyst", "manager", "practitioner", "auditor", "admin", "anonymous"
SIGNED_IN = {A, M, P, AUD, ADM}
EVERYONE = SIGNED_IN | {ANON}
CASE = {A, M, P}
HUB = {A, M}

# (method, path) -> roles that may use it
EXPECTED: dict[tuple[str, str], set[str]] = {
    ("GET", "/login"): EVERYONE,
    ("POST", "/login"): EVERYONE,
    ("POST", "/logout"): SIGNED_IN,
    ("GET", "/"): SIGNED_IN,
    ("GET", "/static/{name}"): EVERYONE,
    ("GET", "/healthz"): EVERYONE,
    ("GET", "/queue"): CASE,
    ("GET", "/queue.csv"): HUB,
    ("GET", "/search"): CASE,
    ("GET", "/children/{person_id}"): CASE,
    ("POST", "/children/{person_id}/reveal"): CASE,
    ("POST", "/children/{person_id}/notes"): CASE,
    ("POST", "/children/{person_id}/decisions"): HUB,
    ("POST", "/children/{person_id}/assignment"): HUB,
    ("POST", "/children/{person_id}/override"): HUB,
    ("GET", "/networks"): HUB,
    ("GET", "/networks/{network_id}"): HUB,
    ("GET", "/accountability"): CASE | {AUD},
    ("GET", "/findings/{finding_id}"): CASE | {AUD},
    ("POST", "/findings/{finding_id}/status"): CASE,
    ("POST", "/findings/{finding_id}/assignment"): CASE,
    ("POST", "/findings/{finding_id}/notes"): CASE,
    ("GET", "/links"): HUB,
    ("GET", "/run"): HUB | {AUD, ADM},
    ("POST", "/links/{pair_id}/decision"): HUB,
    ("GET", "/audit"): {M, AUD, ADM},
    ("GET", "/audit/verify"): {M, AUD, ADM},
    ("GET", "/admin/users"): {ADM},
    ("POST", "/api/session"): EVERYONE,
    ("DELETE", "/api/session"): SIGNED_IN,
    ("GET", "/api/openapi.json"): SIGNED_IN,
    ("GET", "/api/queue"): CASE,
    ("GET", "/api/search"): CASE,
    ("GET", "/api/children/{person_id}"): CASE,
    ("POST", "/api/children/{person_id}/reveal"): CASE,
    ("POST", "/api/children/{person_id}/notes"): CASE,
    ("POST", "/api/children/{person_id}/decisions"): HUB,
    ("POST", "/api/children/{person_id}/assignment"): HUB,
    ("POST", "/api/children/{person_id}/override"): HUB,
    ("GET", "/api/networks"): HUB,
    ("GET", "/api/networks/{network_id}"): HUB,
    ("GET", "/api/accountability"): CASE | {AUD},
    ("GET", "/api/findings/{finding_id}"): CASE | {AUD},
    ("POST", "/api/findings/{finding_id}/status"): CASE,
    ("POST", "/api/findings/{finding_id}/assignment"): CASE,
    ("POST", "/api/findings/{finding_id}/notes"): CASE,
    ("GET", "/api/links"): HUB,
    ("GET", "/api/run"): HUB | {AUD, ADM},
    ("POST", "/api/links/{pair_id}/decision"): HUB,
    ("GET", "/api/audit"): {M, AUD, ADM},
    ("GET", "/api/audit/verify"): {M, AUD, ADM},
    ("GET", "/api/users"): {ADM},
}

BODIES = {
    "reveal": {"reason": "checking every role against every route"},
    "notes": {"text": "a note from the authorisation test"},
    "decisions": {"decision": "monitor", "reason": "authorisation test"},
    "assignment": {"assignee": "analyst"},
    "override": {"level": "medium", "reason": "authorisation test"},
    "status": {"status": "acknowledged", "reason": "authorisation test"},
}


def _routes(app) -> list[tuple[str, str]]:
    return sorted((method, route.path) for route in app.routes for method in route.methods)


def test_every_route_declares_a_policy_rule(sqlite_deployment) -> None:
    unguarded = [f"{m} {p}" for route in sqlite_deployment.app.routes for m, p in
                 [(sorted(getattr(route, "methods", None) or ["*"])[0], getattr(route, "path", route))]
                 if route_rule(route) is None]
    assert unguarded == []


def test_every_route_has_an_expectation_here(sqlite_deployment) -> None:
    assert set(_routes(sqlite_deployment.app)) == set(EXPECTED)


def test_the_app_refuses_to_start_with_a_route_that_has_no_rule(sqlite_deployment, monkeypatch) -> None:
    import lookout.app.factory as factory

    stray = APIRouter()

    @stray.get("/stray")
    def unguarded() -> dict:
        return {"children": "everyone"}

    monkeypatch.setattr(factory, "ROUTERS", (*factory.ROUTERS, stray))
    with pytest.raises(RuntimeError, match="/stray"):
        create_app(sqlite_deployment.settings)


def _concrete(path: str, county) -> str:
    values = {"person_id": county.child_of_police, "finding_id": county.finding_of_police or "F-none",
              "network_id": county.network_id or "N-none", "pair_id": county.pair_id or "none",
              "name": "app.css"}
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def _call(signed, method: str, path: str, county):
    url = _concrete(path, county)
    last = path.rstrip("/").rsplit("/", 1)[-1]
    body = dict(BODIES.get(last, {}))
    if path.endswith("/links/{pair_id}/decision"):
        body = {"accept": False, "reason": "authorisation test"} if path.startswith("/api") \
            else {"decision": "reject", "reason": "authorisation test"}
    if path == "/login" and method == "POST":
        token = re.search(r'name="login_token" value="([^"]+)"', signed.get("/login").text).group(1)
        return signed.client.post("/login", data={"username": signed.username, "password": PASSWORD,
                                                  "login_token": token})
    if path == "/api/session" and method == "POST":
        return signed.client.post("/api/session", json={"username": signed.username, "password": PASSWORD})
    if method == "GET":
        return signed.get(url)
    if method == "DELETE":
        return signed.client.delete(url, headers={"X-CSRF-Token": signed.csrf or ""})
    if path.startswith("/api/"):
        return signed.post_json(url, body)
    return signed.post_form(url, body)


def _denied(response, role: str, path: str) -> bool:
    if role == ANON:
        if path.startswith("/api/"):
            return response.status_code == 401
        return response.status_code == 303 and response.headers["location"].startswith("/login")
    return response.status_code == 403


ENDS_SESSION = {("POST", "/logout"), ("DELETE", "/api/session")}
NEW_SESSION = {("POST", "/login"), ("POST", "/api/session")}


@pytest.mark.parametrize("role", [A, M, P, AUD, ADM, ANON])
def test_every_role_against_every_route(sqlite_deployment, role: str) -> None:
    county = sqlite_deployment.county
    signed = sqlite_deployment.client(None if role == ANON else role)
    signed.username = role if role != ANON else "nobody"
    wrong = []
    for method, path in sorted(EXPECTED, key=lambda k: k in ENDS_SESSION):
        if role == ANON and (method, path) in {("POST", "/login"), ("POST", "/api/session")}:
            continue  # signing in needs an account: covered for every role below
        response = _call(signed, method, path, county)
        allowed = role in EXPECTED[(method, path)]
        denied = _denied(response, role, path)
        if allowed == denied or response.status_code >= 500:
            wrong.append(f"{method} {path}: {response.status_code} "
                         f"({'should be allowed' if allowed else 'should be refused'})")
        if (method, path) in ENDS_SESSION | NEW_SESSION and allowed:
            signed.sign_in(role)  # a fresh session, and its CSRF token, for the routes after
    assert wrong == []


def test_denials_are_in_the_audit_log(sqlite_deployment) -> None:
    auditor = sqlite_deployment.client(AUD)
    assert auditor.get(f"/children/{sqlite_deployment.county.child_of_police}").status_code == 403
    events = auditor.get("/api/audit", params={"username": AUD}).json()
    denied = [e for e in events if e["route"] == "GET /children/{person_id}"]
    assert denied and denied[0]["outcome"].startswith("denied: the auditor role may not")


def test_a_practitioner_sees_only_their_agencys_children(sqlite_deployment) -> None:
    county = sqlite_deployment.county
    police = sqlite_deployment.client("practitioner")
    queue = {row["person_id"] for row in police.get("/api/queue").json()}
    assert county.child_of_police in queue and county.child_not_of_police not in queue
    hub = {row["person_id"] for row in sqlite_deployment.client(A).get("/api/queue").json()}
    assert queue < hub
    for path in (f"/children/{county.child_not_of_police}", f"/api/children/{county.child_not_of_police}"):
        assert police.get(path).status_code == 403
    for path in ("reveal", "notes"):
        response = police.post_form(f"/children/{county.child_not_of_police}/{path}", BODIES[path])
        assert response.status_code == 403
    found = police.get("/api/search", params={"q": county.child_not_of_police}).json()
    assert found == []


def test_a_practitioner_sees_only_their_agencys_records_of_a_shared_child(sqlite_deployment) -> None:
    county = sqlite_deployment.county
    child = sqlite_deployment.client("practitioner").get(f"/api/children/{county.child_of_police}").json()
    hub = sqlite_deployment.client(A).get(f"/api/children/{county.child_of_police}").json()
    import duckdb

    con = duckdb.connect(str(county.workspace.warehouse_path), read_only=True)
    police_sources = {r[0] for r in con.execute("SELECT source FROM sources WHERE agency = ?",
                                                [county.police_agency]).fetchall()}
    con.close()
    assert {r["source"] for r in child["records"]} <= police_sources
    assert {e["source"] for e in child["chronology"]} <= police_sources
    assert child["hidden_records"] == len(hub["records"]) - len(child["records"])


def test_a_practitioner_of_another_agency_cannot_reach_this_agencys_findings(sqlite_deployment) -> None:
    county = sqlite_deployment.county
    if county.finding_of_police is None:
        pytest.skip("the county has no finding of the police extract")
    other = sqlite_deployment.client("other_practitioner")
    assert other.get(f"/findings/{county.finding_of_police}").status_code == 403
    response = other.post_json(f"/api/findings/{county.finding_of_police}/notes", {"text": "not mine"})
    assert response.status_code == 403
    listed = other.get("/api/accountability").json()["findings"]
    assert all(f["agency"] == county.other_agency for f in listed)
