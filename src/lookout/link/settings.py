"""The linkage model's shape: comparisons, blocking rules and thresholds, written once.

The settings are built from Splink's comparison-level library, which compiles each level to
the dialect of whichever backend runs it (DuckDB or Spark), so there is one model definition
for every engine (Splink docs, "Comparisons" and "Backends").

The model is Fellegi and Sunter's (1969, "A theory for record linkage", JASA 64): each
comparison falls into one of its levels, each level has m (how often true matches fall there)
and u (how often non-matches do), and a pair's match weight is the prior plus the sum of
log2(m/u) over comparisons. Levels are ordered from the most to the least specific agreement;
the first level whose condition holds is the one used.

Which comparisons and blocking rules a run uses is chosen from the columns its records
actually fill (`lookout.link.profile`): a drop from police forces alone has no UPNs or NHS
numbers to compare, a FEBRL-style drop has no sex. Every comparison, rule and training block
names the columns it reads, so choosing is one filter, and the run report says what was left
out and why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on
from splink.internals.comparison_level_creator import ComparisonLevelCreator

__all__ = ["AUTO_LINK", "CANNOT_LINK_WEIGHT", "COMPARISONS", "REVIEW_FLOOR", "BlockingRule",
           "Comparison", "ModelShape", "blocking_rules", "deterministic_rules", "settings_for",
           "training_blocks"]

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


@dataclass(frozen=True)
class Comparison:
    """One comparison of the model: its output name, the link_records columns whose presence
    it needs, and how to build it (with or without term-frequency adjustments)."""

    name: str
    needs: tuple[str, ...]
    build: Callable[[bool], cl.CustomComparison]
    description: str


class _SwappedNearly(ComparisonLevelCreator):
    """Forename and surname in each other's places, one or both misspelt: Jaro-Winkler at or
    above `threshold` across the swap, written in each backend's own function."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold

    def create_sql(self, sql_dialect: Any) -> str:
        jw = sql_dialect.jaro_winkler_function_name
        return (f"{jw}(forename_l, surname_r) >= {self.threshold} "
                f"AND {jw}(surname_l, forename_r) >= {self.threshold}")

    def create_label_for_charts(self) -> str:
        return "forename and surname swapped, misspelt"


def _forename(tf: bool) -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="forename", comparison_levels=[
        cll.NullLevel("forename"),
        cll.ExactMatchLevel("forename", term_frequency_adjustments=tf),
        cll.ColumnsReversedLevel("forename", "surname", symmetrical=True).configure(
            label_for_charts="forename and surname swapped"),
        _SwappedNearly(0.9),
        cll.ExactMatchLevel("forename_group").configure(
            label_for_charts="same name by the nickname table"),
        cll.ArrayIntersectLevel("given_names", 1).configure(
            label_for_charts="a given name shared (a middle name used as the first)"),
        cll.JaroWinklerLevel("forename", 0.92),
        cll.DamerauLevenshteinLevel("forename", 1).configure(
            label_for_charts="one letter different"),
        cll.JaroWinklerLevel("forename", 0.80),
        cll.ElseLevel().configure(label_for_charts="different given names"),
    ])


def _surname(tf: bool) -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="surname", comparison_levels=[
        cll.NullLevel("surname"),
        cll.ExactMatchLevel("surname", term_frequency_adjustments=tf),
        cll.ColumnsReversedLevel("forename", "surname", symmetrical=True).configure(
            label_for_charts="forename and surname swapped"),
        _SwappedNearly(0.9),
        cll.ArrayIntersectLevel("surname_parts", 1).configure(
            label_for_charts="one part of a hyphenated surname shared"),
        cll.JaroWinklerLevel("surname", 0.92),
        cll.JaroWinklerLevel("surname", 0.80),
        cll.ElseLevel(),
    ])


def _dob(tf: bool) -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="dob", comparison_levels=[
        cll.NullLevel("dob"),
        cll.ExactMatchLevel("dob"),
        cll.CustomLevel("dob_l = dob_swapped_r", "day and month swapped",
                        base_dialect_str="duckdb"),
        cll.DamerauLevenshteinLevel("dob", 1).configure(
            label_for_charts="one digit different (a typing slip)"),
        cll.ElseLevel().configure(label_for_charts="further apart than a typing slip"),
    ])


def _sex(tf: bool) -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="sex", comparison_levels=[
        cll.NullLevel("sex"), cll.ExactMatchLevel("sex"), cll.ElseLevel()])


