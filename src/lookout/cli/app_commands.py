"""Commands for the casework web app: `serve`, `users add`, `users list`, `audit verify`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from lookout.workspace import Workspace

__all__ = ["register"]

console = Console()
WorkspaceOption = Annotated[Path, typer.Option("--workspace", "-w", help="Workspace folder.")]
DatabaseOption = Annotated[str | None, typer.Option(
    "--database-url", help="Casework store (SQLAlchemy URL); default $LOOKOUT_DATABASE_URL, "
    "else WS/casework.sqlite.")]


def _settings(workspace: Path, database_url: str | None, **overrides):
    from lookout.app.settings import AppSettings

    return AppSettings.for_workspace(Workspace(workspace), database_url=database_url, **overrides)


def _fail(message: str) -> None:
    console.print(f"[red]{message}[/red]", highlight=False)
    raise typer.Exit(1)


def serve(
    workspace: WorkspaceOption,
    database_url: DatabaseOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    certfile: Annotated[Path | None, typer.Option(help="TLS certificate (PEM) to serve HTTPS.")] = None,
    keyfile: Annotated[Path | None, typer.Option(help="TLS private key (PEM).")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes (one per core suits).")] = 2,
) -> None:
    """Serve the casework web app and its JSON API for a workspace."""
    import os

    import uvicorn

    from lookout.app.asgi import WORKSPACE_ENV
    from lookout.app.settings import DATABASE_URL_ENV, SECRET_KEY_ENV
    from lookout.app.store import open_store

    if host not in ("127.0.0.1", "localhost", "::1") and not certfile:
        _fail("session cookies are sent only over HTTPS: give --certfile and --keyfile to listen "
              "beyond this machine")
    settings = _settings(workspace, database_url)
    open_store(settings.database_url, settings.audit_seal()).dispose()  # migrate once, before the workers start
    os.environ.update({WORKSPACE_ENV: str(workspace.resolve()), DATABASE_URL_ENV: settings.database_url,
                       SECRET_KEY_ENV: settings.secret_key})
    scheme = "https" if certfile else "http"
    console.print(f"Lookout is serving {workspace} at {scheme}://{host}:{port}/ with {workers} "
                  "worker(s) (Ctrl-C stops it).", highlight=False)
    uvicorn.run("lookout.app.asgi:app_from_environment", factory=True, workers=workers, host=host,
                port=port, log_level="warning", proxy_headers=False,
                ssl_certfile=str(certfile) if certfile else None,
                ssl_keyfile=str(keyfile) if keyfile else None)


def users_add(
    username: Annotated[str, typer.Argument(help="Sign-in name (no spaces).")],
    workspace: WorkspaceOption,
    role: Annotated[str, typer.Option(help="analyst, manager, practitioner, auditor or admin.")],
    agency: Annotated[str | None, typer.Option(
        help="Limit the account to this agency's records (its name as in source.toml); "
             "required for practitioners.")] = None,
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from standard input instead of prompting.")] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Create an account (the password is stored as an Argon2id hash)."""
    from lookout.app.accounts import create_user
    from lookout.app.audit import EventDraft, append_event
    from lookout.app.store import open_store

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    settings = _settings(workspace, database_url)
    store = open_store(settings.database_url, settings.audit_seal())
    try:
        with store.write() as session:
            user = create_user(session, username=username, password=password, role=role,
                               agency=agency, display_name=name)
            append_event(session, EventDraft(action="admin", route="lookout users add",
                                             target_kind="user", target_id=user.username,
                                             detail={"role": role, "agency": agency}))
    except ValueError as error:
        _fail(str(error))
    finally:
        store.dispose()
    console.print(f"Account {username} created: {role}"
                  + (f", limited to {agency}" if agency else ", all agencies") + ".", highlight=False)


def users_list(workspace: WorkspaceOption, database_url: DatabaseOption = None) -> None:
    """List accounts, their roles and agencies."""
    from sqlalchemy import select

    from lookout.app.store import User, open_store

    settings = _settings(workspace, database_url)
    store = open_store(settings.database_url, settings.audit_seal())
    try:
        with store.read() as session:
            users = session.execute(select(User).order_by(User.username)).scalars().all()
    finally:
        store.dispose()
    table = Table("username", "name", "role", "agency", "active", title=f"{len(users)} accounts")
    for u in users:
        table.add_row(u.username, u.display_name, u.role, u.agency or "all agencies",
                      "yes" if u.active else "no")
    console.print(table)


def audit_verify(workspace: WorkspaceOption, database_url: DatabaseOption = None) -> None:
    """Check the audit log's hash chain; exit 1 if any event was changed or removed."""
    from lookout.app.audit import verify_chain
    from lookout.app.store import open_store

    settings = _settings(workspace, database_url)
    store = open_store(settings.database_url, settings.audit_seal())
    try:
        report = verify_chain(store)
    finally:
        store.dispose()
    if not report.ok:
        _fail(f"The audit log has been tampered with: {report.problem} "
              f"({report.events} events verified before it).")
    console.print(f"The audit log is intact: {report.events} events, hash chain verified.")


def register(app: typer.Typer) -> None:
    """Add `serve`, `users add|list` and `audit verify` to the `lookout` command."""
    app.command("serve")(serve)
    users_app = typer.Typer(help="Accounts of the casework web app.", no_args_is_help=True)
    users_app.command("add")(users_add)
    users_app.command("list")(users_list)
    app.add_typer(users_app, name="users")
    audit_app = typer.Typer(help="The casework audit log.", no_args_is_help=True)
    audit_app.command("verify")(audit_verify)
    app.add_typer(audit_app, name="audit")
