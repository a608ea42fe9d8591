"""What the pages and the JSON API do, written once: each function takes the request's
`Access` (already authorised by the policy), does one thing, and raises ValueError with a
message a user can act on when the input is wrong. Writes go through `Access.write()`, so
the change and its audit event commit together."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from lookout.app import accountability
from lookout.app.casework import (CaseState, EntryView, add_entry, assignable_users, child_records,
                                   entries_for, entries_shown, flag_snapshot, fold)
from lookout.app.child import ChildPage, child_page
from lookout.app.policy import Access
from lookout.app.queue import QueueRow, changes_since_review, review_queue
from lookout.app.reveals import grant_reveal, is_revealed
from lookout.app.store import CaseEntry
from lookout.app.warehouse import table_names
from lookout.chronology.free_text import FreeText
from lookout.indicators.overrides import Override, record_override, resolve_overrides

__all__ = ["ChildView", "add_child_entry", "add_finding_entry", "decide_pair", "override_flag",
           "queue", "reveal_names", "search", "set_finding_status", "view_child", "view_finding"]


class NotFound(LookupError):
    """The thing asked for does not exist (or not for this user)."""


@dataclass
class ChildView:
    """A child's page: warehouse content plus casework."""

    page: ChildPage
    entries: list[EntryView]
    state: CaseState
    override: Override | None
    assignable: list[str]
    changes: list[str]


def parse_due(value: str | None) -> dt.date | None:
    """A due date from a form or JSON (YYYY-MM-DD), or None if blank."""
    if value is None or not str(value).strip():
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{value!r} is not a date written YYYY-MM-DD") from None


def queue(access: Access, *, level: str | None = None, status: str | None = None,
          mine: bool = False) -> list[QueueRow]:
    """The review queue the user may see."""
    with access.context.store.read() as session:
        return review_queue(access.warehouse(), session, sources=access.sources, level=level or None,
                            status=status or None,
                            assignee=access.principal.username if mine else None)


def view_child(access: Access, person_id: str) -> ChildView:
    """The child's page, names shown only if this session revealed them."""
    con = access.warehouse()
    store = access.context.store
    with store.read() as session:
        revealed = is_revealed(session, session_id=access.principal.session_id, person_id=person_id)
        page = child_page(con, access.workspace, person_id, scope=access.scope, revealed=revealed)
        if page is None:
            raise NotFound(f"there is no person {person_id!r}"
                           + (" with records you may see" if access.scope.limited else ""))
        entries = entries_for(session, con, "child", person_id, child_records(con, person_id))
        assignable = assignable_users(session)
    state = CaseState()
    for entry in entries:
        fold(state, entry)
    override = resolve_overrides(con, access.workspace).get(person_id) \
        if "result_linkage" in table_names(con) else None
    text = FreeText.about(con, person_id, reveal=revealed)
    if override is not None:
        override = replace(override, reason=text.show([override.reason])[0])
    if page.flag is not None and page.flag.override:
        page.flag = replace(page.flag, override=text.show([page.flag.override])[0])
    page.findings = _findings_shown(con, page.findings)
    access.event.detail["names_shown"] = [person_id] if revealed else []
    now = flag_snapshot(con, person_id)
    changes = changes_since_review(state, now.level, now.score, list(now.indicators), now.evidence) \
        if now.level else []
    return ChildView(page, entries_shown(entries, reader_agency=access.scope.agency, show_text=text.show),
                     state, override, list(assignable), changes)


def _findings_shown(con, rows: list[dict]) -> list[dict]:
    """Findings with their summaries and reasons pseudonymised (a summary may quote a record)."""
    for key in ("summary", "status_reason"):
        shown = FreeText.each(con, [r.get("person_id") for r in rows], [r.get(key) or "" for r in rows])
        for row, text in zip(rows, shown):
            if row.get(key):
                row[key] = text
    return rows


def findings_shown(access: Access, rows: list[dict] | None) -> list[dict] | None:
    """Findings for a list, pseudonymised."""
    return None if rows is None else _findings_shown(access.warehouse(), rows)


def reveal_names(access: Access, person_id: str, reason: str) -> None:
    """Reveal the child's names to this session, for a reason (logged)."""
    _require_child(access, person_id)
    access.event.reason = (reason or "").strip() or None
    with access.write() as session:
        grant_reveal(session, session_id=access.principal.session_id, person_id=person_id,
                     reason=reason, minutes=access.context.settings.reveal_minutes)


def add_child_entry(access: Access, person_id: str, *, kind: str, text: str = "",
                    decision: str | None = None, assignee: str | None = None,
                    due_on: str | None = None) -> CaseEntry:
    """Assign the child, record a decision, or add a note."""
    con = access.warehouse()
    records = _require_child(access, person_id)
    snapshot = flag_snapshot(con, person_id) if kind == "decision" else None
    _audit_entry(access, kind, text, decision=decision, assignee=assignee)
    with access.write() as session:
        entry = add_entry(session, subject_kind="child", subject_id=person_id, records=records,
                          kind=kind, by=access.principal.username, by_agency=access.principal.agency,
                          text=text, decision=decision, assignee=assignee, due_on=parse_due(due_on),
                          snapshot=snapshot)
        access.event.detail["entry_id"] = entry.id
        return entry


