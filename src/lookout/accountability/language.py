"""Victim-blaming language: the phrase list (`catalogue/language.yaml`), read by the shared
phrase matcher (`lookout.phrases`), each phrase with the wording to use instead (`suggest`)."""

from __future__ import annotations

from pathlib import Path

from lookout.phrases import Phrase, PhraseMatch
from lookout.phrases import find_phrases as _find
from lookout.phrases import load_phrases as _load

__all__ = ["LANGUAGE_FILE", "find_phrases", "load_phrases", "suggestion"]

LANGUAGE_FILE = Path(__file__).parent / "catalogue" / "language.yaml"


def load_phrases(path: Path = LANGUAGE_FILE) -> tuple[Phrase, ...]:
    """Every victim-blaming phrase, each with its `suggest` wording."""
    return _load(path, ("suggest",))


def find_phrases(text: str | None, phrases: tuple[Phrase, ...] | None = None) -> list[PhraseMatch]:
    """Every victim-blaming phrase in `text` that is not negated, in order of appearance."""
    return _find(text, phrases if phrases is not None else load_phrases())


def suggestion(match: PhraseMatch) -> str:
    """What to write instead of the words matched."""
    return match.phrase.fields["suggest"]
