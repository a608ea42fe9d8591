"""Information-sharing agreements: which kinds of one agency's records the users of another
agency may see in the app, and why.

A user whose account names an agency sees that agency's records. They see another agency's
records only where the workspace declares an agreement in `WS/sharing.toml`:

    [[agreement]]
    name = "Oxfordshire MASH information sharing agreement"
    from = "Oxfordshire Constabulary"                       # whose records are shared
    to = "Oxfordshire County Council Children's Services"   # whose users may see them
    kinds = ["police"]            # which kinds of `from`'s extracts (all of them if left out)
    purpose = "Strategy discussions and section 47 enquiries (Working Together 2023, 2.4)"
    legal_basis = "Children Act 1989 s.47; DPA 2018 Sch. 8 para 4"
    starts = 2026-04-01           # optional: in force from this day
    ends = 2027-03-31             # optional: and up to this day

Agencies are named exactly as their extracts' `source.toml` names them. An agreement shares
records one way; a second agreement shares the other way. Users with no agency (the
safeguarding hub) see every agency's records and need no agreement. The file is read again
whenever it changes; a file that cannot be read is refused with its line and field, and
until it is put right agency users see their own agency's records only.
"""

from __future__ import annotations

import datetime as dt
import threading
import tomllib
from dataclasses import dataclass
from pathlib import Path

from lookout.workspace import Workspace

__all__ = ["Agreement", "SharingFileError", "agreements_in_force", "load_agreements", "sharing_path"]

KINDS = ("police", "education", "social_care", "health_sexual", "health_emergency")
REQUIRED = ("name", "from", "to", "purpose", "legal_basis")
KNOWN = {*REQUIRED, "kinds", "starts", "ends"}


class SharingFileError(ValueError):
    """The agreements file cannot be used; the message names the file, agreement and field."""


@dataclass(frozen=True)
class Agreement:
    """One declared agreement: `to`'s users may see `from`'s records of `kinds`."""

    name: str
    from_agency: str
    to_agency: str
    kinds: frozenset[str] | None
    purpose: str
    legal_basis: str
    starts: dt.date | None = None
    ends: dt.date | None = None

    def in_force(self, day: dt.date) -> bool:
        """Whether the agreement covers `day`."""
        return (self.starts is None or self.starts <= day) and (self.ends is None or day <= self.ends)

    def covers(self, agency: str, kind: str) -> bool:
        """Whether records of `agency`'s extracts of `kind` are shared by it."""
        return agency == self.from_agency and (self.kinds is None or kind in self.kinds)


def sharing_path(workspace: Workspace) -> Path:
    """Where the workspace declares its agreements."""
    return workspace.root / "sharing.toml"


def load_agreements(path: Path) -> list[Agreement]:
    """Every agreement in `path` (none if there is no file); SharingFileError if it is wrong."""
    if not path.exists():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SharingFileError(f"{path}: not valid TOML ({error})") from None
    unknown = set(data) - {"agreement"}
    if unknown:
        raise SharingFileError(f"{path}: unknown section {sorted(unknown)[0]!r}; "
                               "write each agreement under [[agreement]]")
    entries = data.get("agreement", [])
    if not isinstance(entries, list):
        raise SharingFileError(f"{path}: write each agreement under [[agreement]]")
    return [_agreement(path, number, entry) for number, entry in enumerate(entries, 1)]


def _agreement(path: Path, number: int, entry: dict) -> Agreement:
    where = f"{path}, agreement {number}"
    unknown = sorted(set(entry) - KNOWN)
    if unknown:
        raise SharingFileError(f"{where}: unknown field {unknown[0]!r} (fields: {', '.join(sorted(KNOWN))})")
    for key in REQUIRED:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            raise SharingFileError(f"{where}: {key!r} is required and must be text")
    if entry["from"].strip() == entry["to"].strip():
        raise SharingFileError(f"{where}: 'from' and 'to' are both {entry['from']!r}; an agency "
                               "always sees its own records")
    kinds = entry.get("kinds")
    if kinds is not None:
        if not isinstance(kinds, list) or not kinds or not all(isinstance(k, str) for k in kinds):
            raise SharingFileError(f"{where}: 'kinds' must be a list such as [\"police\"]")
        for kind in kinds:
            if kind not in KINDS:
                raise SharingFileError(f"{where}: {kind!r} is not a kind of extract "
                                       f"(kinds: {', '.join(KINDS)})")
    starts, ends = _day(where, entry, "starts"), _day(where, entry, "ends")
    if starts and ends and ends < starts:
        raise SharingFileError(f"{where}: it ends ({ends}) before it starts ({starts})")
    return Agreement(entry["name"].strip(), entry["from"].strip(), entry["to"].strip(),
                     frozenset(kinds) if kinds is not None else None, entry["purpose"].strip(),
                     entry["legal_basis"].strip(), starts, ends)


def _day(where: str, entry: dict, key: str) -> dt.date | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise SharingFileError(f"{where}: {key!r} must be a date written YYYY-MM-DD, not {value!r}")


_cache: dict[Path, tuple[float, list[Agreement]]] = {}
_lock = threading.Lock()


def agreements_in_force(workspace: Workspace, day: dt.date) -> list[Agreement]:
    """The workspace's agreements in force on `day` (read again when the file changes)."""
    path = sharing_path(workspace)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return []
    with _lock:
        cached = _cache.get(path)
        if cached is None or cached[0] != stamp:
            cached = (stamp, load_agreements(path))
            _cache[path] = cached
    return [a for a in cached[1] if a.in_force(day)]
