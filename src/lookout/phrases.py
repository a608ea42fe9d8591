"""Phrase lists read against practitioners' free text: loading, checking and matching.

Lookout reads words in two places: victim-blaming language (`accountability/catalogue/
language.yaml`) and the indicators practitioners record in words (`indicators/
recorded_concerns.yaml`). Both are YAML lists of phrases, each with an `id`, a regular
expression `pattern`, `examples` that must match and `not` examples that must not (the tests
check every one), and whatever else its list needs (`required`). A `pattern` may be a list
of alternatives, any of which matches.

Text is read the way people write it: case, hyphens, underscores, slashes and runs of spaces
do not matter, and each pattern carries its own inflections. A phrase preceded in the same
clause, within three words, by a negation is not raised, so "she could not consent" and "no
older males seen" pass while "she consented" and "older males seen" do not. Each match is
quoted with the words around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

__all__ = ["Phrase", "PhraseMatch", "find_phrases", "load_phrases", "normalise"]

_SPACES = re.compile(r"[\s\-_/]+")
_NEGATION = re.compile(
    r"\b(?:not|never|no|nor|cannot|can't|cant|couldn't|could not|wasn't|isn't|aren't|weren't|didn't|"
    r"did not|doesn't|does not|unable to|incapable of|too young to|is not|was not|denies|denied)\b")
_CLAUSE_END = re.compile(r"[.;:!?,]")
_CONTEXT = 60


@dataclass(frozen=True)
class Phrase:
    """One phrase of a list: how to find it, its examples, and its list's own fields."""

    id: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    not_examples: tuple[str, ...]
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase found in a text: the words as written, and the sentence around them."""

    phrase: Phrase
    found: str
    context: str

    @property
    def phrase_id(self) -> str:
        return self.phrase.id


def normalise(text: str) -> str:
    """Lower case, curly quotes straightened, hyphens, underscores and slashes read as spaces."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return _SPACES.sub(" ", text)


@lru_cache(maxsize=8)
def load_phrases(path: Path, required: tuple[str, ...] = ()) -> tuple[Phrase, ...]:
    """Every phrase of the list at `path`, its pattern compiled; a broken entry names itself.
    Each phrase must also hold the text fields named in `required`."""
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    phrases = []
    for number, raw in enumerate(document.get("phrases") or [], 1):
        name = raw.get("id") if isinstance(raw, dict) else None
        missing = [key for key in ("id", "pattern", *required) if not isinstance(raw, dict) or not raw.get(key)]
        if missing:
            raise ValueError(f"{path}, phrase {name or '#' + str(number)!r}: needs `{'`, `'.join(missing)}`")
        alternatives = raw["pattern"] if isinstance(raw["pattern"], list) else [raw["pattern"]]
        try:
            pattern = re.compile(r"\b(?:" + "|".join(f"(?:{a})" for a in alternatives) + r")\b")
        except re.error as error:
            raise ValueError(f"{path}, phrase {name!r}: pattern is not a regular expression ({error})") from error
        phrases.append(Phrase(name, pattern, tuple(raw.get("examples") or ()), tuple(raw.get("not") or ()),
                              {key: " ".join(str(raw[key]).split()) for key in required}))
    if len({p.id for p in phrases}) != len(phrases):
        raise ValueError(f"{path}: phrase ids must be unique")
    return tuple(phrases)


def _negated(text: str, start: int) -> bool:
    before = text[max(0, start - 40):start]
    clause = _CLAUSE_END.split(before)[-1]
    words = clause.split()[-3:]
    return bool(_NEGATION.search(" ".join(words)))


def find_phrases(text: str | None, phrases: tuple[Phrase, ...]) -> list[PhraseMatch]:
    """Every phrase of `phrases` in `text` that is not negated, in order of appearance."""
    if not text:
        return []
    plain = normalise(text)
    found = []
    for phrase in phrases:
        for match in phrase.pattern.finditer(plain):
            if _negated(plain, match.start()):
                continue
            left, right = max(0, match.start() - _CONTEXT), min(len(plain), match.end() + _CONTEXT)
            context = ("..." if left else "") + plain[left:right].strip() + ("..." if right < len(plain) else "")
            found.append((match.start(), PhraseMatch(phrase, match.group(0), context)))
    return [m for _, m in sorted(found, key=lambda item: item[0])]