def _audit_entry(access: Access, kind: str, text: str, **detail) -> None:
    """What the audit log keeps of a casework entry: its kind and (for a decision) why; a
    note's text stays in the casework store, under its rules, and is not copied here."""
    text = (text or "").strip()
    access.event.reason = (text or None) if kind == "decision" else None
    access.event.detail.update({"entry": kind, "characters": len(text),
                                **{k: v for k, v in detail.items() if v}})


def override_flag(access: Access, person_id: str, *, level: str, reason: str) -> Override:
    """Override the child's flag level (the indicators stage's own override log)."""
    con = access.warehouse()
    _require_child(access, person_id)
    access.event.reason = reason.strip() or None
    access.event.detail.update({"entry": "override", "level": level})
    with access.write():
        return record_override(access.workspace, con, person_id, level=level, reason=reason,
                               by=access.principal.username)


def view_finding(access: Access, finding_id: str) -> tuple[dict, list[EntryView], CaseState]:
    """A finding with its casework, pseudonymised."""
    con = access.warehouse()
    found = accountability.finding(con, finding_id)
    if found is None:
        raise NotFound(f"there is no finding {finding_id!r}")
    accountability.statuses_recorded(access.workspace, [found])
    _findings_shown(con, [found])
    with access.context.store.read() as session:
        entries = entries_for(session, None, "finding", finding_id, [])
    state = CaseState()
    for entry in entries:
        fold(state, entry)
    text = FreeText.about(con, found.get("person_id"))
    return found, entries_shown(entries, reader_agency=access.scope.agency, show_text=text.show), state


def add_finding_entry(access: Access, finding_id: str, *, kind: str, text: str = "",
                      assignee: str | None = None, due_on: str | None = None) -> CaseEntry:
    """Assign a finding or add a note to it."""
    found = accountability.finding(access.warehouse(), finding_id)
    if found is None:
        raise NotFound(f"there is no finding {finding_id!r}")
    if kind not in ("assignment", "note"):
        raise ValueError("a finding can be assigned or noted here; its status is set on its own")
    _audit_entry(access, kind, text, assignee=assignee)
    with access.write() as session:
        entry = add_entry(session, subject_kind="finding", subject_id=finding_id,
                          records=[f"{found['source']}|{found['record_id']}"], kind=kind,
                          by=access.principal.username, by_agency=access.principal.agency, text=text,
                          assignee=assignee, due_on=parse_due(due_on))
        access.event.detail["entry_id"] = entry.id
        return entry


def set_finding_status(access: Access, finding_id: str, *, status: str, reason: str):
    """Acknowledge or resolve a finding (the accountability stage's life cycle)."""
    if accountability.finding(access.warehouse(), finding_id) is None:
        raise NotFound(f"there is no finding {finding_id!r}")
    access.event.reason = reason.strip() or None
    access.event.detail.update({"status": status})
    with access.write():
        return accountability.record_finding_status(access.workspace, finding_id, status,
                                                    by=access.principal.username, reason=reason)


def decide_pair(access: Access, pair_id: str, *, accept: bool, reason: str):
    """Decide that a pair's two records are, or are not, one person."""
    from lookout.link.review import record_decision

    access.event.reason = reason.strip() or None
    access.event.detail.update({"decision": "accept" if accept else "reject"})
    if "link_pairs" not in table_names(access.warehouse()):
        raise NotFound("there are no scored pairs yet")
    with access.write():
        return record_decision(access.workspace, access.warehouse(), pair_id, accept=accept,
                               by=access.principal.username, reason=reason)


def audit_reasons(events) -> dict[int, str | None]:
    """The reasons people typed, by event, pseudonymised for reading (the log keeps them as
    typed: they are the evidence)."""
    shown = FreeText({}).show([e.reason or "" for e in events])
    return {e.seq: (text or None) for e, text in zip(events, shown)}


def search(access: Access, query: str) -> list[dict]:
    """People whose person id or source record id is `query` (never a name)."""
    query = (query or "").strip()
    con = access.warehouse()
    if not query or "result_linkage" not in table_names(con):
        return []
    source, _, record = query.partition("/")
    params: list = [query, query, source.strip(), record.strip()]
    scope = ""
    if access.sources is not None:
        scope = "AND list_contains(?, l.source)"
        params.append(sorted(access.sources))
    rows = con.execute(f"""
        SELECT DISTINCT l.person_id, f.level FROM result_linkage l
        LEFT JOIN result_flags f USING (person_id)
        WHERE (l.person_id = ? OR l.record_id = ? OR (l.source = ? AND l.record_id = ?)) {scope}
        ORDER BY l.person_id LIMIT 50""", params).fetchall() if "result_flags" in table_names(con) else []
    return [{"person_id": p, "level": level} for p, level in rows]


def _require_child(access: Access, person_id: str) -> list[str]:
    records = child_records(access.warehouse(), person_id)
    visible = [r for r in records if access.sources is None or r.split("|", 1)[0] in access.sources]
    if not visible:
        raise NotFound(f"there is no person {person_id!r}")
    return records
