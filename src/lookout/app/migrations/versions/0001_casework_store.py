"""The casework store: accounts, sessions, sign-in attempts, reveals, casework entries and the
audit log, with triggers that keep casework and the audit log append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from lookout.app.store.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

APPEND_ONLY = ("audit_events", "case_entries", "case_entry_records")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(80), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("agency", sa.String(200)),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False))
    op.create_table(
        "login_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf_token", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("last_seen_at", UTCDateTime, nullable=False),
        sa.Column("ended_at", UTCDateTime),
        sa.Column("ip", sa.String(64)))
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(80), nullable=False),
        sa.Column("ip", sa.String(64)),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("succeeded", sa.Boolean, nullable=False))
    op.create_index("ix_login_attempts_username_at", "login_attempts", ["username", "at"])
    op.create_index("ix_login_attempts_ip_at", "login_attempts", ["ip", "at"])
    op.create_table(
        "reveals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("login_sessions.id"), nullable=False),
        sa.Column("person_id", sa.String(64), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("expires_at", UTCDateTime, nullable=False))
    op.create_index("ix_reveals_session_person", "reveals", ["session_id", "person_id"])
    op.create_table(
        "case_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("subject_kind", sa.String(16), nullable=False),
        sa.Column("subject_id", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("decision", sa.String(32)),
        sa.Column("assignee", sa.String(80)),
        sa.Column("due_on", sa.Date),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("level_seen", sa.String(16)),
        sa.Column("score_seen", sa.Integer),
        sa.Column("indicators_seen", sa.Text),
        sa.Column("evidence_seen", sa.Integer),
        sa.Column("by_username", sa.String(80), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False))
    op.create_index("ix_case_entries_subject", "case_entries", ["subject_kind", "subject_id"])
    op.create_table(
        "case_entry_records",
        sa.Column("entry_id", sa.Integer, sa.ForeignKey("case_entries.id"), primary_key=True),
        sa.Column("record", sa.String(256), primary_key=True))
    op.create_index("ix_case_entry_records_record", "case_entry_records", ["record"])
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("username", sa.String(80)),
        sa.Column("role", sa.String(32)),
        sa.Column("agency", sa.String(200)),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=False),
        sa.Column("route", sa.String(200), nullable=False),
        sa.Column("target_kind", sa.String(32)),
        sa.Column("target_id", sa.String(128)),
        sa.Column("reason", sa.Text),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("ip", sa.String(64)),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False))
    op.create_index("ix_audit_events_target", "audit_events", ["target_kind", "target_id"])
    op.create_index("ix_audit_events_username", "audit_events", ["username"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False))
    op.execute(sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :genesis)")
               .bindparams(genesis="0" * 64))
    _append_only_triggers()


def _append_only_triggers() -> None:
    """Refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on the append-only tables."""
    if op.get_bind().dialect.name == "sqlite":
        for table in APPEND_ONLY:
            for verb in ("UPDATE", "DELETE"):
                op.execute(f"""
                    CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table}
                    BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END""")
        return
    op.execute("""
        CREATE FUNCTION lookout_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$""")
    for table in APPEND_ONLY:
        op.execute(f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                       FOR EACH ROW EXECUTE FUNCTION lookout_append_only()""")
        op.execute(f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
                       FOR EACH STATEMENT EXECUTE FUNCTION lookout_append_only()""")


def downgrade() -> None:
    """Refused on purpose: dropping these tables would destroy decisions and the audit log,
    which are authoritative records. Restore a backup instead."""
    raise RuntimeError("the casework store holds authoritative records (decisions and the audit log) "
                       "and is never downgraded: restore a backup of the database instead")
