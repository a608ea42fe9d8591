"""Clerical review: pairs the model is unsure of, and the decisions people make on them.

Fellegi and Sunter's model has three outcomes: link, non-link and "possible link" for a person
to decide. Decisions are authoritative data, not derived: they are appended to
`WS/decisions/link_decisions.jsonl` (never rewritten, never kept in the rebuildable
warehouse) with who decided, when and why, and the latest decision on a pair wins over the
model on every later run. Pairs are named by their two records, so a decision survives
re-ingest and retraining.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from lookout.decisions import append_decision, decision_log_path, read_decisions
from lookout.workspace import Workspace

__all__ = ["Decision", "HELD_SQL", "decisions_path", "held_reason", "kept_apart_reasons",
           "load_decisions", "record_decision", "review_queue"]

# Whether a pair of `link_pairs` (aliased `p`) is one a torn record's links held back.
HELD_SQL = ("EXISTS (SELECT 1 FROM link_held_pairs h WHERE h.unique_id_l = least(p.unique_id_l, "
            "p.unique_id_r) AND h.unique_id_r = greatest(p.unique_id_l, p.unique_id_r))")


def held_reason(contradiction: str | None, held: bool) -> str | None:
    """Why a pair is kept apart though its evidence may be strong, in words; None if it is not."""
    return contradiction or ("one of the two records links about as strongly to another person "
                             "known to be different" if held else None)


def kept_apart_reasons(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """pair id -> why the pair is kept apart, for every pair that is."""
    rows = con.execute(f"""SELECT pair_id, contradiction, {HELD_SQL} FROM link_pairs p
                           WHERE contradiction IS NOT NULL OR {HELD_SQL}""").fetchall()
    return {pair: held_reason(contradiction, held) for pair, contradiction, held in rows}


@dataclass(frozen=True)
class Decision:
    """A person's decision that two records are (accept) or are not (reject) the same person."""

    pair_id: str
    source_l: str
    record_id_l: str
    source_r: str
    record_id_r: str
    decision: str
    by: str
    reason: str
    at: str

    @property
    def unique_ids(self) -> tuple[str, str]:
        """The two records as the linkage names them (`source|record_id`), smaller first."""
        return tuple(sorted((f"{self.source_l}|{self.record_id_l}",
                             f"{self.source_r}|{self.record_id_r}")))  # type: ignore[return-value]


LOG = "link_decisions"


def decisions_path(workspace: Workspace) -> Path:
    """The append-only file of link decisions."""
    return decision_log_path(workspace, LOG)


def load_decisions(workspace: Workspace) -> dict[tuple[str, str], Decision]:
    """The decision in force for each pair of records: the latest one recorded."""
    return {d.unique_ids: d for d in read_decisions(workspace, LOG, Decision, "link decision")}


def record_decision(workspace: Workspace, con: duckdb.DuckDBPyConnection, pair_id: str, *,
                    accept: bool, by: str, reason: str) -> Decision:
    """Append a decision on a scored pair (named by its pair id) and return it."""
    if not by.strip() or not reason.strip():
        raise ValueError("a link decision needs who made it (--by) and why (--reason)")
    rows = con.execute("""SELECT source_l, record_id_l, source_r, record_id_r FROM link_pairs
                          WHERE pair_id = ?""", [pair_id]).fetchall()
    if not rows:
        raise ValueError(f"no scored pair has id {pair_id!r}: `lookout links review` lists them")
    source_l, record_id_l, source_r, record_id_r = rows[0]
    decision = Decision(pair_id, source_l, record_id_l, source_r, record_id_r,
                        "accept" if accept else "reject", by.strip(), reason.strip(),
                        dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
    append_decision(workspace, LOG, decision)
    return decision


def review_queue(con: duckdb.DuckDBPyConnection, workspace: Workspace,
                 limit: int | None = None) -> list[tuple]:
    """Undecided pairs in the review band, and links held back from a record torn between two
    people, most probable first:
    (pair_id, match_probability, source_l, record_id_l, source_r, record_id_r)."""
    decided = set(load_decisions(workspace))
    rows = con.execute(f"""
        SELECT pair_id, match_probability, source_l, record_id_l, source_r, record_id_r,
               unique_id_l, unique_id_r
        FROM link_pairs p WHERE band = 'review' OR {HELD_SQL}
        ORDER BY match_probability DESC, pair_id""").fetchall()
    queue = [row[:6] for row in rows if tuple(sorted(row[6:])) not in decided]
    return queue[:limit] if limit else queue
