"""The files each extract kind holds under data contract v1, with their required columns."""

from __future__ import annotations

from lookout.contract import FILES_BY_KIND, ColumnType, ContractFile

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

# Identifier columns: never blanked by a planted bad row, so every record stays nameable.
ID_COLUMNS = frozenset({"nominal_id", "upn", "la_child_id", "CHILD", "patient_ref", "attendance_id", "incident_id",
                        "episode_id", "referral_id", "note_id", "concern_id", "evidence_id", "intel_id"})

_DATES = (ColumnType.DATE, ColumnType.DATETIME, ColumnType.DMY_DATE)
_CODES = (ColumnType.CODE, ColumnType.CODE_LIST)


def _contract_file(kind: str, filename: str) -> ContractFile:
    return next(f for f in FILES_BY_KIND[kind] if f.filename == filename)


def columns_of_type(kind: str, filename: str, types: tuple[ColumnType, ...]) -> frozenset[str]:
    """Names (as the contract writes them) of the file's columns of these types."""
    return frozenset(c.name for c in _contract_file(kind, filename).columns if c.type in types)


def date_columns(kind: str, filename: str) -> frozenset[str]:
    """Columns the loader reads as dates or date-times."""
    return columns_of_type(kind, filename, _DATES)


def code_columns(kind: str, filename: str) -> frozenset[str]:
    """Columns the loader checks against a vocabulary."""
    return columns_of_type(kind, filename, _CODES)


def flag_columns(kind: str, filename: str) -> frozenset[str]:
    """Y/N columns."""
    return columns_of_type(kind, filename, (ColumnType.FLAG,))


def required_for(kind: str, filename: str) -> tuple[str, ...]:
    """Required columns (marked * in the contract) of ``filename`` in an extract of ``kind``."""
    return tuple(c.name for c in _contract_file(kind, filename).columns if c.required)
