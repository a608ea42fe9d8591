"""Why a record belongs to its person: the links that hold it there, field by field."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from lookout.link.review import HELD_SQL, held_reason, load_decisions
from lookout.link.settings import COMPARISONS
from lookout.warehouse.database import table_names
from lookout.workspace import Workspace

__all__ = ["FieldEvidence", "LinkExplanation", "RecordExplanation", "explain_record"]


@dataclass(frozen=True)
class FieldEvidence:
    """One comparison of one pair: the level it fell in and the match weight it added."""

    comparison: str
    level: str
    weight: float


@dataclass(frozen=True)
class LinkExplanation:
    """A scored pair involving the record, with the decision on it if one was made."""

    pair_id: str
    other_source: str
    other_record_id: str
    match_probability: float
    match_weight: float
    band: str
    same_person: bool
    decision: str | None
    fields: list[FieldEvidence]
    # why the pair is not linked though the model's evidence may be strong: a contradiction
    # (different NHS numbers, say), or a record torn between two people; None when neither
    kept_apart_because: str | None = None


@dataclass(frozen=True)
class RecordExplanation:
    """A record's person id, the records it was resolved with, and the links that did it."""

    source: str
    record_id: str
    person_id: str
    match_probability: float | None
    members: list[tuple[str, str]]
    links: list[LinkExplanation]


def explain_record(con: duckdb.DuckDBPyConnection, workspace: Workspace, source: str,
                   record_id: str) -> RecordExplanation:
    """Explain how the record `(source, record_id)` was resolved."""
    found = con.execute("""SELECT person_id, match_probability FROM result_linkage
                           WHERE source = ? AND record_id = ?""", [source, record_id]).fetchall()
    if not found:
        raise ValueError(f"no linked record {source} / {record_id}: check the extract folder "
                         "name and the record's own id, and that `lookout link` has run")
    person_id, probability = found[0]
    members = [tuple(r) for r in con.execute(
        "SELECT source, record_id FROM result_linkage WHERE person_id = ? ORDER BY ALL",
        [person_id]).fetchall()]
    labels = {(c, g): label for c, g, label in con.execute(
        "SELECT comparison, gamma, label FROM link_levels").fetchall()}
    decisions = load_decisions(workspace)
    uid = f"{source}|{record_id}"
    columns = ", ".join(f"gamma_{c}, weight_{c}" for c in COMPARISONS)
    held = HELD_SQL if "link_held_pairs" in table_names(con) else "false"
    rows = con.execute(f"""
        SELECT pair_id, unique_id_l, unique_id_r, match_probability, match_weight, band,
               contradiction, {held}, {columns}
        FROM link_pairs p WHERE unique_id_l = ? OR unique_id_r = ?
        ORDER BY match_probability DESC, pair_id""", [uid, uid]).fetchall()
    links = []
    member_set = {f"{s}|{r}" for s, r in members}
    for row in rows:
        pair_id, left, right, p, weight, band, contradiction, torn = row[:8]
        other = right if left == uid else left
        # a comparison the model does not use has no level: it is not evidence either way
        fields = [FieldEvidence(c, labels.get((c, row[8 + 2 * i]), str(row[8 + 2 * i])),
                                row[9 + 2 * i]) for i, c in enumerate(COMPARISONS)
                  if row[8 + 2 * i] is not None]
        decision = decisions.get(tuple(sorted((left, right))))
        other_source, other_record = other.split("|", 1)
        because = held_reason(contradiction, torn)
        links.append(LinkExplanation(pair_id, other_source, other_record, p, weight, band,
                                     other in member_set,
                                     f"{decision.decision} by {decision.by}: {decision.reason}"
                                     if decision else None, fields, because))
    return RecordExplanation(source, record_id, person_id, probability, members, links)
