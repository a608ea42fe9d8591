"""The vocabulary indicators are written in: facts, their fields, and the tests on a field.

A fact is a kind of record an indicator can point at (a missing episode, a clinic attendance,
a month of school attendance...). Its fields are typed, and each type allows a few tests. The
catalogue (`catalogue/*.yaml`) may only use what this module names: anything else is an
error when the catalogue is loaded, never a silent miss when it runs.

Facts carry no ethnicity, religion or nationality: indicators are behaviours and events
(domain guide), so such fields cannot be named by a rule at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

__all__ = ["FACTS", "Fact", "FieldType", "OPERATORS", "TIERS", "LEVELS"]


class FieldType(str, Enum):
    """What a fact's field holds, which decides the tests it allows."""

    FLAG = "flag"
    NUMBER = "number"
    CODE = "code"
    CODE_LIST = "code_list"


# Test name -> (field types it applies to, the kind of value it takes).
OPERATORS: dict[str, tuple[frozenset[FieldType], str]] = {
    "is": (frozenset({FieldType.FLAG}), "flag"),
    "at_least": (frozenset({FieldType.NUMBER}), "number"),
    "at_most": (frozenset({FieldType.NUMBER}), "number"),
    "equals": (frozenset({FieldType.CODE}), "code"),
    "in": (frozenset({FieldType.CODE}), "codes"),
    "not_in": (frozenset({FieldType.CODE}), "codes"),
    "contains_any": (frozenset({FieldType.CODE_LIST}), "codes"),
    "not_empty": (frozenset({FieldType.CODE_LIST}), "none"),
}

# SERAF's three kinds of indicator, least to most serious.
TIERS = ("vulnerability", "moderate", "significant")
# Lookout's levels, least to most serious; `none` means no flag.
LEVELS = ("none", "low", "medium", "high")


@dataclass(frozen=True)
class Fact:
    """A kind of record indicators can use: its fields (name -> type) and what it is."""

    name: str
    description: str
    fields: dict[str, FieldType]
    records: str  # what a drop holds of it, in a few words ("school attendance registers")


FACTS: dict[str, Fact] = {f.name: f for f in (
    Fact("missing_episode",
         "A missing or away episode (police missing_episodes.csv, SSDA903 missing), dated when "
         "the child was found (or reported, if never found).",
         {"from_care": FieldType.FLAG, "away": FieldType.FLAG, "overnight": FieldType.FLAG,
          "hours": FieldType.NUMBER, "risk_grade": FieldType.CODE,
          "found_with_adult": FieldType.FLAG, "found_at_adult_place": FieldType.FLAG},
          "missing or away episodes"),
    Fact("police_incident",
         "A police incident the person took part in, dated when it was reported.",
         {"incident_type": FieldType.CODE, "role": FieldType.CODE,
          "with_adult_driver": FieldType.FLAG}, "police incidents"),
    Fact("incident_outcome",
         "The outcome of a police incident the person took part in, dated when it was recorded.",
         {"incident_type": FieldType.CODE, "role": FieldType.CODE, "outcome": FieldType.CODE},
         "police incident outcomes"),
    Fact("intelligence_mention",
         "A police intelligence report naming the person.",
         {"adults_named": FieldType.NUMBER}, "police intelligence reports"),
    Fact("school_concern",
         "An entry in a school's designated safeguarding lead's log.",
         {"category": FieldType.CODE, "referred": FieldType.FLAG}, "school safeguarding logs"),
    Fact("attendance_month",
         "A calendar month of a pupil's register marks at one school, dated its last day.",
         {"possible_sessions": FieldType.NUMBER, "unauthorised_rate": FieldType.NUMBER,
          "unauthorised_rise": FieldType.NUMBER}, "school attendance registers"),
    Fact("referral",
         "A referral to children's social care, with its CIN census assessment factors.",
         {"factors": FieldType.CODE_LIST, "referral_source": FieldType.CODE,
          "decision": FieldType.CODE}, "referrals to children's social care"),
    Fact("care_episode",
         "An SSDA903 looked-after episode, from its start to its end (open while ongoing).",
         {"legal_status": FieldType.CODE, "placement": FieldType.CODE},
         "SSDA903 looked-after episodes"),
    Fact("clinic_attendance",
         "A sexual health clinic attendance, with the Spotting the Signs proforma's answers.",
         {"services": FieldType.CODE_LIST, "diagnoses": FieldType.CODE_LIST,
          "sts_completed": FieldType.FLAG, "sts_flags": FieldType.CODE_LIST},
          "sexual health clinic attendances"),
    Fact("network_link",
         "A child's tie to a suspected exploitation network found by the networks stage, dated "
         "when the whole path from the child to the network's adult was on record, and again "
         "each day another child it counts was known to be at risk and tied: the counts are "
         "those known on the row's date.",
         {"children_at_risk_linked": FieldType.NUMBER, "network_children_at_risk": FieldType.NUMBER,
          "cross_area": FieldType.FLAG}, "ties to suspected networks"),
    Fact("recorded_concern",
         "A practitioner's words about the child (a social care case note, a school concern, a "
         "referral's reason, a return interview, an A&E note) that describe a recognised "
         "indicator, dated when written; `themes` names the indicators the words describe "
         "(`lookout/indicators/recorded_concerns.yaml`).",
         {"themes": FieldType.CODE_LIST, "record_kind": FieldType.CODE}, "practitioners' notes"),
    Fact("emergency_attendance",
         "An emergency department attendance.",
         {"injury": FieldType.FLAG, "injury_intent": FieldType.CODE,
          "alcohol_or_drugs": FieldType.FLAG, "safeguarding_concern": FieldType.FLAG},
          "emergency department attendances"),
)}
