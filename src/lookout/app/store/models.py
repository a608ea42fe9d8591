"""The casework store's tables.

Append-only by design: casework entries and the audit log are only ever inserted (the
migrations add database triggers that refuse UPDATE and DELETE on them); what is "in force"
for a child is read as the latest entry of each kind.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from lookout.app.store.types import UTCDateTime, utc_now

__all__ = ["AuditEvent", "AuditHead", "Base", "CaseEntry", "CaseEntryRecord", "LoginAttempt",
           "LoginSession", "Reveal", "User"]


class Base(DeclarativeBase):
    """Declarative base of every casework table."""


class User(Base):
    """An account: who someone is, their role and (for agency staff) their agency."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    agency: Mapped[str | None] = mapped_column(String(200), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    # the moment the account stops working (a contractor's last day); None: no end
    expires_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class LoginSession(Base):
    """A signed-in session. The cookie carries a signed random token; only its SHA-256 is kept."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ip: Mapped[str | None] = mapped_column(String(64), nullable=True)

    user: Mapped[User] = relationship(lazy="joined")


class LoginAttempt(Base):
    """A sign-in attempt, kept to throttle guessing."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_username_at", "username", "at"),
                      Index("ix_login_attempts_ip_at", "ip", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80))
    ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    succeeded: Mapped[bool] = mapped_column(Boolean)


class Reveal(Base):
    """Names of one person shown to one session for a while, for a reason."""

    __tablename__ = "reveals"
    __table_args__ = (Index("ix_reveals_session_person", "session_id", "person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("login_sessions.id"))
    person_id: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class CaseEntry(Base):
    """One piece of casework on a child or an accountability finding: an assignment, a
    decision or a note. Kept with the person's records so it follows the child when
    re-linking changes the person id."""

    __tablename__ = "case_entries"
    __table_args__ = (Index("ix_case_entries_subject", "subject_kind", "subject_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_kind: Mapped[str] = mapped_column(String(16))      # child | finding
    subject_id: Mapped[str] = mapped_column(String(128))       # person_id or finding_id
    kind: Mapped[str] = mapped_column(String(16))              # assignment | decision | note
    decision: Mapped[str | None] = mapped_column(String(32), nullable=True)
    assignee: Mapped[str | None] = mapped_column(String(80), nullable=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    level_seen: Mapped[str | None] = mapped_column(String(16), nullable=True)
    score_seen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    indicators_seen: Mapped[str | None] = mapped_column(Text, nullable=True)
    evidence_seen: Mapped[int | None] = mapped_column(Integer, nullable=True)
    by_username: Mapped[str] = mapped_column(String(80))
    by_agency: Mapped[str | None] = mapped_column(String(200), nullable=True)  # None: the hub
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utc_now)

    records: Mapped[list[CaseEntryRecord]] = relationship(lazy="selectin", order_by="CaseEntryRecord.record")


class CaseEntryRecord(Base):
    """A source record (`source|record_id`) the subject held when the entry was made."""

    __tablename__ = "case_entry_records"
    __table_args__ = (Index("ix_case_entry_records_record", "record"),)

    entry_id: Mapped[int] = mapped_column(ForeignKey("case_entries.id"), primary_key=True)
    record: Mapped[str] = mapped_column(String(256), primary_key=True)


class AuditEvent(Base):
    """One line of the audit log: who did what to which thing, when, and the outcome.
    `hash` is SHA-256 over the event and the previous event's hash (a hash chain)."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_target", "target_kind", "target_id"),
                      Index("ix_audit_events_username", "username"))

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    username: Mapped[str | None] = mapped_column(String(80), nullable=True)
    role: Mapped[str | None] = mapped_column(String(32), nullable=True)
    agency: Mapped[str | None] = mapped_column(String(200), nullable=True)
    action: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str] = mapped_column(String(200))
    route: Mapped[str] = mapped_column(String(200))
    target_kind: Mapped[str | None] = mapped_column(String(32), nullable=True)
    target_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    ip: Mapped[str | None] = mapped_column(String(64), nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's head (one row): the last sequence number and hash. Appending locks it, so
    concurrent appends queue instead of forking the chain, and deleting the newest events
    cannot go unnoticed."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
