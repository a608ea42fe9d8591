"""The indicator catalogue: what ships loads, and broken rule files fail with where and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from lookout.indicators.catalogue import CatalogueError, load_catalogue
from lookout.indicators.evidence import condition_sql
from lookout.indicators.catalogue import Condition
from lookout.indicators.seraf import load_scoring_rules
from lookout.indicators.vocabulary import FACTS

GOOD = """indicators:
  - id: missing_overnight
    version: 1
    name: Missing overnight
    tier: significant
    guidance: ["SERAF"]
    practitioner: Missing overnight.
    evidence:
      fact: missing_episode
      where:
        - {field: overnight, op: is, value: true}
"""


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_shipped_catalogue_loads_with_every_tier_and_cites_guidance():
    indicators = load_catalogue()
    assert len({i.id for i in indicators}) == len(indicators)
    assert {i.tier for i in indicators} == {"vulnerability", "moderate", "significant"}
    assert all(i.guidance and i.practitioner.endswith(".") for i in indicators)
    for expected in ("missing_repeated", "missing_found_with_adult", "vehicle_with_unrelated_adult",
                     "unauthorised_absence_persistent", "unauthorised_absence_rising",
                     "sexual_health_under16", "sts_significant_concern", "injury_assault_or_unknown",
                     "intoxication", "withdrawn_disclosure", "in_care", "missing_from_care"):
        assert expected in {i.id for i in indicators}


def test_no_fact_offers_ethnicity_religion_or_nationality():
    names = {name for fact in FACTS.values() for name in fact.fields}
    assert not any(word in name for name in names for word in ("ethnic", "religion", "nationality"))


def test_scoring_rules_follow_seraf_bands():
    rules = load_scoring_rules()
    assert rules.bands == {"low": 6, "medium": 11, "high": 16}
    assert (rules.current_days, rules.recent_days) == (183, 365)
    assert rules.significant_current_points + rules.significant_recent_points == 6


@pytest.mark.parametrize(("change", "field", "message"), [
    (("fact: missing_episode", "fact: missing_child"), "evidence.fact", "is not a fact"),
    (("field: overnight", "field: ethnic"), "evidence.where[1].field", "is not a field of missing_episode"),
    (("op: is, value: true", "op: at_least, value: 3"), "evidence.where[1].op", "cannot test overnight"),
    (("op: is, value: true", "op: is, value: maybe"), "evidence.where[1].value", "needs true or false"),
    (("tier: significant", "tier: severe"), "tier", "is not one of"),
    (("version: 1", "version: 0"), "version", "whole number from 1"),
    (('guidance: ["SERAF"]', "guidance: []"), "guidance", "at least one source"),
    (("      fact: missing_episode", "      fact: missing_episode\n      at_least: 3"),
     "evidence.within_days", "is required"),
    (("        - {field: overnight, op: is, value: true}",
      "        - {field: overnight, op: is, value: true}\n      also:\n        - fact: case_note"),
     "evidence.also[1]", "needs a known `fact`"),
    (("        - {field: overnight, op: is, value: true}",
      "        - {field: overnight, op: is, value: true}\n      also:\n        - fact: recorded_concern\n"
      "          where: [{field: overnight, op: is, value: true}]"),
     "evidence.also[1].where[1].field", "is not a field of recorded_concern"),
])
def test_broken_rules_name_file_indicator_and_field(tmp_path, change, field, message):
    folder = _write(tmp_path, GOOD.replace(*change))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    error = caught.value
    assert error.file.endswith("rules.yaml") and error.indicator == "missing_overnight"
    assert error.field == field and message in error.problem


def test_further_kinds_of_record_evidence_the_same_indicator():
    (indicator,) = [i for i in load_catalogue() if i.id == "missing_overnight"]
    assert [e.fact for e in indicator.evidence] == ["missing_episode", "recorded_concern"]
    assert indicator.describe_conditions() == [
        "overnight is True", "or a recorded concern record: themes contains_any missing_overnight"]


def test_every_theme_a_rule_names_is_a_theme_some_phrase_finds():
    from lookout.indicators.recorded import load_recorded_phrases

    found = {p.fields["theme"] for p in load_recorded_phrases()}
    named = {value for i in load_catalogue() for e in i.evidence if e.fact == "recorded_concern"
             for c in e.where if c.field == "themes" for value in c.value}
    assert named and named <= found
    assert found <= named  # no phrase is read for a theme no indicator uses


def test_duplicate_ids_and_missing_fields_are_errors(tmp_path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(CatalogueError, match="already used"):
        load_catalogue(tmp_path)
    (tmp_path / "b.yaml").write_text(GOOD.replace("    practitioner: Missing overnight.\n", ""), encoding="utf-8")
    with pytest.raises(CatalogueError, match="'practitioner': is required"):
        load_catalogue(tmp_path)


def test_conditions_compile_to_sql_where_null_never_holds():
    assert condition_sql(Condition("overnight", "is", True)) == "coalesce(f.overnight = true, false)"
    sql = condition_sql(Condition("factors", "contains_any", ("11A", "19C")))
    assert sql == "coalesce(list_has_any(f.factors, ['11A', '19C']), false)"
    assert condition_sql(Condition("role", "in", ("it's",))) == "coalesce(f.role IN ('it''s'), false)"
