"""The review queue: flagged children in review order, with their casework and what changed
since someone last decided on them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
from sqlalchemy.orm import Session

from lookout.app.casework import DECISIONS, CaseState, states_for_children
from lookout.app.warehouse import WarehouseUnavailable, table_names

__all__ = ["QueueRow", "review_queue"]

LEVEL_ORDER = {"high": 3, "medium": 2, "low": 1}


@dataclass
class QueueRow:
    """One flagged child in the queue."""

    person_id: str
    level: str
    computed_level: str
    score: int
    agencies: int
    first_flagged_at: dt.date | None
    indicators: list[str]
    sources: list[str]
    evidence: int
    override_by: str | None
    state: CaseState
    changes: list[str]
    held_elsewhere: int = 0

    @property
    def status(self) -> str:
        """`awaiting review` until a decision is recorded, then the decision's label."""
        if self.state.decision is None:
            return "awaiting review"
        return DECISIONS.get(self.state.decision.decision or "", self.state.decision.decision or "")

    def as_json(self) -> dict:
        """The row for the JSON API."""
        decision = self.state.decision
        return {"person_id": self.person_id, "level": self.level, "computed_level": self.computed_level,
                "score": self.score, "agencies": self.agencies,
                "first_flagged_at": self.first_flagged_at.isoformat() if self.first_flagged_at else None,
                "indicators": self.indicators, "sources": self.sources, "evidence": self.evidence,
                "held_elsewhere": self.held_elsewhere,
                "override_by": self.override_by, "status": self.status,
                "assignee": self.state.assignee,
                "due_on": self.state.due_on.isoformat() if self.state.due_on else None,
                "decision": decision.decision if decision else None,
                "decided_at": decision.at.isoformat() if decision else None,
                "changes": self.changes}


def review_queue(con: duckdb.DuckDBPyConnection, session: Session, *,
                 sources: frozenset[str] | None, level: str | None = None,
                 status: str | None = None, assignee: str | None = None) -> list[QueueRow]:
    """Flagged children highest level first, then score, then corroborating agencies.

    `sources` (None: all) keeps the queue to children with a record in those extracts, and
    each row to what those extracts show: the indicators, agency kinds and evidence records
    behind them, with the number of indicators held by other agencies (`held_elsewhere`).
    The level, score and count of agencies are the partnership's, shown to all.
    `status`: `awaiting` (no decision yet), `decided`, or None for both."""
    if "result_flags" not in table_names(con):
        raise WarehouseUnavailable("no flags yet: the indicators stage has not run in this workspace")
    scope = "" if sources is None else """AND person_id IN (SELECT person_id FROM result_linkage
                                                          WHERE list_contains(?, source))"""
    params = [] if sources is None else [sorted(sources)]
    rows = con.execute(f"""
        SELECT f.person_id, f.level, f.computed_level, f.score, f.agencies, f.first_flagged_at,
               f.indicators, f.sources, f.override_by, coalesce(e.evidence, 0)
        FROM result_flags f
        LEFT JOIN (SELECT person_id, count(*) AS evidence FROM result_flag_evidence
                   GROUP BY person_id) e USING (person_id)
        WHERE true {scope}
        ORDER BY CASE f.level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END DESC,
                 f.score DESC, f.agencies DESC, f.first_flagged_at, f.person_id""", params).fetchall()
    seen = None if sources is None else _visible_evidence(con, sources)
    states = states_for_children(session, con)
    queue = []
    for pid, lvl, computed, score, agencies, first, indicators, kinds, override_by, evidence in rows:
        if level and lvl != level:
            continue
        state = states.get(pid, CaseState())
        if status == "awaiting" and state.decision is not None:
            continue
        if status == "decided" and state.decision is None:
            continue
        if assignee and state.assignee != assignee:
            continue
        inds = [i for i in (indicators or "").split(";") if i]
        kinds = [k for k in (kinds or "").split(";") if k]
        shown, shown_kinds, shown_evidence = inds, kinds, evidence
        if seen is not None:
            visible_inds, visible_kinds, shown_evidence = seen.get(pid, (set(), set(), 0))
            shown = [i for i in inds if i in visible_inds]
            shown_kinds = [k for k in kinds if k in visible_kinds]
        queue.append(QueueRow(pid, lvl, computed, score, agencies, first, shown, shown_kinds,
                              shown_evidence, override_by, state,
                              changes_since_review(state, lvl, score, shown, evidence),
                              len(inds) - len(shown)))
    return queue


def _visible_evidence(con: duckdb.DuckDBPyConnection,
                      sources: frozenset[str]) -> dict[str, tuple[set[str], set[str], int]]:
    """Per child: the indicators and agency kinds with evidence in `sources`, and how many
    such evidence records there are."""
    return {pid: (set(inds), set(kinds), n) for pid, inds, kinds, n in con.execute("""
        SELECT person_id, list(DISTINCT indicator_id), list(DISTINCT kind), count(*)
        FROM result_flag_evidence WHERE list_contains(?, source) GROUP BY person_id""",
        [sorted(sources)]).fetchall()}


def changes_since_review(state: CaseState, level: str, score: int, indicators: list[str],
                         evidence: int) -> list[str]:
    """What differs now from the flag as it was when the latest decision was recorded."""
    decision = state.decision
    if decision is None:
        return ["new: no decision recorded yet"]
    changes = []
    if decision.level_seen != level:
        direction = "up" if LEVEL_ORDER.get(level, 0) > LEVEL_ORDER.get(decision.level_seen or "", 0) else "down"
        changes.append(f"level {direction}: {decision.level_seen or 'not flagged'} to {level}")
    elif decision.score_seen is not None and decision.score_seen != score:
        changes.append(f"score {decision.score_seen} to {score}")
    seen = set((decision.indicators_seen or "").split(";")) - {""}
    added = [i for i in indicators if i not in seen]
    if added:
        changes.append("new indicators: " + ", ".join(added))
    if decision.evidence_seen is not None and evidence > decision.evidence_seen:
        changes.append(f"{evidence - decision.evidence_seen} new evidence record(s)")
    return changes or [f"no change since {decision.at:%d %b %Y}"]
