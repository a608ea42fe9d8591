"""Accountability: every report, referral, missing episode and piece of evidence gets an
outcome in time. A catalogue of checks (`catalogue/checks.yaml`), each citing its guidance,
raises findings that cite the record, the child, when the clock started and when action was
due; findings are acknowledged and resolved by people (`lifecycle`)."""

from lookout.accountability.stage import AccountabilityReport, run_accountability

__all__ = ["AccountabilityReport", "run_accountability"]
