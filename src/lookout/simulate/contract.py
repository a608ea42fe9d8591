"""The files each extract kind holds under data contract v1, with their required columns."""

from __future__ import annotations

from . import health, police, social_care
from .education import CONCERN_COLUMNS, PUPILS_COLUMNS

ATTENDANCE_COLUMNS = ("upn", "school_urn", "date", "session", "code")

FILES: dict[str, dict[str, tuple[str, ...]]] = {
    "police": police.TABLES,
    "education": {"pupils.csv": PUPILS_COLUMNS, "concerns.csv": CONCERN_COLUMNS},
    "social_care": social_care.TABLES,
    "health_sexual": {"attendances.csv": health.SEXUAL_HEALTH},
    "health_emergency": {"attendances.csv": health.EMERGENCY},
}

# Columns marked * in the contract.
REQUIRED: dict[str, tuple[str, ...]] = {
    "nominals.csv": ("nominal_id",),
    "incidents.csv": ("incident_id", "incident_type", "reported_at"),
    "incident_people.csv": ("incident_id", "nominal_id", "role"),
    "vehicles.csv": ("incident_id", "vrm"),
    "missing_episodes.csv": ("episode_id", "nominal_id", "reported_at"),
    "evidence.csv": ("evidence_id", "incident_id", "description", "offered_at"),
    "intelligence.csv": ("intel_id", "recorded_at", "text"),
    "pupils.csv": ("upn", "school_urn"),
    "attendance.csv": ("upn", "school_urn", "date", "session", "code"),
    "concerns.csv": ("concern_id", "upn", "recorded_at"),
    "children.csv": ("la_child_id",),
    "ssda903_header.csv": ("CHILD",),
    "ssda903_episodes.csv": ("CHILD", "DECOM"),
    "ssda903_missing.csv": ("CHILD", "MISSING", "MIS_START"),
    "return_interviews.csv": ("CHILD", "MIS_START"),
    "referrals.csv": ("referral_id", "la_child_id", "received_at"),
    "case_notes.csv": ("note_id", "la_child_id", "recorded_at", "text"),
    "attendances.csv": ("attendance_id", "clinic_id", "patient_ref", "attended_at"),
}
REQUIRED_EMERGENCY = ("attendance_id", "arrived_at")

# Identifier columns: never blanked by a planted bad row, so every record stays nameable.
ID_COLUMNS = frozenset({"nominal_id", "upn", "la_child_id", "CHILD", "patient_ref", "attendance_id", "incident_id",
                        "episode_id", "referral_id", "note_id", "concern_id", "evidence_id", "intel_id"})
DATE_COLUMNS = frozenset({"dob", "occurred_at", "reported_at", "outcome_at", "found_at", "return_interview_at",
                          "offered_at", "decision_at", "recorded_at", "on_roll_from", "on_roll_to", "referred_at",
                          "received_at", "attended_at", "referral_at", "arrived_at", "held_at", "DOB", "DECOM", "DEC",
                          "MIS_START", "MIS_END"})
VOCABULARY = frozenset({"incident_type", "outcome", "role", "reported_by", "risk_grade", "decision",
                        "referred_to", "services", "injury_intent", "MISSING", "LS", "CIN", "PLACE", "RNE", "REC",
                        "ETHNIC", "sex", "SEX"})
YES_NO = frozenset({"declined", "sts_completed", "referral_made", "injury", "alcohol_or_drugs", "safeguarding_concern",
                    "referred_to_social_care"})


def required_for(kind: str, filename: str) -> tuple[str, ...]:
    """Required columns of ``filename`` in an extract of ``kind``."""
    if kind == "health_emergency" and filename == "attendances.csv":
        return REQUIRED_EMERGENCY
    return REQUIRED[filename]
