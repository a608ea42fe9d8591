"""Casework on children and findings: assignments, decisions and notes.

Entries are appended, never changed; what is in force is the latest of each kind. Each entry
keeps the subject's records (`source|record_id`) as they were, so it follows the child when
re-linking gives the child a new person id: an entry belongs to its person id while that id
exists, and otherwise to the person now holding most of its records (the rule flag overrides
follow, `lookout.indicators.overrides.resolve_overrides`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import duckdb
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from lookout.app.roles import CASEWORK
from lookout.app.scope import HELD_ELSEWHERE
from lookout.app.store import CaseEntry, CaseEntryRecord, User
from lookout.app.store.types import utc_now
from lookout.app.warehouse import table_names

__all__ = ["DECISIONS", "CaseState", "EntryView", "FlagSnapshot", "add_entry", "assignable_users",
           "child_records", "entries_for", "entries_shown", "flag_snapshot", "states_for_children"]

DECISIONS = {
    "refer": "Refer to children's social care",
    "strategy_meeting": "Convene a strategy meeting",
    "monitor": "Keep under review",
    "no_further_action": "No further action",
}


@dataclass(frozen=True)
class FlagSnapshot:
    """A child's flag as a reviewer saw it: what "changed since last review" compares with."""

    level: str | None
    score: int | None
    indicators: tuple[str, ...]
    evidence: int


@dataclass
class CaseState:
    """What is in force for one subject: assignee, due date, latest decision, notes."""

    assignee: str | None = None
    due_on: dt.date | None = None
    decision: CaseEntry | None = None
    notes: int = 0
    entries: int = 0

    @property
    def overdue(self) -> bool:
        """Whether the due date has passed."""
        return self.due_on is not None and self.due_on < utc_now().date()


@dataclass(frozen=True)
class EntryView:
    """A casework entry as one reader is shown it: its text pseudonymised, or, when another
    agency wrote it, marked as held by that agency (the hub reads every entry)."""

    entry: CaseEntry
    text: str
    held: bool = False

    def __getattr__(self, name: str):
        return getattr(self.entry, name)


def entries_shown(entries: list[CaseEntry], *, reader_agency: str | None, show_text) -> list[EntryView]:
    """`entries` for a reader of `reader_agency` (None: the hub); `show_text` pseudonymises a
    list of texts (`lookout.pseudonymise.FreeText.show`)."""
    readable = [e for e in entries if reader_agency is None or e.by_agency == reader_agency]
    shown = dict(zip((e.id for e in readable), show_text([e.text or "" for e in readable])))
    return [EntryView(e, shown[e.id]) if e.id in shown else
            EntryView(e, f"{HELD_ELSEWHERE} ({e.by_agency or 'the safeguarding hub'})", held=True)
            for e in entries]


def child_records(con: duckdb.DuckDBPyConnection, person_id: str) -> list[str]:
    """The person's records now, as `source|record_id`."""
    if "result_linkage" not in table_names(con):
        return []
    return [r[0] for r in con.execute(
        "SELECT source || '|' || record_id FROM result_linkage WHERE person_id = ? ORDER BY 1",
        [person_id]).fetchall()]


def flag_snapshot(con: duckdb.DuckDBPyConnection, person_id: str) -> FlagSnapshot:
    """The child's published flag now (level None if not flagged)."""
    tables = table_names(con)
    if "result_flags" not in tables:
        return FlagSnapshot(None, None, (), 0)
    rows = con.execute("SELECT level, score, indicators FROM result_flags WHERE person_id = ?",
                       [person_id]).fetchall()
    evidence = con.execute("SELECT count(*) FROM result_flag_evidence WHERE person_id = ?",
                           [person_id]).fetchall()[0][0] if "result_flag_evidence" in tables else 0
    if not rows:
        return FlagSnapshot(None, None, (), evidence)
    level, score, indicators = rows[0]
    return FlagSnapshot(level, score, tuple(i for i in (indicators or "").split(";") if i), evidence)


