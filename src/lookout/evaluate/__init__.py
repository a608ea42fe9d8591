"""Evaluation against the simulator's ground truth (`DIR/truth/`), section by section.

Each stage adds its own section: a function taking the warehouse connection and the truth
folder and returning a `Section`. `evaluate` runs every registered section whose results
exist. The pipeline never reads the truth; only evaluation and tests do.
"""

from __future__ import annotations

from lookout.evaluate.report import SECTIONS, Section, evaluate

__all__ = ["SECTIONS", "Section", "evaluate"]
