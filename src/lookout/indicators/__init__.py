"""Explainable exploitation indicators: vocabulary in code, the catalogue as data, SERAF-like
scoring with hindsight, practitioners' overrides, the single-agency baseline and fairness."""

from lookout.indicators.catalogue import CatalogueError, Indicator, load_catalogue
from lookout.indicators.fairness import FairnessRow, fairness_report
from lookout.indicators.overrides import Override, load_overrides, record_override
from lookout.indicators.stage import IndicatorReport, apply_overrides, run_indicators
from lookout.indicators.trace import FlagTrace, explain_flag

__all__ = ["CatalogueError", "FairnessRow", "FlagTrace", "Indicator", "IndicatorReport", "Override",
           "apply_overrides", "explain_flag", "fairness_report", "load_catalogue", "load_overrides",
           "record_override", "run_indicators"]