def add_entry(session: Session, *, subject_kind: str, subject_id: str, records: list[str],
              kind: str, by: str, by_agency: str | None = None, text: str = "", decision: str | None = None,
              assignee: str | None = None, due_on: dt.date | None = None,
              snapshot: FlagSnapshot | None = None) -> CaseEntry:
    """Append one casework entry (in the caller's transaction) after checking it makes sense;
    ValueError says what is wrong in words a user can act on. `by_agency` is the writer's
    agency (None: the hub): only that agency and the hub read the entry's text."""
    text = (text or "").strip()
    if subject_kind not in ("child", "finding"):
        raise ValueError(f"casework is kept on children and findings, not {subject_kind!r}")
    if kind == "decision":
        if decision not in DECISIONS:
            raise ValueError(f"choose a decision: {', '.join(DECISIONS)}")
        if not text:
            raise ValueError("a decision needs a reason")
    elif kind == "assignment":
        user = session.execute(select(User).where(User.username == (assignee or "").strip())
                               ).scalar_one_or_none()
        if user is None or not user.active or user.role not in CASEWORK:
            raise ValueError(f"{assignee!r} is not an active analyst, manager or practitioner")
        assignee = user.username
    elif kind == "note":
        if not text:
            raise ValueError("a note needs some text")
    else:
        raise ValueError(f"unknown casework entry {kind!r}")
    entry = CaseEntry(subject_kind=subject_kind, subject_id=subject_id, kind=kind,
                      decision=decision if kind == "decision" else None,
                      assignee=assignee if kind == "assignment" else None,
                      due_on=due_on, text=text, by_username=by, by_agency=by_agency, at=utc_now())
    if snapshot is not None:
        entry.level_seen, entry.score_seen = snapshot.level, snapshot.score
        entry.indicators_seen, entry.evidence_seen = ";".join(snapshot.indicators), snapshot.evidence
    entry.records = [CaseEntryRecord(record=r) for r in sorted(set(records))]
    session.add(entry)
    session.flush()
    return entry


def assignable_users(session: Session) -> list[str]:
    """Usernames casework can be assigned to: active analysts, managers and practitioners."""
    return list(session.execute(select(User.username).where(
        User.active.is_(True), User.role.in_(sorted(CASEWORK))).order_by(User.username)).scalars().all())


def entries_for(session: Session, con: duckdb.DuckDBPyConnection | None, subject_kind: str,
                subject_id: str, records: list[str]) -> list[CaseEntry]:
    """Every entry on the subject, oldest first, including entries made under an earlier
    person id whose records it now holds."""
    query = select(CaseEntry).where(CaseEntry.subject_kind == subject_kind)
    by_record = select(CaseEntryRecord.entry_id).where(CaseEntryRecord.record.in_(records or [""]))
    candidates = session.execute(query.where(or_(CaseEntry.subject_id == subject_id,
                                                 CaseEntry.id.in_(by_record)))
                                 .order_by(CaseEntry.at, CaseEntry.id)).scalars().all()
    if subject_kind != "child" or con is None:
        return [e for e in candidates if e.subject_id == subject_id]
    owners = _owners(con, candidates)
    return [e for e in candidates if owners.get(e.id) == subject_id]


def states_for_children(session: Session, con: duckdb.DuckDBPyConnection) -> dict[str, CaseState]:
    """The casework in force for every child that has any, by current person id."""
    entries = session.execute(select(CaseEntry).where(CaseEntry.subject_kind == "child")
                              .order_by(CaseEntry.at, CaseEntry.id)).scalars().all()
    owners = _owners(con, entries)
    states: dict[str, CaseState] = {}
    for entry in entries:
        person = owners.get(entry.id)
        if person is not None:
            fold(states.setdefault(person, CaseState()), entry)
    return states


def fold(state: CaseState, entry: CaseEntry) -> CaseState:
    """Apply one entry (in time order) to a subject's state."""
    state.entries += 1
    if entry.kind == "assignment":
        state.assignee = entry.assignee
        state.due_on = entry.due_on or state.due_on
    elif entry.kind == "decision":
        state.decision = entry
        state.due_on = entry.due_on
    elif entry.kind == "note":
        state.notes += 1
    return state


def _owners(con: duckdb.DuckDBPyConnection, entries: list[CaseEntry]) -> dict[int, str]:
    """Entry id -> the current person id it belongs to (missing: nobody holds its records)."""
    if not entries or "result_linkage" not in table_names(con):
        return {}
    ids = sorted({e.subject_id for e in entries})
    records = sorted({r.record for e in entries for r in e.records})
    current = {r[0] for r in con.execute(
        "SELECT DISTINCT person_id FROM result_linkage WHERE list_contains(?, person_id)", [ids]).fetchall()}
    holder = dict(con.execute(
        "SELECT source || '|' || record_id, person_id FROM result_linkage "
        "WHERE list_contains(?, source || '|' || record_id)", [records]).fetchall()) if records else {}
    owners: dict[int, str] = {}
    for entry in entries:
        if entry.subject_id in current:
            owners[entry.id] = entry.subject_id
            continue
        holders = Counter(holder[r.record] for r in entry.records if r.record in holder)
        if holders:
            owners[entry.id] = sorted(holders.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return owners
