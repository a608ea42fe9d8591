"""Education extracts: a school MIS export, one folder may hold many schools."""

from lookout.contract import vocabularies as v
from lookout.contract.columns import code, date, datetime, identifier, text
from lookout.contract.files import ContractFile

KIND = "education"

FILES = (
    ContractFile(KIND, "pupils", (
        identifier("upn", required=True), identifier("school_urn", required=True),
        text("surname"), text("forenames"), date("dob"), text("sex"), text("postcode"),
        date("on_roll_from"), date("on_roll_to"),
    ), key=("upn", "school_urn"), description="pupils on roll"),
    ContractFile(KIND, "attendance", (
        identifier("upn", required=True), identifier("school_urn", required=True),
        date("date", required=True), code("session", v.SESSIONS, required=True),
        code("code", v.DFE_ATTENDANCE_CODES, required=True),
    ), key=("upn", "school_urn", "date", "session"),
        description="attendance register marks (DfE codes)"),
    ContractFile(KIND, "concerns", (
        identifier("concern_id", required=True), identifier("upn", required=True),
        datetime("recorded_at", required=True), text("category"), text("summary"),
        text("action_taken"), code("referred_to", v.REFERRED_TO), datetime("referred_at"),
    ), key=("concern_id",), description="the designated safeguarding lead's log"),
)

__all__ = ["FILES", "KIND"]
