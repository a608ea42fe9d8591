"""The casework store: authoritative data (accounts, sessions, casework, the audit log) kept
with SQLAlchemy in SQLite or PostgreSQL, its schema changed only by Alembic migrations."""

from lookout.app.store.db import Store, open_store
from lookout.app.store.seal import AuditSeal
from lookout.app.store.models import (AuditEvent, AuditHead, Base, CaseEntry, CaseEntryRecord,
                                      LoginAttempt, LoginSession, Reveal, User)

__all__ = ["AuditEvent", "AuditHead", "AuditSeal", "Base", "CaseEntry", "CaseEntryRecord", "LoginAttempt",
           "LoginSession", "Reveal", "Store", "User", "open_store"]
