"""Social care extracts: a local authority's case system and its DfE returns (SSDA903, CIN)."""

from lookout.contract import vocabularies as v
from lookout.contract.columns import (
    code, code_list, date, datetime, dmy_date, flag, identifier, text,
)
from lookout.contract.files import ContractFile

KIND = "social_care"

FILES = (
    ContractFile(KIND, "children", (
        identifier("la_child_id", required=True), text("surname"), text("forenames"),
        date("dob"), text("sex"), identifier("upn"), identifier("nhs_number"), text("postcode"),
        text("address"),
    ), key=("la_child_id",), description="children known to the local authority"),
    ContractFile(KIND, "ssda903_header", (
        identifier("CHILD", required=True), text("SEX"), dmy_date("DOB"), text("ETHNIC"),
        identifier("UPN"), text("MOTHER"), dmy_date("MC_DOB"),
    ), key=("child",), description="SSDA903 header: children looked after"),
    ContractFile(KIND, "ssda903_episodes", (
        identifier("CHILD", required=True), dmy_date("DECOM", required=True), text("RNE"),
        text("LS"), text("CIN"), text("PLACE"), text("PLACE_PROVIDER"), dmy_date("DEC"),
        text("REC"), text("REASON_PLACE_CHANGE"), text("HOME_POST"), text("PL_POST"),
        identifier("URN"),
    ), key=("child", "decom"), description="SSDA903 episodes of care"),
    ContractFile(KIND, "ssda903_missing", (
        identifier("CHILD", required=True),
        code("MISSING", v.SSDA903_MISSING_TYPES, required=True),
        dmy_date("MIS_START", required=True), dmy_date("MIS_END"),
    ), key=("child", "mis_start"), description="SSDA903 missing and away episodes"),
    ContractFile(KIND, "return_interviews", (
        # Not an SSDA903 file, so its dates are ISO 8601 like every other file's.
        identifier("CHILD", required=True), date("MIS_START", required=True),
        datetime("offered_at"), datetime("held_at"), flag("declined"), text("summary"),
    ), key=("child", "mis_start"), description="return home interviews after missing"),
    ContractFile(KIND, "referrals", (
        identifier("referral_id", required=True), identifier("la_child_id", required=True),
        datetime("received_at", required=True), code("source", v.CIN_REFERRAL_SOURCES),
        text("reason"), code("decision", v.REFERRAL_DECISIONS), datetime("decision_at"),
        code_list("factors", v.CIN_ASSESSMENT_FACTORS),
    ), key=("referral_id",), description="referrals and their decisions (CIN census codes)"),
    ContractFile(KIND, "case_notes", (
        identifier("note_id", required=True), identifier("la_child_id", required=True),
        datetime("recorded_at", required=True), text("author_role"), text("text", required=True),
    ), key=("note_id",), description="case notes"),
)

__all__ = ["FILES", "KIND"]
