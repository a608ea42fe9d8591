"""The app's commands: `lookout users add|list`, `lookout audit verify`, `lookout serve`."""

from __future__ import annotations

from sqlalchemy import text
from typer.testing import CliRunner

from lookout.app import AppSettings
from lookout.app.store import open_store
from lookout.workspace import Workspace
from lookout.cli import app

runner = CliRunner()


def _lookout(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_users_add_list_and_audit_verify(tmp_path) -> None:
    ws = str(tmp_path / "ws")
    added = _lookout("users", "add", "rosa", "--role", "practitioner", "--agency", "Oxfordshire Constabulary",
                     "--password-stdin", "--workspace", ws, input="a good long password\n")
    assert added.exit_code == 0, added.output
    assert "limited to Oxfordshire Constabulary" in added.output
    refused = _lookout("users", "add", "sam", "--role", "practitioner", "--password-stdin",
                       "--workspace", ws, input="a good long password\n")
    assert refused.exit_code == 1 and "needs --agency" in refused.output
    listed = _lookout("users", "list", "--workspace", ws)
    assert "rosa" in listed.output and "practitioner" in listed.output and "sam" not in listed.output
    verified = _lookout("audit", "verify", "--workspace", ws)
    assert verified.exit_code == 0 and "intact: 1 events" in verified.output  # the account's creation


def test_audit_verify_fails_on_a_tampered_log(tmp_path) -> None:
    ws = tmp_path / "ws"
    for name in ("ana", "ben"):
        _lookout("users", "add", name, "--role", "analyst", "--password-stdin", "--workspace", str(ws),
                 input="a good long password\n")
    store = open_store(f"sqlite:///{ws / 'casework.sqlite'}",
                       AppSettings.for_workspace(Workspace(ws)).audit_seal())
    with store.writer.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_events_no_update"))
        connection.execute(text("UPDATE audit_events SET detail = '{}' WHERE seq = 1"))
    store.dispose()
    result = _lookout("audit", "verify", "--workspace", str(ws))
    assert result.exit_code == 1 and "event 1 was changed" in result.output


def test_serve_refuses_to_listen_beyond_this_machine_without_tls(tmp_path) -> None:
    result = _lookout("serve", "--workspace", str(tmp_path), "--host", "0.0.0.0")
    assert result.exit_code == 1 and "HTTPS" in result.output


def test_serve_answers_on_localhost_and_signs_in(county, tmp_path) -> None:
    import os
    import socket
    import subprocess
    import sys
    import time

    import httpx

    ws = str(county.workspace.root)
    database = f"sqlite:///{tmp_path / 'casework.sqlite'}"
    added = _lookout("users", "add", "lee", "--role", "analyst", "--password-stdin", "--workspace", ws,
                     "--database-url", database, input="a good long password\n")
    assert added.exit_code == 0, added.output
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "lookout", "serve", "--workspace", ws, "--port", str(port),
                               "--workers", "2", "--database-url", database],
                              env={**os.environ, "LOOKOUT_SECRET_KEY": "s" * 48},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "lookout serve did not start"
                time.sleep(0.2)
        signed = httpx.post(f"{base}/api/session", json={"username": "lee", "password": "a good long password"})
        assert signed.status_code == 200
        cookie = {"lookout_session": signed.cookies["lookout_session"]}
        queue = httpx.get(f"{base}/api/queue", cookies=cookie)
        assert queue.status_code == 200 and county.child_of_police in {r["person_id"] for r in queue.json()}
        assert httpx.get(f"{base}/static/app.css").headers["content-type"].startswith("text/css")
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_openapi_description_covers_the_json_api_only(sqlite_deployment) -> None:
    schema = sqlite_deployment.client("auditor").get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/queue", "/api/children/{person_id}", "/api/children/{person_id}/decisions",
            "/api/accountability", "/api/audit/verify"} <= paths
    assert all(p.startswith("/api/") for p in paths)
    assert sqlite_deployment.client().get("/api/openapi.json").status_code == 401


def test_a_reveal_at_the_command_line_goes_in_the_audit_log(sqlite_deployment) -> None:
    import getpass

    from lookout.app.audit import recent_events, verify_chain

    ws = sqlite_deployment.workspace
    child = sqlite_deployment.county.child_of_police
    result = _lookout("chronology", child, "--reveal", "--by", "A. Analyst", "--reason",
                      "strategy meeting tomorrow", "--workspace", str(ws.root))
    assert result.exit_code == 0, result.output
    settings = AppSettings.for_workspace(ws)
    store = open_store(settings.database_url, settings.audit_seal())
    try:
        with store.read() as session:
            (event,) = recent_events(session, target=child, action="reveal")
        assert event.username == "A. Analyst" and event.reason == "strategy meeting tomorrow"
        assert f'"os_user":"{getpass.getuser()}"' in event.detail
        assert verify_chain(store).ok
    finally:
        store.dispose()
    assert not (ws.root / "decisions" / "name_reveals.jsonl").exists()
