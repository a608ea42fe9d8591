"""The linkage model's shape: comparisons, blocking rules and thresholds, written once.

The settings are built from Splink's comparison-level library, which compiles each level to
the dialect of whichever backend runs it (DuckDB or Spark), so there is one model definition
for every engine (Splink docs, "Comparisons" and "Backends").

The model is Fellegi and Sunter's (1969, "A theory for record linkage", JASA 64): each
comparison falls into one of its levels, each level has m (how often true matches fall there)
and u (how often non-matches do), and a pair's match weight is the prior plus the sum of
log2(m/u) over comparisons. Levels are ordered from the most to the least specific agreement;
the first level whose condition holds is the one used.
"""

from __future__ import annotations

from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on

__all__ = ["AUTO_LINK", "CANNOT_LINK_WEIGHT", "COMPARISONS", "REVIEW_FLOOR", "blocking_rules",
           "deterministic_rules", "settings_for", "training_blocks"]

# A pair at or above AUTO_LINK is linked; between REVIEW_FLOOR and AUTO_LINK it is put in front
# of a person (clerical review, Fellegi and Sunter's "possible links"); below it is not linked.
# Set where a wrong merge (one child's abuse on another's record) costs far more than a missed
# link, which review and later data can still recover.
AUTO_LINK = 0.99
REVIEW_FLOOR = 0.80
# Two records scored at or below this weight are taken to be different people: clustering never
# joins them through other records (a lookalike's school record can't be chained to a cousin's).
# -10 means the evidence makes them about a thousand times less likely to match than the prior.
CANNOT_LINK_WEIGHT = -10.0

# The comparisons, by output name: the columns the explain output reports.
COMPARISONS = ("forename", "surname", "dob", "sex", "postcode", "upn", "nhs_number", "phone")


def _forename() -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="forename", comparison_levels=[
        cll.NullLevel("forename"),
        cll.ExactMatchLevel("forename", term_frequency_adjustments=True),
        cll.ColumnsReversedLevel("forename", "surname", symmetrical=True).configure(
            label_for_charts="forename and surname swapped"),
        cll.ExactMatchLevel("forename_group").configure(
            label_for_charts="same name by the nickname table"),
        cll.JaroWinklerLevel("forename", 0.92),
        cll.JaroWinklerLevel("forename", 0.80),
        cll.ElseLevel(),
    ])


def _surname() -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="surname", comparison_levels=[
        cll.NullLevel("surname"),
        cll.ExactMatchLevel("surname", term_frequency_adjustments=True),
        cll.ColumnsReversedLevel("forename", "surname", symmetrical=True).configure(
            label_for_charts="forename and surname swapped"),
        cll.ArrayIntersectLevel("surname_parts", 1).configure(
            label_for_charts="one part of a hyphenated surname shared"),
        cll.JaroWinklerLevel("surname", 0.92),
        cll.JaroWinklerLevel("surname", 0.80),
        cll.ElseLevel(),
    ])


def _dob() -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="dob", comparison_levels=[
        cll.NullLevel("dob"),
        cll.ExactMatchLevel("dob"),
        cll.CustomLevel("dob_l = dob_swapped_r", "day and month swapped",
                        base_dialect_str="duckdb"),
        cll.DamerauLevenshteinLevel("dob", 1).configure(label_for_charts="one digit different"),
        cll.DamerauLevenshteinLevel("dob", 2).configure(label_for_charts="two digits different"),
        cll.ElseLevel(),
    ])


def _postcode() -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="postcode", comparison_levels=[
        cll.NullLevel("postcode"),
        cll.ExactMatchLevel("postcode"),
        cll.ExactMatchLevel("postcode_sector").configure(label_for_charts="same postcode sector"),
        cll.ExactMatchLevel("postcode_district").configure(label_for_charts="same postcode district"),
        cll.ElseLevel(),
    ])


def _identifier(column: str, *, near: bool) -> cl.CustomComparison:
    """An identifier: agreement is strong evidence and disagreement strong evidence against,
    in proportions the model learns; it is never a blind join."""
    levels = [cll.NullLevel(column), cll.ExactMatchLevel(column)]
    if near:  # one mistyped character, including a wrong check letter
        levels.append(cll.DamerauLevenshteinLevel(column, 1).configure(
            label_for_charts="one character different"))
    levels.append(cll.ElseLevel())
    return cl.CustomComparison(output_column_name=column, comparison_levels=levels)


def _phone() -> cl.CustomComparison:
    """A shared phone number is evidence; a different one is not evidence against, because
    people have several phones and change them, so there is no separate null level."""
    return cl.CustomComparison(output_column_name="phone", comparison_levels=[
        cll.ExactMatchLevel("phone"),
        cll.ElseLevel().configure(label_for_charts="not the same number, or not recorded")])


def _sex() -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="sex", comparison_levels=[
        cll.NullLevel("sex"), cll.ExactMatchLevel("sex"), cll.ElseLevel()])


def blocking_rules() -> list:
    """Rules choosing which pairs are scored. Each pairs two fields, never one low-cardinality
    field alone, so work grows with the size of blocks, not the square of the data; together
    they cover each single kind of error (a true pair is missed only when every rule fails)."""
    return [
        block_on("dob", "surname"),
        block_on("dob", "forename_group"),          # surname changed or mistyped
        # date of birth wrong or blank: names alone would make blocks of thousands where a few
        # names are very common, so the birth year or the postcode district narrows them
        block_on("forename_group", "surname", "birth_year"),
        block_on("forename_group", "surname", "postcode_district"),
        block_on("postcode", "dob"),                # both names written differently
        block_on("postcode", "forename_group"),     # surname and date of birth both off
        # names swapped, with the date of birth or the postcode agreeing
        "l.forename = r.surname AND l.surname = r.forename "
        "AND (l.dob = r.dob OR l.postcode = r.postcode)",
        block_on("upn"),
        block_on("nhs_number"),
        block_on("phone"),
    ]


def deterministic_rules() -> list:
    """Near-certain matches used only to estimate how many pairs match at all (the prior)."""
    return [block_on("nhs_number", "dob"), block_on("upn", "dob"),
            block_on("forename", "surname", "dob", "postcode")]


def training_blocks() -> list:
    """Blocks for expectation maximisation, chosen so that almost every pair in them is a true
    match made independently of the fields being estimated: pairs sharing an NHS number or a
    UPN (names, dates of birth and postcodes estimated), then pairs sharing both names and a
    postcode district (dates of birth and identifiers estimated). A comparison cannot be estimated from a block that
    fixes it, so each is estimated in at least one. A block such as date of birth alone would
    be dominated by twins and siblings, who agree on everything but a forename, and EM would
    learn that a wholly different forename is common among matches (Splink docs, "Estimating
    m probabilities with EM": choose training blocks where the match rate is high)."""
    return [block_on("nhs_number"), block_on("upn"),
            block_on("forename_group", "surname", "postcode_district")]


def settings_for(dialect: str) -> dict[str, Any]:
    """The untrained model's Splink settings compiled for one backend (`duckdb`, `spark`)."""
    creator = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[_forename(), _surname(), _dob(), _sex(), _postcode(),
                     _identifier("upn", near=True), _identifier("nhs_number", near=False),
                     _phone()],
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
        additional_columns_to_retain=["source", "record_id"],
    )
    return creator.create_settings_dict(dialect)
