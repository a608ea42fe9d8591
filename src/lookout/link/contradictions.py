"""Contradictions: what in two records says they are two people, whatever else agrees.

Fellegi-Sunter adds evidence up, so enough agreement anywhere outweighs any disagreement: twins
share a surname, a birthday and an address; a child and an unrelated child of the same name
and birthday in the next county share everything their names can share; a father and son of
one name share a name and an address. Their records disagree in one place that a clerk's slip
does not explain:

- two valid NHS numbers that differ (the modulus 11 check digit catches every single mistyped
  digit and transposition, so both were issued: NHS Data Dictionary, "NHS number");
- two UPNs that differ by more than one character (the check letter catches most slips: DfE,
  "Unique pupil numbers (UPN): guidance for local authorities and schools");
- dates of birth that are not the same, not day and month swapped and not one digit apart;
- given names wholly different (no nickname, spelling variant, middle name or swap explains
  them) when no NHS number or UPN agrees: the siblings' and twins' case. This one holds only
  in data whose names are reliable: where the model finds that fewer than 1 in 20 matching
  pairs carry wholly different given names. Some data replace names wholesale (FEBRL's
  generator puts a random name on 1 in 7 of its duplicates); there a different given name is
  weighed as evidence against, as Fellegi-Sunter weighs it, not taken as proof.

Such a pair is never linked by the model, and clustering never joins the two records through
other records. It may still reach the review band, where a person can accept it: the records
are shown with the reason they were kept apart. Rules are evaluated on the comparison levels
Splink computed, so they run unchanged on every engine.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CONTRADICTIONS", "Contradiction", "active_contradictions", "contradiction_sql",
           "describe_contradictions"]


@dataclass(frozen=True)
class Contradiction:
    """A comparison level that rules out a merge, unless an identifier agrees."""

    id: str
    comparison: str
    level: str
    reason: str
    unless_identifier_agrees: bool = False
    # Holds only when the model's m-probability of the level is at most this (None: always).
    rare_among_matches: float | None = None


CONTRADICTIONS = (
    Contradiction("different_nhs_numbers", "nhs_number", "different numbers",
                  "different NHS numbers"),
    Contradiction("different_upns", "upn", "different numbers", "different UPNs"),
    Contradiction("dates_of_birth_apart", "dob", "further apart than a typing slip",
                  "dates of birth further apart than a typing slip"),
    Contradiction("different_given_names", "forename", "different given names",
                  "different given names, and no NHS number or UPN in common",
                  unless_identifier_agrees=True, rare_among_matches=0.05),
)
_IDENTIFIERS = ("nhs_number", "upn")


def _level(comparisons: dict[str, Any], name: str, label: str) -> Any | None:
    comparison = comparisons.get(name)
    if comparison is None:
        return None
    for level in comparison.comparison_levels:
        if level.label_for_charts == label:
            return level
    raise ValueError(f"comparison {name!r} has no level {label!r}")


def active_contradictions(linker: Any) -> list[tuple[Contradiction, int]]:
    """The contradictions a model can see, each with the gamma value of its level: those whose
    comparison the model uses and, for a conditional one, whose level is rare among matches."""
    comparisons = {c.output_column_name: c for c in linker._settings_obj.comparisons}
    active = []
    for rule in CONTRADICTIONS:
        level = _level(comparisons, rule.comparison, rule.level)
        if level is None:
            continue
        if rule.rare_among_matches is not None and level.m_probability > rule.rare_among_matches:
            continue
        active.append((rule, level.comparison_vector_value))
    return active


def describe_contradictions(linker: Any) -> tuple[list[str], list[str]]:
    """What keeps records apart in this model, and what does not and why, in plain English."""
    comparisons = {c.output_column_name: c for c in linker._settings_obj.comparisons}
    active = {rule.id for rule, _ in active_contradictions(linker)}
    kept, not_kept = [], []
    for rule in CONTRADICTIONS:
        level = _level(comparisons, rule.comparison, rule.level)
        if rule.id in active:
            kept.append(rule.reason)
        elif level is None:
            continue  # nothing to contradict: the records do not carry the field
        else:
            not_kept.append(f"{rule.reason}: {level.m_probability:.1%} of matching pairs in this "
                            f"drop show it, more than the {rule.rare_among_matches:.0%} that would "
                            "make it proof; it is weighed as evidence against instead")
    return kept, not_kept


def contradiction_sql(linker: Any) -> str:
    """A SQL expression over Splink's predictions: the first contradiction's reason, or NULL."""
    comparisons = {c.output_column_name: c for c in linker._settings_obj.comparisons}
    agrees = [f"gamma_{name} = "
              f"{_level(comparisons, name, f'Exact match on {name}').comparison_vector_value}"
              for name in _IDENTIFIERS if name in comparisons]
    branches = []
    for rule, gamma in active_contradictions(linker):
        condition = f"gamma_{rule.comparison} = {gamma}"
        if rule.unless_identifier_agrees and agrees:
            condition += f" AND NOT ({' OR '.join(agrees)})"
        branches.append(f"WHEN {condition} THEN '{rule.reason}'")
    if not branches:
        return "CAST(NULL AS STRING)"
    return f"CASE {' '.join(branches)} END"
