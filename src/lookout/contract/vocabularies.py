"""The closed vocabularies of data contract v1, with the national standard each follows."""

from __future__ import annotations

INCIDENT_TYPES = frozenset({
    "missing_person", "sexual_offence", "assault", "concern_for_welfare", "child_found",
    "vehicle_stop", "drugs", "public_order", "wasting_police_time", "abduction", "other",
})

# Home Office crime outcome numbers (Crime Outcomes in England and Wales) and the words the
# contract allows beside them.
POLICE_OUTCOMES = frozenset({str(n) for n in range(1, 23)}) | frozenset({
    "ongoing", "no_crime", "nfa", "warning_given", "arrested",
})

INCIDENT_ROLES = frozenset({
    "victim", "suspect", "witness", "reporter", "missing_person", "found_with", "driver",
    "passenger", "arrested", "warned", "associate",
})

MISSING_REPORTED_BY = frozenset({"parent", "carer", "care_home", "school", "other"})

# College of Policing APP on missing persons: the risk continuum.
APP_RISK_GRADES = frozenset({"no_apparent_risk", "low", "medium", "high"})

EVIDENCE_DECISIONS = frozenset({"submitted", "declined"})

# DfE school attendance register codes ("Working together to improve school attendance").
DFE_ATTENDANCE_CODES = frozenset({
    "/", "\\", "L", "B", "C", "C1", "C2", "D", "E", "G", "I", "J1", "K", "M", "N", "O", "P",
    "Q", "R", "S", "T", "U", "V", "W", "X", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Z", "#",
})

SESSIONS = frozenset({"AM", "PM"})

REFERRED_TO = frozenset({"social_care", "police", "health"})

SSDA903_MISSING_TYPES = frozenset({"M", "A"})

REFERRAL_DECISIONS = frozenset({"nfa", "early_help", "assessment", "s47", "strategy_meeting"})

# Children in Need census referral source codes.
CIN_REFERRAL_SOURCES = frozenset({
    "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B",
    "5C", "5D", "6", "7", "8", "9", "10",
})

# Children in Need census assessment factor codes have the form of a number (1-24) and an
# optional letter (e.g. 10A going missing, 11A child sexual exploitation, 24A child criminal
# exploitation, 20 other). The census adds codes over time, so the form is checked, not a list.
CIN_ASSESSMENT_FACTORS = frozenset(
    f"{number}{letter}" for number in range(1, 25) for letter in ("", "A", "B", "C", "D", "E", "F")
)

SEXUAL_HEALTH_SERVICES = frozenset({
    "sti_test", "emergency_contraception", "pregnancy_test", "contraception", "treatment",
})

INJURY_INTENTS = frozenset({"accidental", "self_harm", "assault", "unknown"})

SOURCE_KINDS = ("police", "education", "social_care", "health_sexual", "health_emergency")

FLAG_TRUE = frozenset({"y", "1", "true"})
FLAG_FALSE = frozenset({"n", "0", "false"})
