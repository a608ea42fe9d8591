"""Police extracts: a POLE export (persons, objects, locations, events). Contract v1 section 2."""

from lookout.contract import vocabularies as v
from lookout.contract.columns import (
    code, date, datetime, identifier, text, text_list,
)
from lookout.contract.files import ContractFile

KIND = "police"

FILES = (
    ContractFile(KIND, "nominals", (
        identifier("nominal_id", required=True), text("surname"), text("forenames"), date("dob"),
        text("sex"), text("address"), text("postcode"), text("phone"),
    ), key=("nominal_id",), description="people the force has recorded (nominals)"),
    ContractFile(KIND, "incidents", (
        identifier("incident_id", required=True),
        code("incident_type", v.INCIDENT_TYPES, required=True),
        datetime("occurred_at"), datetime("reported_at", required=True), text("postcode"),
        text("address"), text("summary"), code("outcome", v.POLICE_OUTCOMES),
        datetime("outcome_at"),
    ), key=("incident_id",), description="incidents and crimes"),
    ContractFile(KIND, "incident_people", (
        identifier("incident_id", required=True), identifier("nominal_id", required=True),
        code("role", v.INCIDENT_ROLES, required=True),
    ), key=("incident_id", "nominal_id", "role"), description="who took part in each incident"),
    ContractFile(KIND, "vehicles", (
        identifier("incident_id", required=True), text("vrm", required=True), text("make"),
        text("colour"), identifier("nominal_id"),
    ), key=("incident_id", "vrm"), description="vehicles recorded at incidents"),
    ContractFile(KIND, "missing_episodes", (
        identifier("episode_id", required=True), identifier("nominal_id", required=True),
        datetime("reported_at", required=True), code("reported_by", v.MISSING_REPORTED_BY),
        code("risk_grade", v.APP_RISK_GRADES), datetime("found_at"), text("found_postcode"),
        text("found_address"), text_list("found_with"), datetime("return_interview_at"),
        text("return_interview_by"),
    ), key=("episode_id",), description="missing person episodes"),
    ContractFile(KIND, "evidence", (
        identifier("evidence_id", required=True), identifier("incident_id", required=True),
        text("description", required=True), text("offered_by"),
        datetime("offered_at", required=True), code("decision", v.EVIDENCE_DECISIONS),
        text("decision_reason"), datetime("decision_at"),
    ), key=("evidence_id",), description="evidence offered and what was decided"),
    ContractFile(KIND, "intelligence", (
        identifier("intel_id", required=True), datetime("recorded_at", required=True),
        text("grading"), text("text", required=True), text_list("nominal_ids"),
        text_list("vrms"), text_list("phones"), text_list("postcodes"),
    ), key=("intel_id",), description="intelligence reports (3x5x2 graded)"),
)

__all__ = ["FILES", "KIND"]
