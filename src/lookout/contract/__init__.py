"""Data contract v1: the files Lookout reads, their columns and vocabularies.

See `shared/spec/data-contract.md`; this package is its executable form.
"""

from __future__ import annotations

from lookout.contract import education, health, police, social_care
from lookout.contract.columns import Column, ColumnType
from lookout.contract.errors import ExtractError
from lookout.contract.files import ContractFile
from lookout.contract.manifest import MANIFEST_NAME, Manifest, read_manifest
from lookout.contract.vocabularies import SOURCE_KINDS

FILES_BY_KIND: dict[str, tuple[ContractFile, ...]] = {
    police.KIND: police.FILES,
    education.KIND: education.FILES,
    social_care.KIND: social_care.FILES,
    health.SEXUAL_KIND: health.SEXUAL_FILES,
    health.EMERGENCY_KIND: health.EMERGENCY_FILES,
}

ALL_FILES: tuple[ContractFile, ...] = tuple(f for kind in SOURCE_KINDS for f in FILES_BY_KIND[kind])

__all__ = [
    "ALL_FILES", "Column", "ColumnType", "ContractFile", "ExtractError", "FILES_BY_KIND",
    "MANIFEST_NAME", "Manifest", "SOURCE_KINDS", "read_manifest",
]
