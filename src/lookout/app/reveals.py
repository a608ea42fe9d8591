"""Revealing names: a role that may, a typed reason, a time limit, and an audit event."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from lookout.app.store import Reveal
from lookout.app.store.types import utc_now

__all__ = ["MIN_REASON", "grant_reveal", "is_revealed"]

MIN_REASON = 10


def grant_reveal(session: Session, *, session_id: int, person_id: str, reason: str,
                 minutes: int) -> Reveal:
    """Show `person_id`'s names to this sign-in session for `minutes`, for `reason`."""
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ValueError(f"say why the names are needed (at least {MIN_REASON} characters): "
                         "the reason is recorded in the audit log")
    now = utc_now()
    reveal = Reveal(session_id=session_id, person_id=person_id, reason=reason, at=now,
                    expires_at=now + dt.timedelta(minutes=minutes))
    session.add(reveal)
    return reveal


def is_revealed(session: Session, *, session_id: int, person_id: str) -> bool:
    """Whether names of `person_id` are revealed to this session now."""
    return session.execute(select(Reveal.id).where(
        Reveal.session_id == session_id, Reveal.person_id == person_id,
        Reveal.expires_at > utc_now()).limit(1)).first() is not None
