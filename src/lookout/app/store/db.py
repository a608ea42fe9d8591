"""Connecting to the casework store and bringing its schema up to date.

SQLite is the default: every write transaction begins `IMMEDIATE` (taking the write lock at
once, so two requests never both read and then fail to upgrade), reads begin deferred, and
the file runs in WAL mode so readers never wait for a writer. PostgreSQL needs nothing
special. Migrations live in `lookout/app/migrations` and run on start."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from lookout.app.store.seal import AuditSeal

__all__ = ["MIGRATIONS", "MissingAuditKey", "Store", "migrate", "normalise_url", "open_store"]

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class Store:
    """The casework store: `read()` and `write()` give a Session in one transaction. `seal`
    chains the audit log under a key and anchors its head outside the store (`seal`)."""

    def __init__(self, url: str, seal: AuditSeal):
        url = normalise_url(url)
        self.url = url
        self.seal = seal
        self.is_sqlite = url.startswith("sqlite")
        self.reader = _engine(url, immediate=False)
        self.writer = _engine(url, immediate=True) if self.is_sqlite else self.reader
        self._read = sessionmaker(self.reader, expire_on_commit=False)
        self._write = sessionmaker(self.writer, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing it does is committed. Objects read stay usable
        after it closes (closing, unlike a rollback, does not expire them)."""
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session whose work is committed together at the end, or not at all. When it
        appended to the audit log, the new head is anchored once the work is committed."""
        with self._write() as session:
            session.info["seal"] = self.seal
            with session.begin():
                yield session
            head = session.info.pop("audit_head", None)
        if head is not None:
            self.seal.anchor(*head)

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.reader.dispose()
        if self.writer is not self.reader:
            self.writer.dispose()


def normalise_url(url: str) -> str:
    """`postgresql://...` (as libpq and most tools write it) means psycopg 3 here."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _engine(url: str, *, immediate: bool) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        # pysqlite's own transaction handling is switched off so "begin" below is the one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def migrate(store: Store) -> None:
    """Apply every migration the store has not had yet (Alembic `upgrade head`)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.writer.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def open_store(url: str, seal: AuditSeal, *, upgrade: bool = True) -> Store:
    """Open the store at `url`, creating the SQLite file's folder (and the file, readable by
    its owner only) and migrating if asked."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        elif path.stat().st_mode & 0o077:
            path.chmod(0o600)   # casework names children: no one else on the machine reads it
    store = Store(url, seal)
    if upgrade:
        migrate(store)
    if seal.made_now and _has_events(store):
        seal.forget_new_key()
        store.dispose()
        raise MissingAuditKey(
            f"the audit key file {seal.key_file} is missing, but the casework store's audit log "
            "already holds events chained under a key: restore the key file from where it is "
            "kept (or point LOOKOUT_AUDIT_KEY_FILE at it); a new key would make every earlier "
            "event fail verification")
    return store


class MissingAuditKey(RuntimeError):
    """The store's audit log was chained under a key that cannot be found."""


def _has_events(store: Store) -> bool:
    from sqlalchemy import func, inspect, select

    from lookout.app.store.models import AuditEvent

    if "audit_events" not in inspect(store.reader).get_table_names():
        return False
    with store.read() as session:
        return session.execute(select(func.count()).select_from(AuditEvent)).scalar_one() > 0
