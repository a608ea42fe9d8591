"""Health extracts: sexual health services (GUMCAD-style with Spotting the Signs) and
emergency departments (ECDS-style)."""

from lookout.contract import vocabularies as v
from lookout.contract.columns import (
    code, code_list, date, datetime, flag, identifier, text, text_list,
)
from lookout.contract.files import ContractFile

SEXUAL_KIND = "health_sexual"
EMERGENCY_KIND = "health_emergency"

SEXUAL_FILES = (
    ContractFile(SEXUAL_KIND, "attendances", (
        identifier("attendance_id", required=True), identifier("clinic_id", required=True),
        identifier("patient_ref", required=True), text("forenames"), text("surname"),
        date("dob"), text("sex"), text("postcode"), datetime("attended_at", required=True),
        code_list("services", v.SEXUAL_HEALTH_SERVICES), text_list("diagnoses"),
        flag("sts_completed"), text_list("sts_flags"), flag("referral_made"),
        text("referral_to"), datetime("referral_at"),
    ), key=("attendance_id",), description="sexual health clinic attendances"),
)

EMERGENCY_FILES = (
    ContractFile(EMERGENCY_KIND, "attendances", (
        identifier("attendance_id", required=True), identifier("nhs_number"), text("forenames"),
        text("surname"), date("dob"), text("sex"), text("postcode"),
        datetime("arrived_at", required=True), text("chief_complaint"), flag("injury"),
        code("injury_intent", v.INJURY_INTENTS), flag("alcohol_or_drugs"),
        flag("safeguarding_concern"), flag("referred_to_social_care"), text("text"),
    ), key=("attendance_id",), description="emergency department attendances"),
)

__all__ = ["EMERGENCY_FILES", "EMERGENCY_KIND", "SEXUAL_FILES", "SEXUAL_KIND"]
