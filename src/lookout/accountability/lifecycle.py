"""A finding's life cycle: open, acknowledged, resolved with a reason.

Statuses are decisions people make, so they live with the other decisions in an append-only
log (`WS/decisions/finding_status.jsonl`, see `lookout.decisions`), never in the rebuildable
warehouse. A finding's id is derived from its check and the record it cites, so the same
failure found again on a later run is the same finding: once resolved it stays resolved
and is not raised again; acknowledged, it stays acknowledged. The latest status wins, so a
finding resolved by mistake can be re-opened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lookout.decisions import append_decision, read_decisions
from lookout.workspace import Workspace

__all__ = ["STATUSES", "FindingStatus", "load_statuses", "record_status", "statuses_in_force"]

LOG = "finding_status"
STATUSES = ("open", "acknowledged", "resolved")


@dataclass(frozen=True)
class FindingStatus:
    """Someone's decision on a finding: its new status, who, when and why."""

    finding_id: str
    status: str
    by: str
    reason: str
    at: str


def record_status(workspace: Workspace, finding_id: str, status: str, *, by: str, reason: str = "") -> FindingStatus:
    """Append a status for a finding and return it. Resolving (or re-opening) needs a reason."""
    if status not in STATUSES:
        raise ValueError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    if not finding_id.strip():
        raise ValueError("a status needs the finding's id")
    if not by.strip():
        raise ValueError("a status needs who set it (--by)")
    if status in ("resolved", "open") and not reason.strip():
        raise ValueError(f"a finding can only be {'resolved' if status == 'resolved' else 're-opened'} "
                         "with a reason (--reason)")
    entry = FindingStatus(finding_id.strip(), status, by.strip(), reason.strip(),
                          dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    append_decision(workspace, LOG, entry)
    return entry


def load_statuses(workspace: Workspace) -> list[FindingStatus]:
    """Every status ever recorded, oldest first."""
    return read_decisions(workspace, LOG, FindingStatus, "finding status")


def statuses_in_force(workspace: Workspace) -> dict[str, FindingStatus]:
    """The latest status of each finding that has one."""
    return {s.finding_id: s for s in load_statuses(workspace)}
