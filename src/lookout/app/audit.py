"""The audit log: an append-only, keyed hash chain of every view, search, reveal, decision
and export, and of every refusal.

Each event's hash is HMAC-SHA256, under a key kept outside the database (`store.seal`), of
its own fields (canonical JSON) and the previous event's hash, so changing, removing or
reordering any event breaks every hash after it, and no one without the key can rehash the
rest to hide it. The chain's head (`audit_head`) holds the last sequence number and hash, and
every write that appends anchors the new head outside the store, signed: cutting events off
the end, or rewriting the head row, contradicts the anchor. The database refuses UPDATE and
DELETE on the table (triggers); the chain catches whatever goes around that (a file edited by
hand, a superuser)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from lookout.app.store import AuditEvent, AuditHead, AuditSeal, Store
from lookout.app.store.types import utc_now

__all__ = ["AUDITED_ACTIONS", "ChainReport", "EventDraft", "append_event", "event_hash",
           "recent_events", "verify_chain"]

GENESIS = "0" * 64
AUDITED_ACTIONS = ("view", "search", "reveal", "decision", "export", "sign_in", "sign_out",
                   "admin")


@dataclass
class EventDraft:
    """What is known of an event before it is chained."""

    action: str
    route: str
    outcome: str = "done"
    username: str | None = None
    role: str | None = None
    agency: str | None = None
    target_kind: str | None = None
    target_id: str | None = None
    reason: str | None = None
    ip: str | None = None
    detail: dict = field(default_factory=dict)


def _canonical(value: dict) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(event: AuditEvent, seal: AuditSeal) -> str:
    """The hash an event must carry: HMAC over its fields and the previous event's hash."""
    fields = {"seq": event.seq, "at": event.at.astimezone(dt.timezone.utc).isoformat(),
              "username": event.username, "role": event.role, "agency": event.agency,
              "action": event.action, "outcome": event.outcome, "route": event.route,
              "target_kind": event.target_kind, "target_id": event.target_id,
              "reason": event.reason, "detail": event.detail, "ip": event.ip,
              "prev_hash": event.prev_hash}
    return seal.mac(_canonical(fields))


def append_event(session: Session, draft: EventDraft) -> AuditEvent:
    """Chain the event onto the log inside the session's (write) transaction and return it.
    The head row is locked for the rest of the transaction, so appends queue in order."""
    if draft.action not in AUDITED_ACTIONS:
        raise ValueError(f"{draft.action!r} is not an audited action ({', '.join(AUDITED_ACTIONS)})")
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    event = AuditEvent(seq=head.seq + 1, at=utc_now(),
                       username=draft.username, role=draft.role, agency=draft.agency,
                       action=draft.action, outcome=draft.outcome[:200], route=draft.route[:200],
                       target_kind=draft.target_kind, target_id=draft.target_id,
                       reason=draft.reason, detail=_canonical(draft.detail), ip=draft.ip,
                       prev_hash=head.hash)
    event.hash = event_hash(event, session.info["seal"])
    session.add(event)
    head.seq, head.hash = event.seq, event.hash
    session.flush()
    session.info["audit_head"] = (event.seq, event.hash)   # anchored once committed
    return event


def recent_events(session: Session, *, username: str = "", target: str = "", action: str = "",
                  before: int | None = None, limit: int = 200, agency: str | None = None) -> list[AuditEvent]:
    """Events newest first, filtered by user, target id and action, before a sequence number;
    for a reader kept to one agency (`agency`), only what that agency's users did."""
    query = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(max(1, min(limit, 1000)))
    if agency is not None:
        query = query.where(AuditEvent.agency == agency)
    if username:
        query = query.where(AuditEvent.username == username)
    if target:
        query = query.where(AuditEvent.target_id == target)
    if action:
        query = query.where(AuditEvent.action == action)
    if before:
        query = query.where(AuditEvent.seq < before)
    return list(session.execute(query).scalars().all())


@dataclass(frozen=True)
class ChainReport:
    """The result of checking the chain: how many events, and the first problem found."""

    events: int
    ok: bool
    problem: str | None = None


def verify_chain(store: Store, *, batch: int = 5000) -> ChainReport:
    """Recompute every hash in order under the key, and compare with the stored chain, its
    head and the anchored checkpoints."""
    previous, expected_seq, count = GENESIS, 1, 0
    checkpoints, problems = store.seal.checkpoints()
    if problems:
        return ChainReport(0, False, f"the audit anchor was altered: {problems[0]}")
    wanted = {c.seq: c.hash for c in checkpoints}
    with store.read() as session:
        head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
        last = 0
        while True:
            events = session.execute(select(AuditEvent).where(AuditEvent.seq > last)
                                     .order_by(AuditEvent.seq).limit(batch)).scalars().all()
            if not events:
                break
            for event in events:
                if event.seq != expected_seq:
                    return ChainReport(count, False, f"event {expected_seq} is missing "
                                       f"(found {event.seq} next)")
                if event.prev_hash != previous:
                    return ChainReport(count, False, f"event {event.seq} does not follow event "
                                       f"{event.seq - 1}: its previous hash differs")
                if event_hash(event, store.seal) != event.hash:
                    return ChainReport(count, False, f"event {event.seq} was changed after it "
                                       "was written, or its hash made without the audit key: "
                                       "its hash does not match its contents")
                if event.seq in wanted and wanted[event.seq] != event.hash:
                    return ChainReport(count, False, f"event {event.seq} is not the event "
                                       "anchored at that place: the log was rewritten from "
                                       "there on")
                previous, expected_seq, count = event.hash, event.seq + 1, count + 1
            last = events[-1].seq
            session.expunge_all()
    if head.seq != count or head.hash != previous:
        return ChainReport(count, False, f"the log ends at event {count} but its head records "
                           f"event {head.seq}: events were removed from the end")
    anchored = max(wanted, default=0)
    if anchored > count:
        return ChainReport(count, False, f"the log ends at event {count} but its anchor "
                           f"records event {anchored}: events were removed from the end and "
                           "the head rewritten")
    return ChainReport(count, True)
