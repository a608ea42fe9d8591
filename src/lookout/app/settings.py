"""How one deployment of the casework app is configured: its workspace, its store and its
cookies. Nothing is read at import time; `AppSettings.for_workspace` reads the environment
once, when the app is made."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from lookout.app.store.db import normalise_url
from lookout.app.store.seal import AuditSeal
from lookout.workspace import Workspace

__all__ = ["AppSettings", "DATABASE_URL_ENV", "SECRET_KEY_ENV"]

DATABASE_URL_ENV = "LOOKOUT_DATABASE_URL"
SECRET_KEY_ENV = "LOOKOUT_SECRET_KEY"
AUDIT_KEY_FILE_ENV = "LOOKOUT_AUDIT_KEY_FILE"
AUDIT_ANCHOR_ENV = "LOOKOUT_AUDIT_ANCHOR"


@dataclass(frozen=True)
class AppSettings:
    """Everything the app needs to start.

    - `database_url`: the casework store (SQLAlchemy URL); SQLite in the workspace by default.
    - `secret_key`: signs session cookies; kept in the workspace (mode 600) unless given.
    - `secure_cookies`: cookies are sent only over HTTPS (browsers treat localhost as secure).
    - `session_idle_minutes`, `session_hours`: a session ends after this long unused, or this
      long after sign-in, whichever comes first.
    - `reveal_minutes`: how long a name stays revealed after a reason is given.
    - `login_failures`, `login_window_minutes`: after this many failed sign-ins to one account
      from one address (or five times as many from one address to any account) within the
      window, sign-ins from that address are refused: a colleague elsewhere is not locked out.
    - `audit_key_file`, `audit_anchors`: the audit log's key and where its head is anchored
      (`lookout.app.store.seal`).
    - `requests_per_minute`: more requests than this in a minute from one session (or, before
      sign-in, one address) are answered 429, so no one account can page through every record.
    """

    workspace: Workspace
    database_url: str
    secret_key: str
    secure_cookies: bool = True
    session_idle_minutes: int = 30
    session_hours: int = 10
    reveal_minutes: int = 15
    login_failures: int = 5
    login_window_minutes: int = 15
    audit_key_file: Path | None = None
    audit_anchors: tuple[Path, ...] = ()
    requests_per_minute: int = 600

    def audit_seal(self) -> AuditSeal:
        """The audit log's key and anchors: from the settings, else the environment
        (`LOOKOUT_AUDIT_KEY_FILE`, `LOOKOUT_AUDIT_ANCHOR`), else the workspace."""
        key_file = self.audit_key_file or Path(os.environ.get(
            AUDIT_KEY_FILE_ENV) or self.workspace.root / "keys" / "audit.key")
        # one anchor file per store: two stores of one workspace must not share a head
        store_id = hashlib.sha256(normalise_url(self.database_url).encode()).hexdigest()[:16]
        anchors = self.audit_anchors or (self.workspace.root / "audit" / f"anchor-{store_id}.jsonl",)
        extra = [Path(p) for p in os.environ.get(AUDIT_ANCHOR_ENV, "").split(os.pathsep) if p]
        return AuditSeal.load(key_file, [*anchors, *extra])

    @classmethod
    def for_workspace(cls, workspace: Workspace, *, database_url: str | None = None,
                      **overrides) -> AppSettings:
        """Settings for a workspace: the store from `database_url`, else `LOOKOUT_DATABASE_URL`,
        else `WS/casework.sqlite`; the secret from `LOOKOUT_SECRET_KEY`, else `WS/app-secret.key`."""
        url = database_url or os.environ.get(DATABASE_URL_ENV) or default_database_url(workspace)
        secret = overrides.pop("secret_key", None) or os.environ.get(SECRET_KEY_ENV) \
            or _workspace_secret(workspace)
        return cls(workspace=workspace, database_url=url, secret_key=secret, **overrides)


def default_database_url(workspace: Workspace) -> str:
    """The default casework store: an SQLite file in the workspace."""
    return f"sqlite:///{(workspace.root / 'casework.sqlite').as_posix()}"


def _workspace_secret(workspace: Workspace) -> str:
    path: Path = workspace.ensure().root / "app-secret.key"
    if not path.exists():
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
