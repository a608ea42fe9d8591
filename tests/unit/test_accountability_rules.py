"""The accountability catalogue, the working-day calendar and the victim-blaming phrase list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lookout.accountability.catalogue import load_checks
from lookout.accountability.checks import CHECK_SQL
from lookout.accountability.language import find_phrases, load_phrases, suggestion
from lookout.indicators.recorded import load_recorded_phrases, themes_in
from lookout.accountability.working_days import bank_holidays, due_by_working_days

D = dt.date

# England and Wales bank holidays as published on gov.uk/bank-holidays.
PUBLISHED = {
    2010: {D(2010, 1, 1), D(2010, 4, 2), D(2010, 4, 5), D(2010, 5, 3), D(2010, 5, 31), D(2010, 8, 30),
           D(2010, 12, 27), D(2010, 12, 28)},
    2011: {D(2011, 1, 3), D(2011, 4, 22), D(2011, 4, 25), D(2011, 4, 29), D(2011, 5, 2), D(2011, 5, 30),
           D(2011, 8, 29), D(2011, 12, 26), D(2011, 12, 27)},
    2012: {D(2012, 1, 2), D(2012, 4, 6), D(2012, 4, 9), D(2012, 5, 7), D(2012, 6, 4), D(2012, 6, 5),
           D(2012, 8, 27), D(2012, 12, 25), D(2012, 12, 26)},
    2020: {D(2020, 1, 1), D(2020, 4, 10), D(2020, 4, 13), D(2020, 5, 8), D(2020, 5, 25), D(2020, 8, 31),
           D(2020, 12, 25), D(2020, 12, 28)},
    2022: {D(2022, 1, 3), D(2022, 4, 15), D(2022, 4, 18), D(2022, 5, 2), D(2022, 6, 2), D(2022, 6, 3),
           D(2022, 8, 29), D(2022, 9, 19), D(2022, 12, 26), D(2022, 12, 27)},
    2023: {D(2023, 1, 2), D(2023, 4, 7), D(2023, 4, 10), D(2023, 5, 1), D(2023, 5, 8), D(2023, 5, 29),
           D(2023, 8, 28), D(2023, 12, 25), D(2023, 12, 26)},
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_bank_holidays_match_the_published_lists(year):
    assert bank_holidays(year) == PUBLISHED[year]


@pytest.mark.parametrize(("received", "due"), [
    (D(2012, 3, 8), D(2012, 3, 9)),     # Thursday -> Friday
    (D(2012, 3, 9), D(2012, 3, 12)),    # Friday -> Monday, across the weekend
    (D(2012, 3, 10), D(2012, 3, 13)),   # Saturday: counted from Monday, so Tuesday
    (D(2012, 4, 5), D(2012, 4, 10)),    # Thursday before Good Friday -> Tuesday after Easter Monday
    (D(2012, 8, 24), D(2012, 8, 28)),   # Friday before the August bank holiday -> Tuesday
    (D(2012, 12, 24), D(2012, 12, 27)),  # Christmas Eve -> the day after Boxing Day
])
def test_one_working_day(received, due):
    assert due_by_working_days(received, 1) == due


def test_catalogue_checks_all_have_a_query_and_guidance():
    checks = load_checks()
    assert {c.id for c in checks} == set(CHECK_SQL)
    assert all(c.guidance and c.practitioner and c.action for c in checks)


def test_catalogue_mistakes_name_the_check_and_field(tmp_path: Path):
    bad = tmp_path / "checks.yaml"
    bad.write_text("checks:\n  - id: late_thing\n    version: 1\n    title: T\n    timed: yes please\n"
                   "    guidance: [g]\n    practitioner: p\n    action: a\n    params: {hours: 72}\n")
    with pytest.raises(ValueError, match="late_thing.*'timed'"):
        load_checks(bad)
    bad.write_text(bad.read_text().replace("yes please", "true").replace("{hours: 72}", "{hours: -1}"))
    with pytest.raises(ValueError, match="params.hours"):
        load_checks(bad)


@pytest.mark.parametrize("phrase", [*load_phrases(), *load_recorded_phrases()], ids=lambda p: p.id)
def test_each_phrase_finds_its_examples_and_not_its_near_misses(phrase):
    """Every phrase of both lists: victim-blaming language and indicators recorded in words."""
    for text in phrase.examples:
        assert [m.phrase_id for m in find_phrases(text, (phrase,))] == [phrase.id], text
    for text in phrase.not_examples:
        assert find_phrases(text, (phrase,)) == [], text


def test_recorded_concerns_name_their_themes_and_quote_the_words():
    themes, words = themes_in("Carer reports she was collected by an older male in a car at 02:30. "
                              "No concerns of self-harm.")
    assert themes == ["car_with_adult", "older_or_controlling_adult"]
    assert "'older male in a car'" in words
    assert themes_in("Home visit. Room clean and warm. No concerns raised.") == ([], "")


def test_language_is_matched_through_case_spacing_and_negation():
    text = "Seen at the flat again. She is STREET-WISE and is  putting   herself at risk; she did not consent."
    found = find_phrases(text)
    assert [m.phrase_id for m in found] == ["streetwise", "putting_self_at_risk"]
    assert "street wise and is putting" in found[0].context and suggestion(found[1])
    assert find_phrases("Not streetwise at all. She could not consent. This is not a lifestyle choice.") == []
    assert find_phrases("") == [] and find_phrases(None) == []
