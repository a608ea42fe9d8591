"""Pseudonymising agency free text: finding and masking what identifies people.

Police intelligence, incident summaries, case notes and A&E or clinic notes name people,
including people in no structured record. `find_spans` finds their names and nicknames, dates
of birth, addresses, postcodes, phone numbers, vehicle registration marks and e-mail
addresses; `mask` hides them behind labels such as `[name]` until someone reveals them.

    spans = find_spans(descriptions)
    shown = [mask(text, found) for text, found in zip(descriptions, spans)]
"""

from __future__ import annotations

from collections.abc import Sequence

from lookout.pseudonymise.engine import PipelineMissing, Recogniser
from lookout.pseudonymise.spans import KINDS, Span, mask, merge

__all__ = ["KINDS", "PipelineMissing", "Recogniser", "Span", "find_spans", "mask", "merge"]


def find_spans(texts: Sequence[str]) -> list[list[Span]]:
    """The identifying spans in each text, found by the process's shared recogniser."""
    return Recogniser.shared().find_many(texts)
