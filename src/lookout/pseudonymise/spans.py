"""Stretches of a note that identify someone, and masking them.

A `Span` says where in a note something identifying was found, what kind of thing it is and
which recogniser found it, so an analyst can be told why a word was hidden. `merge` turns the
recognisers' overlapping finds into one clean list, and `mask` replaces each span with a
bracketed label such as `[name]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

__all__ = ["KINDS", "Span", "mask", "merge"]

# What each kind is shown as when masked. Order is specificity: when finds of two kinds
# overlap, the kind listed first wins.
KINDS = {
    "email": "[email]",
    "phone": "[phone]",
    "postcode": "[postcode]",
    "vehicle": "[vehicle]",
    "date_of_birth": "[date of birth]",
    "address": "[address]",
    "name": "[name]",
}
_SPECIFICITY = {kind: rank for rank, kind in enumerate(KINDS)}
# Two parts of one name may be separated by a space or a hyphen ("Tariq Hussain", "Smith-Jones").
_NAME_GAP = re.compile(r"[ \t]*-?[ \t]*")


@dataclass(frozen=True)
class Span:
    """Characters `start:end` of a note are `text`, an identifying `kind`, found by `found_by`."""

    start: int
    end: int
    kind: str
    text: str
    found_by: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown span kind {self.kind!r}; expected one of {', '.join(KINDS)}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"span {self.start}:{self.end} is empty or negative")


def _better(a: Span, b: Span) -> Span:
    """Of two overlapping spans of different kinds, the more specific (a shape such as a
    postcode is surer than a name), then the longer."""
    return min(a, b, key=lambda s: (_SPECIFICITY[s.kind], -(s.end - s.start)))


def _joined(text: str, a: Span, b: Span) -> Span:
    """One name span covering both name spans a and b (a starts first)."""
    found_by = "+".join(dict.fromkeys(a.found_by.split("+") + b.found_by.split("+")))
    end = max(a.end, b.end)
    return Span(a.start, end, "name", text[a.start:end], found_by)


def merge(text: str, spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans in text order: overlapping names are united, otherwise the more
    specific (then longer) span wins; names separated only by a space or hyphen are joined
    into one."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        while kept and kept[-1].end > span.start:
            last = kept.pop()
            both_names = last.kind == span.kind == "name"
            span = _joined(text, last, span) if both_names else _better(last, span)
        kept.append(span)
    joined: list[Span] = []
    for span in kept:
        last = joined[-1] if joined else None
        if (last and last.kind == span.kind == "name"
                and _NAME_GAP.fullmatch(text, last.end, span.start)):
            joined[-1] = _joined(text, last, span)
        else:
            joined.append(span)
    return joined


def mask(text: str, spans: Iterable[Span], label: Callable[[Span], str] | None = None) -> str:
    """The text with each span replaced by its kind's label (`[name]`, `[postcode]`...) or by
    `label(span)` if given. Spans may overlap; they are merged first."""
    pieces, at = [], 0
    for span in merge(text, spans):
        pieces.append(text[at:span.start])
        pieces.append(label(span) if label else KINDS[span.kind])
        at = span.end
    pieces.append(text[at:])
    return "".join(pieces)
