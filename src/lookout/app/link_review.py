"""The clerical link review queue for the app: undecided pairs in the review band, each with
its field-by-field evidence. Decisions go through `lookout.link.review.record_decision`,
the one way link decisions are kept; they take effect when linkage next runs."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from lookout.app.warehouse import WarehouseUnavailable, table_names
from lookout.link.explain import FieldEvidence, explain_record
from lookout.link.review import review_queue
from lookout.workspace import Workspace

__all__ = ["PairToReview", "pairs_to_review"]


@dataclass(frozen=True)
class PairToReview:
    """A pair the model is unsure of, with the weight each field added."""

    pair_id: str
    match_probability: float
    left: tuple[str, str]
    right: tuple[str, str]
    fields: list[FieldEvidence]
    kept_apart_because: str | None = None


def pairs_to_review(con: duckdb.DuckDBPyConnection, workspace: Workspace, *,
                    sources: frozenset[str] | None, limit: int = 100) -> list[PairToReview]:
    """Undecided pairs, most probable first (both records in `sources`, when given)."""
    if "link_pairs" not in table_names(con):
        raise WarehouseUnavailable("no linkage yet: the link stage has not run in this workspace")
    pairs = []
    for pair_id, p, sl, rl, sr, rr in review_queue(con, workspace):
        if sources is not None and not (sl in sources and sr in sources):
            continue
        explained = explain_record(con, workspace, sl, rl)
        link = next((link for link in explained.links if link.pair_id == pair_id), None)
        pairs.append(PairToReview(pair_id, p, (sl, rl), (sr, rr), link.fields if link else [],
                                  link.kept_apart_because if link else None))
        if len(pairs) >= limit:
            break
    return pairs
