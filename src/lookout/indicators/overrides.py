"""Practitioners' overrides of a flag's level: authoritative, append-only, outside the warehouse.

A score is a prompt for professional judgement (SERAF is "always overridable by a
professional"). An override sets a child's level (`none`, `low`, `medium`, `high`) with who
decided and why; it is appended to `WS/decisions/flag_overrides.jsonl`, never rewritten and
never kept in the rebuildable warehouse, and the latest override for a person wins on every
later run. The same decision log as link decisions (`lookout.decisions`): a JSON line per decision,
latest wins.

An override names the person id and the person's records at the time, so that if re-linking
gives the child a new id the override follows the records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from lookout.decisions import append_decision, decision_log_path, read_decisions
from lookout.indicators.vocabulary import LEVELS
from lookout.workspace import Workspace
from lookout.warehouse.database import table_names

__all__ = ["Override", "load_overrides", "overrides_path", "record_override", "resolve_overrides"]


@dataclass(frozen=True)
class Override:
    """A practitioner's decision on a child's level, with who made it, when and why."""

    person_id: str
    level: str
    reason: str
    by: str
    at: str
    computed_level: str | None = None
    records: list[str] = field(default_factory=list)


LOG = "flag_overrides"


def overrides_path(workspace: Workspace) -> Path:
    """The append-only file of flag overrides."""
    return decision_log_path(workspace, LOG)


def load_overrides(workspace: Workspace) -> list[Override]:
    """Every override ever recorded, oldest first."""
    return read_decisions(workspace, LOG, Override, "flag override")


def record_override(workspace: Workspace, con: duckdb.DuckDBPyConnection | None, person_id: str, *,
                    level: str, reason: str, by: str) -> Override:
    """Append an override of `person_id`'s level and return it. `con` (the warehouse, if any)
    supplies the person's records and computed level, kept with the override."""
    if level not in LEVELS:
        raise ValueError(f"level {level!r} is not one of {', '.join(LEVELS)}")
    if not by.strip() or not reason.strip():
        raise ValueError("an override needs who made it (--by) and why (--reason)")
    records: list[str] = []
    computed = None
    if con is not None:
        tables = table_names(con)
        if "result_linkage" in tables:
            records = [f"{s}|{r}" for s, r in con.execute(
                "SELECT source, record_id FROM result_linkage WHERE person_id = ? ORDER BY ALL",
                [person_id]).fetchall()]
            if not records:
                raise ValueError(f"no person has id {person_id!r}: `lookout flags` lists flagged children")
        if "result_flags" in tables:
            rows = con.execute("SELECT computed_level FROM result_flags WHERE person_id = ?",
                               [person_id]).fetchall()
            computed = rows[0][0] if rows else "none"
    override = Override(person_id, level, reason.strip(), by.strip(),
                        dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                        computed, records)
    append_decision(workspace, LOG, override)
    return override


def resolve_overrides(con: duckdb.DuckDBPyConnection, workspace: Workspace) -> dict[str, Override]:
    """The override in force for each current person id: the latest one recorded for them.

    An override whose person id no longer exists follows the records it named, to the person
    now holding most of them."""
    overrides = load_overrides(workspace)
    if not overrides:
        return {}
    current = {r[0] for r in con.execute("SELECT DISTINCT person_id FROM result_linkage").fetchall()}
    owner = dict(con.execute("SELECT source || '|' || record_id, person_id FROM result_linkage").fetchall())
    in_force: dict[str, Override] = {}
    for override in overrides:
        person = override.person_id
        if person not in current:
            holders = [owner[r] for r in override.records if r in owner]
            if not holders:
                continue
            person = max(sorted(set(holders)), key=holders.count)
        in_force[person] = override
    return in_force
