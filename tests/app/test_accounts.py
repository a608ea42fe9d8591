"""Accounts and sessions: Argon2id hashes, cookie flags, throttling, expiry, sign-out, CSRF."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, update

from lookout.app.store import LoginSession, User, open_store

from tests.app.conftest import PASSWORD


def _login_form(client):
    page = client.get("/login")
    return re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)


def test_passwords_are_stored_as_argon2id_hashes(sqlite_deployment) -> None:
    store = sqlite_deployment.app.state.lookout.store
    with store.read() as session:
        hashes = session.execute(select(User.password_hash)).scalars().all()
    assert hashes and all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


def test_the_session_cookie_is_secure_httponly_and_strict(sqlite_deployment) -> None:
    client = sqlite_deployment.client().client
    token = _login_form(client)
    response = client.post("/login", data={"username": "analyst", "password": PASSWORD,
                                           "login_token": token, "next": "/queue"})
    assert response.status_code == 303 and response.headers["location"] == "/queue"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("lookout_session="))
    flags = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "secure", "samesite=strict", "path=/"} <= flags


def test_sign_in_refuses_a_wrong_password_and_a_forged_form(sqlite_deployment) -> None:
    client = sqlite_deployment.client().client
    token = _login_form(client)
    wrong = client.post("/login", data={"username": "manager", "password": "not it at all",
                                        "login_token": token})
    assert wrong.status_code == 401 and "lookout_session" not in wrong.headers.get("set-cookie", "")
    fresh = sqlite_deployment.client().client
    forged = fresh.post("/login", data={"username": "manager", "password": PASSWORD,
                                        "login_token": "made-up"})
    assert forged.status_code == 403


def test_repeated_failures_throttle_sign_in_even_with_the_right_password(sqlite_deployment) -> None:
    client = sqlite_deployment.client().client
    for _ in range(sqlite_deployment.settings.login_failures):
        assert client.post("/api/session", json={"username": "admin", "password": "guess guess guess"}
                           ).status_code == 401
    refused = client.post("/api/session", json={"username": "admin", "password": PASSWORD})
    assert refused.status_code == 429 and "too many failed sign-ins" in refused.json()["detail"]
    events = sqlite_deployment.client("auditor").get("/api/audit", params={"action": "sign_in"}).json()
    assert any(e["username"] == "admin" and e["outcome"] == "refused: throttled" for e in events)


def test_a_forged_or_ended_or_idle_session_is_not_accepted(sqlite_deployment) -> None:
    signed = sqlite_deployment.client("analyst")
    assert signed.get("/api/queue").status_code == 200
    cookie = signed.client.cookies.get("lookout_session")
    genuine = sqlite_deployment.client()
    genuine.client.cookies.set("lookout_session", cookie)
    assert genuine.get("/api/queue").status_code == 200
    forged = sqlite_deployment.client()
    forged.client.cookies.set("lookout_session", cookie[:-3] + ("abc" if not cookie.endswith("abc") else "xyz"))
    assert forged.get("/api/queue").status_code == 401
    store = sqlite_deployment.app.state.lookout.store
    with store.write() as session:
        session.execute(update(LoginSession).values(
            last_seen_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=2)))
    assert signed.get("/api/queue").status_code == 401
    again = sqlite_deployment.client("analyst")
    assert again.client.delete("/api/session", headers={"X-CSRF-Token": again.csrf}).status_code == 200
    assert again.get("/api/queue").status_code == 401


def test_changes_need_the_sessions_csrf_token(sqlite_deployment) -> None:
    child = sqlite_deployment.county.child_of_police
    signed = sqlite_deployment.client("analyst")
    assert signed.post_form(f"/children/{child}/notes", {"text": "no token"}, csrf=False).status_code == 403
    assert signed.post_json(f"/api/children/{child}/notes", {"text": "no token"}, csrf=False).status_code == 403
    other = sqlite_deployment.client("manager")
    stolen = signed.client.post(f"/children/{child}/notes", data={"text": "wrong session's token",
                                                                  "csrf_token": other.csrf})
    assert stolen.status_code == 403
    assert signed.post_form(f"/children/{child}/notes", {"text": "with token"}).status_code == 303


def test_accounts_are_created_with_a_known_role_and_a_practitioner_needs_an_agency(tmp_path) -> None:
    import pytest

    from lookout.app.accounts import create_user

    from tests.app.conftest import make_seal

    store = open_store(f"sqlite:///{tmp_path / 'c.sqlite'}", make_seal(tmp_path))
    with pytest.raises(ValueError, match="role 'boss'"):
        with store.write() as session:
            create_user(session, username="x", password=PASSWORD, role="boss")
    with pytest.raises(ValueError, match="needs --agency"):
        with store.write() as session:
            create_user(session, username="x", password=PASSWORD, role="practitioner")
    with pytest.raises(ValueError, match="at least 12"):
        with store.write() as session:
            create_user(session, username="x", password="short", role="analyst")
    store.dispose()


def test_sign_in_goes_only_to_pages_of_this_site(sqlite_deployment) -> None:
    for target, expected in (("//evil.example/x", "/"), ("https://evil.example/", "/"),
                             ("/children/P1?x=1", "/children/P1?x=1")):
        client = sqlite_deployment.client().client
        token = _login_form(client)
        response = client.post("/login", data={"username": "manager", "password": PASSWORD,
                                               "login_token": token, "next": target})
        assert response.status_code == 303 and response.headers["location"] == expected


def test_what_users_type_is_shown_as_text_never_run(sqlite_deployment) -> None:
    child = sqlite_deployment.county.child_of_police
    signed = sqlite_deployment.client("analyst")
    signed.post_form(f"/children/{child}/notes", {"text": "<script>alert(1)</script> met at <b>park</b>"})
    html = signed.get(f"/children/{child}").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; met at &lt;b&gt;park&lt;/b&gt;" in html


def test_one_session_cannot_page_through_everything_at_once(sqlite_deployment) -> None:
    from lookout.app import AppSettings, create_app
    from tests.app.conftest import SignedIn
    from fastapi.testclient import TestClient

    settings = AppSettings.for_workspace(sqlite_deployment.workspace,
                                         database_url=sqlite_deployment.settings.database_url,
                                         secret_key="k" * 48, requests_per_minute=20)
    client = SignedIn(TestClient(create_app(settings), base_url="https://testserver"), None)
    client.sign_in("analyst")
    codes = [client.get("/api/queue").status_code for _ in range(25)]
    assert codes[:15] == [200] * 15 and codes[-1] == 429
    assert client.get("/static/app.css").status_code == 200      # assets are never limited


def test_https_answers_carry_hsts(sqlite_deployment) -> None:
    response = sqlite_deployment.client().client.get("/login")
    assert response.headers["strict-transport-security"].startswith("max-age=31536000")
