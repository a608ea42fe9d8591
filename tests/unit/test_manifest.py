"""source.toml: every way it can be wrong is a plain error naming the file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lookout.contract import ExtractError, read_manifest

GOOD = """kind = "police"
agency = "Thames Valley Police"
area = "E10000025"
extracted_at = "2013-01-31T08:00:00"
period_start = "2004-01-01"
period_end = "2013-01-31"
legal_basis = "DPA 2018 Sch. 8 para 4 (safeguarding of children)"
"""


def _write(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "tvp-police"
    folder.mkdir()
    (folder / "source.toml").write_text(text)
    return folder


def test_reads_a_good_manifest(tmp_path: Path) -> None:
    manifest = read_manifest(_write(tmp_path, GOOD))
    assert manifest.source == "tvp-police"
    assert manifest.kind == "police"
    assert manifest.extracted_at == dt.datetime(2013, 1, 31, 8, 0)
    assert manifest.period_start == dt.date(2004, 1, 1)


def test_toml_dates_are_accepted_unquoted(tmp_path: Path) -> None:
    text = GOOD.replace('"2004-01-01"', "2004-01-01").replace('"2013-01-31T08:00:00"', "2013-01-31T08:00:00")
    assert read_manifest(_write(tmp_path, text)).period_start == dt.date(2004, 1, 1)


@pytest.mark.parametrize("text, problem", [
    (GOOD.replace('kind = "police"', 'kind = "probation"'), "kind 'probation' is not one of"),
    (GOOD.replace('legal_basis = "DPA 2018 Sch. 8 para 4 (safeguarding of children)"\n', ""), "missing legal_basis"),
    (GOOD.replace('"2004-01-01"', '"01/01/2004"'), "period_start '01/01/2004' is not a date"),
    (GOOD.replace('"2004-01-01"', '"2014-01-01"'), "before period_start"),
    (GOOD + "kind = \n", "not valid TOML"),
    (GOOD.replace('area = "E10000025"', 'area = ""'), "missing area"),
])
def test_bad_manifests_name_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    folder = _write(tmp_path, text)
    with pytest.raises(ExtractError, match=problem) as caught:
        read_manifest(folder)
    assert caught.value.path == folder / "source.toml"


def test_missing_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "x"
    folder.mkdir()
    with pytest.raises(ExtractError, match="no source.toml"):
        read_manifest(folder)
