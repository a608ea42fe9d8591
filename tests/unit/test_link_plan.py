"""Choosing what to link on from the columns a drop fills (lookout.link.profile, .plan), and
the shipped default model the choice falls back on (lookout.link.default_model)."""

from __future__ import annotations

import duckdb
import pytest

from lookout.link.default_model import REFERENCE_PAIRS, default_levels, default_model, shrink_u
from lookout.link.plan import TERM_FREQUENCY_MIN_RECORDS, plan_link
from lookout.link.profile import profile_link_records
from lookout.link.settings import COMPARISONS, ModelShape, settings_for
from lookout.link.standardise import LINK_RECORDS_COLUMNS

LIST_COLUMNS = {"given_names", "surname_parts", "address_words"}


def _records(rows: list[dict]) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    columns = ", ".join(f"{c} {'VARCHAR[]' if c in LIST_COLUMNS else 'VARCHAR'}"
                        for c in LINK_RECORDS_COLUMNS)
    con.execute(f"CREATE TABLE link_records ({columns})")
    for i, row in enumerate(rows):
        values = {"unique_id": f"s|{i}", "source": "s", "record_id": str(i), **row}
        con.execute(f"INSERT INTO link_records ({', '.join(values)}) VALUES "
                    f"({', '.join('?' for _ in values)})", list(values.values()))
    return con


def _person(i: int, **extra) -> dict:
    return {"forename": f"name{i % 7}", "forename_group": f"name{i % 7}", "surname": f"sur{i % 5}",
            "dob": f"2001-01-{1 + i % 28:02d}", "birth_year": "2001", "postcode": f"OX{i % 9} 1AA",
            "postcode_district": f"OX{i % 9}", **extra}


def test_comparisons_and_rules_follow_the_columns_filled():
    con = _records([_person(i, sex="F") for i in range(20)])    # a girls' clinic: no ids, one sex
    plan = plan_link(profile_link_records(con))
    reasons = {c.name: c.reason for c in plan.comparisons if not c.used}
    assert plan.shape.comparisons == ("forename", "surname", "dob", "postcode")
    assert reasons["sex"] == "every record that has one has the same value"
    assert reasons["nhs_number"] == reasons["upn"] == reasons["address"] == "no record has one"
    assert all(set(rule.needs) <= {"forename", "forename_group", "surname", "dob", "birth_year",
                                   "postcode", "postcode_district"} for rule in plan.blocking)
    assert plan.blocking and not any("nhs_number" in r.needs for r in plan.blocking)
    assert [b.text for b in plan.training] == ["forename_group and surname and postcode_district",
                                               "forename_group and surname and dob"]
    dropped = {c.name for c in plan.blocking_choices if not c.used}
    assert {"upn", "nhs_number", "phone"} <= dropped


def test_a_column_on_one_record_only_is_not_compared():
    con = _records([_person(i, nhs_number="9434765919" if i == 0 else None) for i in range(5)])
    reasons = {c.name: c.reason for c in plan_link(profile_link_records(con)).comparisons}
    assert reasons["nhs_number"] == "only one record has one"


def test_name_frequencies_weigh_only_in_drops_big_enough_to_have_them():
    small = plan_link(profile_link_records(_records([_person(i) for i in range(30)])))
    assert small.shape.term_frequencies is False
    assert TERM_FREQUENCY_MIN_RECORDS > 30


def test_settings_hold_exactly_the_chosen_comparisons():
    shape = ModelShape(("forename", "dob", "postcode"), term_frequencies=False)
    built = settings_for("duckdb", shape)
    assert [c["output_column_name"] for c in built["comparisons"]] == list(shape.comparisons)
    with pytest.raises(ValueError, match="unknown comparison"):
        ModelShape(("forename", "shoe_size"))


def test_the_default_model_has_every_level_lookout_builds():
    # a level added to a comparison without the default model made again would leave a drop
    # too small to train with no value for it
    for comparison in settings_for("duckdb")["comparisons"]:
        name = comparison["output_column_name"]
        labels = [lv["label_for_charts"] for lv in comparison["comparison_levels"]
                  if not lv.get("is_null_level")]
        assert list(default_levels(name)) == labels, name
    assert set(default_model()["comparisons"]) == set(COMPARISONS)
    assert default_model()["provenance"]["true_pairs"] > 10_000


def test_u_is_the_drops_own_once_it_has_enough_pairs():
    reference = 0.001
    assert shrink_u(None, reference, 0) == pytest.approx(reference)
    assert shrink_u(0.01, reference, REFERENCE_PAIRS) == pytest.approx((0.01 + reference) / 2)
    assert shrink_u(0.01, reference, 1e9) == pytest.approx(0.01, rel=1e-3)
    assert shrink_u(None, reference, 1e9) < reference / 1000   # unseen in a large sample: rare
