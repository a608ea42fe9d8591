"""Choosing what to link on from what a drop holds: comparisons, blocking rules, training.

One filter over `settings`' library: a comparison or rule is used when every column it needs
is usable in the drop (`profile`), and left out, with the reason, when one is not. Names are
weighed by their frequency only when there are enough records for frequencies to mean
something: in forty records one family's surname is "common".
"""

from __future__ import annotations

from dataclasses import dataclass

from lookout.link.profile import LinkProfile
from lookout.link.settings import (
    COMPARISON_LIBRARY, BlockingRule, ModelShape, blocking_rules, deterministic_rules,
    name_training_block, training_blocks)

__all__ = ["Choice", "LinkPlan", "TERM_FREQUENCY_MIN_RECORDS", "plan_link"]

# Fewer records than this and a name's frequency in the drop says more about who the drop is
# about than about how common the name is.
TERM_FREQUENCY_MIN_RECORDS = 1000


@dataclass(frozen=True)
class Choice:
    """A comparison or rule, whether it is used, and why not when it is not."""

    name: str
    used: bool
    reason: str | None = None


@dataclass(frozen=True)
class LinkPlan:
    """What one run links on, chosen from its records."""

    shape: ModelShape
    comparisons: tuple[Choice, ...]
    blocking: tuple[BlockingRule, ...]
    blocking_choices: tuple[Choice, ...]
    deterministic: tuple[BlockingRule, ...]
    training: tuple[BlockingRule, ...]
    name_training: BlockingRule | None

    @property
    def dropped(self) -> list[Choice]:
        """Comparisons left out, with their reasons."""
        return [c for c in self.comparisons if not c.used]


def _choose(rules: list[BlockingRule], profile: LinkProfile) -> tuple[list[BlockingRule], list[Choice]]:
    used, choices = [], []
    for rule in rules:
        reason = profile.why_not(*rule.needs)
        choices.append(Choice(rule.text, reason is None, reason))
        if reason is None:
            used.append(rule)
    return used, choices


def plan_link(profile: LinkProfile) -> LinkPlan:
    """Choose comparisons, blocking rules and training blocks for the records profiled."""
    comparisons = []
    for comparison in COMPARISON_LIBRARY:
        reason = profile.why_not(*comparison.needs)
        comparisons.append(Choice(comparison.name, reason is None, reason))
    shape = ModelShape(tuple(c.name for c in comparisons if c.used),
                       term_frequencies=profile.records >= TERM_FREQUENCY_MIN_RECORDS)
    blocking, blocking_choices = _choose(blocking_rules(), profile)
    deterministic, _ = _choose(deterministic_rules(), profile)
    training, _ = _choose(training_blocks(), profile)
    fallback = name_training_block()
    return LinkPlan(shape, tuple(comparisons), tuple(blocking), tuple(blocking_choices),
                    tuple(deterministic), tuple(training),
                    fallback if profile.usable(*fallback.needs) else None)
