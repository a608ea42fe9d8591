"""The run report: what a run used, what it could not use and why, in plain English.

A partnership's first drop is seldom complete: one agency, a few columns missing, old dates,
another area's formats. Every such drop runs, and the run says what it made of it: which
extracts and files were read and what was quarantined, which comparisons the linkage model
used and which it left out, whether the model was learned from the drop or took the shipped
defaults, which indicators and checks had nothing to look at. Each stage writes its own
section; the report is kept in the workspace (`run-report.json`), printed at the end of
`lookout run`, shown by `lookout status` and the app's run page, and written by
`lookout export` beside the contract's files.

Each line has a status: `used` (what the run worked from), `not_used` (left out, with why),
`default` (a shipped default stood in for what the data could not say) or `note`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from lookout.workspace import Workspace

__all__ = ["Line", "STAGES", "load_report", "render_text", "report_path", "save_section",
           "start_report", "SECTION_TITLES"]

STAGES = ("ingest", "link", "indicators", "networks", "accountability")
SECTION_TITLES = {
    "ingest": "Extracts read", "link": "Linking records into people",
    "indicators": "Indicators", "networks": "Networks", "accountability": "Accountability checks"}
STATUSES = ("used", "not_used", "default", "note")


@dataclass(frozen=True)
class Line:
    """One statement of the report."""

    status: str
    text: str

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"a run report line's status is one of {', '.join(STATUSES)}")


def report_path(workspace: Workspace) -> Path:
    """Where the workspace keeps its latest run report (a staged command writes beside it)."""
    return workspace.root / ("run-report.next.json" if workspace.staging else "run-report.json")


def load_report(workspace: Workspace) -> dict[str, Any] | None:
    """The latest run report, or None when nothing has run in the workspace."""
    path = report_path(workspace)
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def _write(workspace: Workspace, report: dict[str, Any]) -> None:
    # written beside and renamed over, so a reader never sees half a report
    path = report_path(workspace)
    workspace.ensure()
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, path)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def start_report(workspace: Workspace, *, drop: Path | None, engine: str) -> None:
    """Begin a new report for a run over `drop` (sections are added as stages finish)."""
    _write(workspace, {"started_at": _now(), "drop": str(drop) if drop else None,
                       "engine": engine, "sections": {}})


def save_section(workspace: Workspace, stage: str, lines: Iterable[Line]) -> None:
    """Write (or replace) one stage's section of the workspace's report."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}: one of {', '.join(STAGES)}")
    report = load_report(workspace) or {"started_at": _now(), "drop": None,
                                        "engine": workspace.engine, "sections": {}}
    report["sections"][stage] = {"written_at": _now(), "lines": [asdict(line) for line in lines]}
    _write(workspace, report)


_MARKS = {"used": "-", "not_used": "- not used:", "default": "- default:", "note": "-"}


def render_text(report: dict[str, Any], *, only: tuple[str, ...] | None = None) -> str:
    """The report as plain text, section by section; `only` keeps lines of those statuses."""
    out = [f"Run report (started {report['started_at']}, engine {report['engine']}"
           + (f", drop {report['drop']}" if report.get("drop") else "") + ")"]
    for stage in STAGES:
        section = report["sections"].get(stage)
        if not section:
            continue
        lines = [line for line in section["lines"] if only is None or line["status"] in only]
        if not lines:
            continue
        out.append("")
        out.append(SECTION_TITLES[stage])
        out.extend(f"{_MARKS[line['status']]} {line['text']}" for line in lines)
    return "\n".join(out) + "\n"