def _postcode(tf: bool) -> cl.CustomComparison:
    # A postcode that is not UK-shaped is compared as text: exact or not (its sector is blank
    # and its district is the whole value, so only the first and last levels can hold).
    return cl.CustomComparison(output_column_name="postcode", comparison_levels=[
        cll.NullLevel("postcode"),
        cll.ExactMatchLevel("postcode"),
        cll.ExactMatchLevel("postcode_sector").configure(label_for_charts="same postcode sector"),
        cll.ExactMatchLevel("postcode_district").configure(label_for_charts="same postcode district"),
        cll.DamerauLevenshteinLevel("postcode", 1).configure(
            label_for_charts="one character different"),
        cll.ElseLevel(),
    ])


def _address(tf: bool) -> cl.CustomComparison:
    return cl.CustomComparison(output_column_name="address", comparison_levels=[
        cll.NullLevel("address"),
        cll.ExactMatchLevel("address"),
        cll.And(cll.ExactMatchLevel("address_number"),
                cll.Or(cll.JaroWinklerLevel("address_street", 0.90),
                       cll.ArrayIntersectLevel("address_words", 2))).configure(
            label_for_charts="same house number, street written alike"),
        cll.Or(cll.JaroWinklerLevel("address_street", 0.92),
               cll.ArrayIntersectLevel("address_words", 2)).configure(
            label_for_charts="same street, another number"),
        cll.ElseLevel(),
    ])


def _identifier(column: str, *, near: bool) -> Callable[[bool], cl.CustomComparison]:
    """An identifier: agreement is strong evidence and disagreement strong evidence against,
    in proportions the model learns; it is never a blind join."""
    def build(tf: bool) -> cl.CustomComparison:
        levels = [cll.NullLevel(column), cll.ExactMatchLevel(column)]
        if near:  # one mistyped character, including a wrong check letter
            levels.append(cll.DamerauLevenshteinLevel(column, 1).configure(
                label_for_charts="one character different"))
        levels.append(cll.ElseLevel().configure(label_for_charts="different numbers"))
        return cl.CustomComparison(output_column_name=column, comparison_levels=levels)
    return build


def _phone(tf: bool) -> cl.CustomComparison:
    """A shared phone number is evidence; a different one is not evidence against, because
    people have several phones and change them, so there is no separate null level."""
    return cl.CustomComparison(output_column_name="phone", comparison_levels=[
        cll.ExactMatchLevel("phone"),
        cll.ElseLevel().configure(label_for_charts="not the same number, or not recorded")])


# Every comparison Lookout knows, in the order a pair's evidence is shown.
COMPARISON_LIBRARY: tuple[Comparison, ...] = (
    Comparison("forename", ("forename",), _forename, "first given name"),
    Comparison("surname", ("surname",), _surname, "surname"),
    Comparison("dob", ("dob",), _dob, "date of birth"),
    Comparison("sex", ("sex",), _sex, "sex"),
    Comparison("postcode", ("postcode",), _postcode, "postcode"),
    Comparison("address", ("address",), _address, "address"),
    Comparison("upn", ("upn",), _identifier("upn", near=True), "unique pupil number"),
    Comparison("nhs_number", ("nhs_number",), _identifier("nhs_number", near=False), "NHS number"),
    Comparison("phone", ("phone",), _phone, "phone number"),
)
COMPARISONS = tuple(c.name for c in COMPARISON_LIBRARY)
_BY_NAME = {c.name: c for c in COMPARISON_LIBRARY}


@dataclass(frozen=True)
class BlockingRule:
    """A rule pairing records for scoring or training, with the columns it needs filled."""

    needs: tuple[str, ...]
    rule: Any
    text: str

    @classmethod
    def on(cls, *columns: str) -> BlockingRule:
        """Pairs agreeing exactly on every one of `columns`."""
        return cls(columns, block_on(*columns), " and ".join(columns))


