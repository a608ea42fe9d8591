"""The labelled sets for masking people's details in free-text notes are well formed: the two
held-out sets in benchmarks/pseudonymise/ and the development set in tests/data/."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SET_DIR = ROOT / "benchmarks" / "pseudonymise"
# (set, the script that builds it)
SETS = {
    "notes": (SET_DIR / "notes.jsonl", SET_DIR / "make_notes.py"),
    "notes_b": (SET_DIR / "notes_b.jsonl", SET_DIR / "make_notes_b.py"),
    "dev": (ROOT / "tests" / "data" / "pseudonymise_dev" / "dev_notes.jsonl",
            ROOT / "tests" / "data" / "pseudonymise_dev" / "make_dev_notes.py"),
}
KINDS = {"name", "nickname", "date_of_birth", "address", "postcode", "phone", "vehicle"}
SOURCE_KINDS = {"police", "social_care", "education", "health_emergency", "health_sexual"}


@pytest.fixture(scope="module", params=sorted(SETS))
def labelled(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="module")
def notes(labelled: str) -> list[dict]:
    with SETS[labelled][0].open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def test_there_are_enough_notes(notes: list[dict]) -> None:
    assert len(notes) >= 250


def test_ids_are_unique(notes: list[dict]) -> None:
    ids = [n["id"] for n in notes]
    assert len(ids) == len(set(ids))


def test_every_note_has_the_expected_fields(notes: list[dict]) -> None:
    for n in notes:
        assert set(n) == {"id", "source_kind", "text", "entities"}, n["id"]
        assert n["source_kind"] in SOURCE_KINDS, n["id"]
        assert isinstance(n["text"], str) and n["text"].strip(), n["id"]


def test_offsets_match_the_entity_text(notes: list[dict]) -> None:
    for n in notes:
        for e in n["entities"]:
            assert isinstance(e["start"], int) and isinstance(e["end"], int), n["id"]
            assert 0 <= e["start"] < e["end"] <= len(n["text"]), (n["id"], e)
            assert n["text"][e["start"]:e["end"]] == e["text"], (n["id"], e)
            assert e["text"] == e["text"].strip(), (n["id"], e)


def test_kinds_are_from_the_list(notes: list[dict]) -> None:
    for n in notes:
        for e in n["entities"]:
            assert e["kind"] in KINDS, (n["id"], e)


def test_entities_do_not_overlap(notes: list[dict]) -> None:
    for n in notes:
        spans = sorted((e["start"], e["end"]) for e in n["entities"])
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end <= start, (n["id"], spans)


def test_enough_notes_have_nothing_to_mask(notes: list[dict]) -> None:
    assert sum(1 for n in notes if not n["entities"]) >= 30


def test_every_kind_has_enough_entities(notes: list[dict]) -> None:
    counts = Counter(e["kind"] for n in notes for e in n["entities"])
    for kind in KINDS:
        assert counts[kind] >= 25, (kind, counts[kind])


def test_the_script_rebuilds_the_same_file(labelled: str, tmp_path: Path) -> None:
    path, script = SETS[labelled]
    out = tmp_path / path.name
    subprocess.run([sys.executable, str(script), "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == path.read_bytes()
