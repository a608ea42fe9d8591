"""Victim-blaming language: the phrase list (`catalogue/language.yaml`) and the matcher.

Text is read the way people write it: case, hyphens, underscores, slashes and runs of spaces
do not matter, and each phrase's pattern carries its own inflections ("puts", "putting",
"placed ... themselves"). A phrase preceded in the same clause, within three words, by a
negation is not raised, so "she could not consent" and "not streetwise at all" pass while
"she consented" and "very streetwise" do not. Each match is quoted with the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

__all__ = ["LANGUAGE_FILE", "Phrase", "PhraseMatch", "find_phrases", "load_phrases", "normalise"]

LANGUAGE_FILE = Path(__file__).parent / "catalogue" / "language.yaml"

_SPACES = re.compile(r"[\s\-_/]+")
_NEGATION = re.compile(
    r"\b(?:not|never|no|nor|cannot|can't|cant|couldn't|could not|wasn't|isn't|aren't|weren't|didn't|"
    r"did not|doesn't|does not|unable to|incapable of|too young to|is not|was not)\b")
_CLAUSE_END = re.compile(r"[.;:!?,]")
_CONTEXT = 60


@dataclass(frozen=True)
class Phrase:
    """One kind of victim-blaming wording, how to find it, and what to write instead."""

    id: str
    pattern: re.Pattern[str]
    suggest: str
    examples: tuple[str, ...]
    not_examples: tuple[str, ...]


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase found in a text: the words as written, and the sentence around them."""

    phrase_id: str
    found: str
    context: str
    suggest: str


def normalise(text: str) -> str:
    """Lower case, curly quotes straightened, hyphens, underscores and slashes read as spaces."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _SPACES.sub(" ", text)


@lru_cache(maxsize=4)
def load_phrases(path: Path = LANGUAGE_FILE) -> tuple[Phrase, ...]:
    """Every phrase of the list, its pattern compiled; a broken entry names itself."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    phrases = []
    for number, raw in enumerate(document.get("phrases") or [], 1):
        name = raw.get("id") if isinstance(raw, dict) else None
        if not name or not raw.get("pattern") or not raw.get("suggest"):
            raise ValueError(f"{path}, phrase #{number}: needs `id`, `pattern` and `suggest`")
        try:
            pattern = re.compile(rf"\b(?:{raw['pattern']})\b")
        except re.error as error:
            raise ValueError(f"{path}, phrase {name!r}: pattern is not a regular expression ({error})") from error
        phrases.append(Phrase(name, pattern, " ".join(raw["suggest"].split()),
                              tuple(raw.get("examples") or ()), tuple(raw.get("not") or ())))
    if len({p.id for p in phrases}) != len(phrases):
        raise ValueError(f"{path}: phrase ids must be unique")
    return tuple(phrases)


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    clause = _CLAUSE_END.split(before)[-1]
    words = clause.split()[-3:]
    return bool(_NEGATION.search(" ".join(words)))


def find_phrases(text: str | None, phrases: tuple[Phrase, ...] | None = None) -> list[PhraseMatch]:
    """Every victim-blaming phrase in `text` that is not negated, in order of appearance."""
    if not text:
        return []
    plain = normalise(text)
    found = []
    for phrase in phrases if phrases is not None else load_phrases():
        for match in phrase.pattern.finditer(plain):
            if _negated(plain, match.start()):
                continue
            left, right = max(0, match.start() - _CONTEXT), min(len(plain), match.end() + _CONTEXT)
            context = ("..." if left else "") + plain[left:right].strip() + ("..." if right < len(plain) else "")
            found.append((match.start(), PhraseMatch(phrase.id, match.group(0), context, phrase.suggest)))
    return [m for _, m in sorted(found, key=lambda item: item[0])]
