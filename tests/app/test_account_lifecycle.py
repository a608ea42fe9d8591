"""An account's life: disabled, given a new password, its sessions ended, given an end date;
each change audited with who made it and why, and in force at once. Sign-in throttling that no
one can use to lock a colleague out, and passwords that are not guessed first."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from lookout.app.accounts import check_password
from lookout.cli import app as cli
from tests.app.conftest import PASSWORD

NEW_PASSWORD = "quiet harbour lantern 42"


def _users(deployment, *args: str, input: str | None = None):
    result = CliRunner().invoke(cli, ["users", *args, "--workspace", str(deployment.workspace.root),
                                      "--database-url", deployment.settings.database_url], input=input)
    assert result.exit_code == 0, result.output
    return result


def _events(deployment, target: str) -> list[dict]:
    auditor = deployment.client("auditor")
    return auditor.get("/api/audit", params={"target": target}).json()


def test_disabling_an_account_ends_its_sessions_at_once_and_is_audited(deployment) -> None:
    analyst = deployment.client("analyst")
    assert analyst.get("/api/queue").status_code == 200
    _users(deployment, "disable", "analyst", "--by", "admin", "--reason", "left the team")
    assert analyst.get("/api/queue").status_code == 401
    assert deployment.client().client.post(
        "/api/session", json={"username": "analyst", "password": PASSWORD}).status_code == 401
    _users(deployment, "enable", "analyst", "--by", "admin", "--reason", "came back")
    assert deployment.client("analyst").get("/api/queue").status_code == 200
    changes = [(e["username"], e["detail"], e["reason"]) for e in _events(deployment, "analyst")
               if e["action"] == "admin"]
    assert ("admin", '{"change":"disable","done":"disabled"}', "left the team") in changes
    assert ("admin", '{"change":"enable","done":"enabled"}', "came back") in changes


def test_a_new_password_ends_the_old_sessions_and_the_old_password(deployment) -> None:
    manager = deployment.client("manager")
    _users(deployment, "reset-password", "manager", "--by", "admin", "--reason", "forgotten",
           "--password-stdin", input=NEW_PASSWORD + "\n")
    assert manager.get("/api/queue").status_code == 401
    fresh = deployment.client()
    assert fresh.client.post("/api/session", json={"username": "manager",
                                                   "password": PASSWORD}).status_code == 401
    fresh.sign_in("manager", NEW_PASSWORD)
    assert fresh.get("/api/queue").status_code == 200


def test_revoking_ends_every_session_of_an_account(deployment) -> None:
    first, second = deployment.client("analyst"), deployment.client("analyst")
    result = _users(deployment, "revoke", "analyst", "--by", "admin", "--reason", "lost laptop")
    assert "2 session(s) ended" in result.output
    assert first.get("/api/queue").status_code == 401 and second.get("/api/queue").status_code == 401
    assert deployment.client("analyst").get("/api/queue").status_code == 200   # may sign in again


def test_an_expired_account_stops_working(deployment) -> None:
    analyst = deployment.client("analyst")
    _users(deployment, "expire", "analyst", "--on", "2000-01-01", "--by", "admin",
           "--reason", "secondment ended")
    assert analyst.get("/api/queue").status_code == 401
    assert deployment.client().client.post(
        "/api/session", json={"username": "analyst", "password": PASSWORD}).status_code == 401
    _users(deployment, "expire", "analyst", "--on", "never", "--by", "admin", "--reason", "extended")
    assert deployment.client("analyst").get("/api/queue").status_code == 200


def test_an_account_change_needs_who_and_why(deployment) -> None:
    result = CliRunner().invoke(cli, ["users", "disable", "analyst", "--by", " ", "--reason", "x",
                                      "--workspace", str(deployment.workspace.root),
                                      "--database-url", deployment.settings.database_url])
    assert result.exit_code == 1 and "--by" in result.output


def test_failures_from_one_address_never_lock_the_account_out_from_another(deployment) -> None:
    attacker = TestClient(deployment.app, base_url="https://testserver", client=("203.0.113.9", 1))
    for _ in range(deployment.settings.login_failures + 2):
        attacker.post("/api/session", json={"username": "auditor", "password": "wrong guess 1234"})
    assert attacker.post("/api/session", json={"username": "auditor",
                                               "password": PASSWORD}).status_code == 429
    colleague = TestClient(deployment.app, base_url="https://testserver", client=("198.51.100.7", 1))
    assert colleague.post("/api/session", json={"username": "auditor",
                                                "password": PASSWORD}).status_code == 200


@pytest.mark.parametrize("password, account, refused", [
    ("password2024!", "ana", "attackers try first"),
    ("aaaaaaaaaaaaaaaa", "ana", "more different characters"),
    ("abcdefghijklmnop", "ana", "run of characters"),
    ("annabel-secret-99", "annabel", "the account's name"),
    ("short", "ana", "at least 12"),
    ("quiet harbour lantern 42", "ana", None),
    ("a long test password", "ana", None),
])
def test_passwords_guessed_first_are_refused(password, account, refused) -> None:
    if refused is None:
        check_password(password, username=account)
    else:
        with pytest.raises(ValueError, match=refused):
            check_password(password, username=account)


def test_an_account_cannot_be_given_an_agency_no_extract_names(sqlite_deployment) -> None:
    result = CliRunner().invoke(cli, [
        "users", "add", "newcomer", "--role", "practitioner", "--agency", "Nowhere Constabulary",
        "--password-stdin", "--workspace", str(sqlite_deployment.workspace.root),
        "--database-url", sqlite_deployment.settings.database_url], input=NEW_PASSWORD + "\n")
    assert result.exit_code == 1 and "no extract names the agency 'Nowhere Constabulary'" in result.output
    assert sqlite_deployment.county.police_agency in result.output
