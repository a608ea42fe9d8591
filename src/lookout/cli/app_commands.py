"""Commands for the casework web app: `serve`, `users add|list|disable|enable|reset-password|
revoke|expire`, `audit verify` and `sharing` (the information-sharing agreements in force).
Every change to an account is written to the audit log with who made it and why."""

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
    _agreements(Workspace(workspace))
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
    if agency:
        _check_agency(Workspace(workspace), agency)
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


def _check_agency(workspace: Workspace, agency: str) -> None:
    """Refuse an agency no extract names: the account would see nothing, or be mistyped."""
    known = _agencies(workspace)
    if known is None:
        console.print(f"No extracts are loaded yet, so {agency!r} cannot be checked against "
                      "them: make sure it is written as the agency's source.toml writes it.",
                      highlight=False)
    elif known and agency not in known:
        _fail(f"no extract names the agency {agency!r}; the agencies are: {'; '.join(known)}")


def _agencies(workspace: Workspace) -> list[str] | None:
    """The agencies the loaded extracts name (None if nothing is loaded yet)."""
    from lookout.warehouse.database import open_warehouse, table_names

    if not workspace.warehouse_path.exists():
        return None
    con = open_warehouse(workspace, read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT DISTINCT agency FROM loads").fetchall()) \
            if "loads" in table_names(con) else []
    finally:
        con.close()


def _agreements(workspace: Workspace) -> list:
    """The workspace's agreements; a file that cannot be used ends the command with why."""
    from lookout.app.sharing import SharingFileError, load_agreements, sharing_path

    try:
        return load_agreements(sharing_path(workspace))
    except SharingFileError as error:
        _fail(str(error))


def sharing(workspace: WorkspaceOption) -> None:
    """List the information-sharing agreements WS/sharing.toml declares: which agency's users
    may see which kinds of another agency's records, why, and when; exit 1 if the file cannot
    be used or names an agency no extract names."""
    import datetime as dt

    ws = Workspace(workspace)
    agreements = _agreements(ws)
    if not agreements:
        console.print("No information-sharing agreements are declared (WS/sharing.toml): users "
                      "limited to an agency see that agency's records only.", highlight=False)
        return
    today = dt.date.today()
    for a in agreements:
        kinds = " and ".join(sorted(a.kinds)) if a.kinds else "all"
        console.print(f"{a.name}: {'in force' if a.in_force(today) else 'not in force'} "
                      f"({a.starts or 'no start'} to {a.ends or 'no end'})\n"
                      f"  {a.from_agency} shares {kinds} records with {a.to_agency}\n"
                      f"  purpose: {a.purpose}\n  legal basis: {a.legal_basis}", highlight=False,
                      soft_wrap=True)
    known = _agencies(ws)
    unknown = sorted({n for a in agreements for n in (a.from_agency, a.to_agency)} - set(known or []))
    if known and unknown:
        _fail(f"no extract names the agency {unknown[0]!r} (the agencies are: {'; '.join(known)}); "
              "write it as the agency's source.toml writes it")


ByOption = Annotated[str, typer.Option(help="Who is making the change (for the audit log).")]
ReasonOption = Annotated[str, typer.Option(help="Why (for the audit log).")]


def _account_change(workspace: Path, database_url: str | None, username: str, what: str,
                    by: str, reason: str, change) -> str:
    """Make one change to an account in one transaction with its audit event; return what
    `change` says was done."""
    from lookout.app.audit import EventDraft, append_event
    from lookout.app.store import open_store

    if not by.strip() or not reason.strip():
        _fail("say who is making the change (--by) and why (--reason): both go in the audit log")
    settings = _settings(workspace, database_url)
    store = open_store(settings.database_url, settings.audit_seal())
    try:
        with store.write() as session:
            done = change(session)
            append_event(session, EventDraft(action="admin", route=f"lookout users {what}",
                                             username=by.strip(), target_kind="user",
                                             target_id=username, reason=reason.strip(),
                                             detail={"change": what, "done": done}))
    except ValueError as error:
        _fail(str(error))
    finally:
        store.dispose()
    return done


def users_disable(username: Annotated[str, typer.Argument(help="The account.")],
                  workspace: WorkspaceOption, by: ByOption, reason: ReasonOption,
                  database_url: DatabaseOption = None) -> None:
    """Disable an account: it cannot sign in, and its sessions end now."""
    from lookout.app.accounts import set_active

    _account_change(workspace, database_url, username, "disable", by, reason,
                    lambda s: (set_active(s, username, False), "disabled")[1])
    console.print(f"Account {username} disabled; its sessions have ended.")


def users_enable(username: Annotated[str, typer.Argument(help="The account.")],
                 workspace: WorkspaceOption, by: ByOption, reason: ReasonOption,
                 database_url: DatabaseOption = None) -> None:
    """Enable a disabled account."""
    from lookout.app.accounts import set_active

    _account_change(workspace, database_url, username, "enable", by, reason,
                    lambda s: (set_active(s, username, True), "enabled")[1])
    console.print(f"Account {username} enabled.")


def users_reset_password(
    username: Annotated[str, typer.Argument(help="The account.")], workspace: WorkspaceOption,
    by: ByOption, reason: ReasonOption,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the new password from standard input.")] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Give an account a new password; its sessions end now."""
    from lookout.app.accounts import reset_password

    password = sys.stdin.readline().rstrip("\n") if password_stdin else typer.prompt(
        "New password", hide_input=True, confirmation_prompt=True)
    _account_change(workspace, database_url, username, "reset-password", by, reason,
                    lambda s: (reset_password(s, username, password), "password reset")[1])
    console.print(f"Account {username} has a new password; its sessions have ended.")


def users_revoke(username: Annotated[str, typer.Argument(help="The account.")],
                 workspace: WorkspaceOption, by: ByOption, reason: ReasonOption,
                 database_url: DatabaseOption = None) -> None:
    """End every session of an account now (a lost laptop, a shared screen)."""
    from lookout.app.accounts import revoke_sessions

    done = _account_change(workspace, database_url, username, "revoke", by, reason,
                           lambda s: f"{revoke_sessions(s, username)} session(s) ended")
    console.print(f"Account {username}: {done}.")


def users_expire(username: Annotated[str, typer.Argument(help="The account.")],
                 workspace: WorkspaceOption, by: ByOption, reason: ReasonOption,
                 on: Annotated[str, typer.Option(
                     help="The day (YYYY-MM-DD) from which the account stops working, or "
                          "'never'.")],
                 database_url: DatabaseOption = None) -> None:
    """Give an account an end date (a secondment, a contract); it stops working that day."""
    import datetime as dt

    from lookout.app.accounts import set_expiry

    try:
        moment = None if on == "never" else dt.datetime.combine(
            dt.date.fromisoformat(on), dt.time(), tzinfo=dt.timezone.utc)
    except ValueError:
        _fail(f"--on {on!r} is not a date written YYYY-MM-DD (or 'never')")
    _account_change(workspace, database_url, username, "expire", by, reason,
                    lambda s: (set_expiry(s, username, moment), f"expires {on}")[1])
    console.print(f"Account {username} expires {on}.")


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
    table = Table("username", "name", "role", "agency", "active", "expires",
                  title=f"{len(users)} accounts")
    for u in users:
        table.add_row(u.username, u.display_name, u.role, u.agency or "all agencies",
                      "yes" if u.active else "no", f"{u.expires_at:%Y-%m-%d}" if u.expires_at else "")
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
    """Add `serve`, `users ...`, `audit verify` and `sharing` to the `lookout` command."""
    app.command("serve")(serve)
    users_app = typer.Typer(help="Accounts of the casework web app.", no_args_is_help=True)
    users_app.command("add")(users_add)
    users_app.command("list")(users_list)
    users_app.command("disable")(users_disable)
    users_app.command("enable")(users_enable)
    users_app.command("reset-password")(users_reset_password)
    users_app.command("revoke")(users_revoke)
    users_app.command("expire")(users_expire)
    app.add_typer(users_app, name="users")
    audit_app = typer.Typer(help="The casework audit log.", no_args_is_help=True)
    audit_app.command("verify")(audit_verify)
    app.add_typer(audit_app, name="audit")
    app.command("sharing")(sharing)