def blocking_rules() -> list[BlockingRule]:
    """Rules choosing which pairs are scored. Each pairs two fields, never one low-cardinality
    field alone, so work grows with the size of blocks, not the square of the data; together
    they cover each single kind of error (a true pair is missed only when every rule fails)."""
    return [
        BlockingRule.on("dob", "surname"),
        BlockingRule.on("dob", "forename_group"),          # surname changed or mistyped
        # date of birth wrong or blank: names alone would make blocks of thousands where a few
        # names are very common, so the birth year or the postcode district narrows them
        BlockingRule.on("forename_group", "surname", "birth_year"),
        BlockingRule.on("forename_group", "surname", "postcode_district"),
        BlockingRule.on("postcode", "dob"),                # both names written differently
        BlockingRule.on("postcode", "forename_group"),     # surname and date of birth both off
        # given name, or surname, and date of birth off, the other name right in its first
        # two letters, in one postcode
        BlockingRule.on("postcode", "surname_start"),
        BlockingRule.on("postcode", "forename_start"),
        # no date of birth and no postcode (an adult as a police force records him): the same
        # names at the same house number; or one household's number and postcode, or number
        # and birthday, when names and more are written differently
        BlockingRule.on("forename_group", "surname", "address_number"),
        BlockingRule.on("postcode", "address_number"),
        BlockingRule.on("dob", "address_number"),
        # both names mistyped after their first two letters, the date of birth right
        BlockingRule.on("dob", "surname_start"),
        BlockingRule.on("dob", "forename_start"),
        # names swapped, with the date of birth or the postcode agreeing; or one name written
        # in the other's place, with the date of birth agreeing
        BlockingRule(("forename", "surname"),
                     "l.forename = r.surname AND l.surname = r.forename "
                     "AND (l.dob = r.dob OR l.postcode = r.postcode)",
                     "forename and surname swapped, with date of birth or postcode"),
        BlockingRule(("forename", "surname", "dob"), "l.surname = r.forename AND l.dob = r.dob",
                     "one's surname the other's forename, with date of birth"),
        BlockingRule(("forename", "surname", "dob"), "l.forename = r.surname AND l.dob = r.dob",
                     "one's forename the other's surname, with date of birth"),
        BlockingRule.on("upn"),
        BlockingRule.on("nhs_number"),
        BlockingRule.on("phone"),
    ]


def deterministic_rules() -> list[BlockingRule]:
    """Near-certain matches used only to estimate how many pairs match at all (the prior)."""
    return [BlockingRule.on("nhs_number", "dob"), BlockingRule.on("upn", "dob"),
            BlockingRule.on("forename", "surname", "dob", "postcode"),
            BlockingRule.on("forename", "surname", "dob", "address")]


def training_blocks() -> list[BlockingRule]:
    """Blocks for expectation maximisation, chosen so that almost every pair in them is a true
    match made independently of the fields being estimated: pairs sharing an NHS number or a
    UPN (names, dates of birth and postcodes estimated), then pairs sharing both names and a
    postcode district (dates of birth and identifiers estimated), then pairs sharing both
    names and a date of birth (postcodes, addresses and identifiers estimated). A comparison cannot be
    estimated from a block that fixes it, so each is estimated in at least one. A block such as
    date of birth alone would be dominated by twins and siblings, who agree on everything but
    a forename, and EM would learn that a wholly different forename is common among matches
    (Splink docs, "Estimating m probabilities with EM": choose training blocks where the match
    rate is high)."""
    return [BlockingRule.on("nhs_number"), BlockingRule.on("upn"),
            BlockingRule.on("forename_group", "surname", "postcode_district"),
            BlockingRule.on("forename_group", "surname", "dob")]


def name_training_block() -> BlockingRule:
    """Where no identifier is shared by enough pairs to estimate the names' parameters, pairs
    sharing a full date of birth and a postcode estimate them instead. Twins fall in this
    block too; it is used only when nothing better is there."""
    return BlockingRule.on("dob", "postcode")


@dataclass(frozen=True)
class ModelShape:
    """Which comparisons a model uses, and whether names are weighed by their frequency."""

    comparisons: tuple[str, ...] = COMPARISONS
    term_frequencies: bool = True

    def __post_init__(self) -> None:
        unknown = [c for c in self.comparisons if c not in _BY_NAME]
        if unknown:
            raise ValueError(f"unknown comparison(s) {', '.join(unknown)}: Lookout knows "
                             f"{', '.join(COMPARISONS)}")

    def comparison(self, name: str) -> Comparison:
        """The library entry of a comparison this shape uses."""
        return _BY_NAME[name]


def settings_for(dialect: str, shape: ModelShape | None = None,
                 rules: list[BlockingRule] | None = None) -> dict[str, Any]:
    """The untrained model's Splink settings compiled for one backend (`duckdb`, `spark`),
    with the comparisons of `shape` (every one by default) and the blocking `rules` (every
    rule by default)."""
    shape = shape or ModelShape()
    creator = SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        comparisons=[_BY_NAME[name].build(shape.term_frequencies) for name in shape.comparisons],
        blocking_rules_to_generate_predictions=[r.rule for r in (rules or blocking_rules())],
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
        additional_columns_to_retain=["source", "record_id"],
    )
    return creator.create_settings_dict(dialect)
