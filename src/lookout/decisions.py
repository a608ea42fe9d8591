"""Decision logs: what people decided, kept append-only in the workspace.

Decisions are authoritative data, not derived: they live in `WS/decisions/<log>.jsonl`, one
JSON object per line, never rewritten and never kept in the rebuildable warehouse, so a re-run
of the pipeline can neither lose nor change them. Each kind of decision (a link between two
records, a flag's level, a finding's status) is a frozen dataclass; its log is read back
oldest first and the caller decides which decision is in force (for every kind today: the
latest).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar

from lookout.workspace import Workspace

__all__ = ["append_decision", "decision_log_path", "read_decisions"]

T = TypeVar("T")


def decision_log_path(workspace: Workspace, log: str) -> Path:
    """The append-only file of one kind of decision."""
    return workspace.root / "decisions" / f"{log}.jsonl"


def append_decision(workspace: Workspace, log: str, decision: Any) -> None:
    """Append one decision (a dataclass) to its log."""
    path = decision_log_path(workspace, log)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(decision), sort_keys=True) + "\n")


def read_decisions(workspace: Workspace, log: str, kind: type[T], what: str) -> list[T]:
    """Every decision in a log, oldest first; a damaged line is an error naming file and line."""
    path = decision_log_path(workspace, log)
    if not path.exists():
        return []
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(kind(**json.loads(line)))
        except (TypeError, ValueError) as error:
            raise ValueError(f"{path}, line {number}: not a {what} ({error})") from error
    return found
