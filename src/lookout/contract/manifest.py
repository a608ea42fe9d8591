"""`source.toml`: what an extract is, who sent it, the area it covers and its legal basis."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lookout.contract.errors import ExtractError
from lookout.contract.vocabularies import SOURCE_KINDS

MANIFEST_NAME = "source.toml"
_REQUIRED = ("kind", "agency", "area", "extracted_at", "period_start", "period_end", "legal_basis")


@dataclass(frozen=True)
class Manifest:
    """The parsed `source.toml` of one extract folder."""

    source: str  # the extract folder's name: how every record of it is named
    kind: str
    agency: str
    area: str
    extracted_at: dt.datetime
    period_start: dt.date
    period_end: dt.date
    legal_basis: str


def read_manifest(folder: Path) -> Manifest:
    """Read and check `folder/source.toml`; raise ExtractError naming the problem."""
    path = folder / MANIFEST_NAME
    if not path.is_file():
        raise ExtractError(path, f"there is no {MANIFEST_NAME}: every extract folder needs one")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ExtractError(path, f"is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ExtractError(path, f"is not valid TOML: {exc}") from exc

    missing = [key for key in _REQUIRED if key not in data or str(data[key]).strip() == ""]
    if missing:
        raise ExtractError(path, f"is missing {', '.join(missing)}")
    kind = str(data["kind"]).strip()
    if kind not in SOURCE_KINDS:
        raise ExtractError(path, f"kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    period_start = _date(path, "period_start", data["period_start"])
    period_end = _date(path, "period_end", data["period_end"])
    if period_end < period_start:
        raise ExtractError(path, f"period_end {period_end} is before period_start {period_start}")
    return Manifest(
        source=folder.name,
        kind=kind,
        agency=str(data["agency"]).strip(),
        area=str(data["area"]).strip(),
        extracted_at=_datetime(path, "extracted_at", data["extracted_at"]),
        period_start=period_start,
        period_end=period_end,
        legal_basis=str(data["legal_basis"]).strip(),
    )


def _date(path: Path, key: str, value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ExtractError(path, f"{key} {value!r} is not a date (YYYY-MM-DD)") from None


def _datetime(path: Path, key: str, value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    try:
        return dt.datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
    except ValueError:
        raise ExtractError(path, f"{key} {value!r} is not a date-time (YYYY-MM-DDTHH:MM:SS)") from None
