"""The one scope rule: which records a user may see. Every view of data (queue, child,
network, search, findings, link review, audit log, CSV and JSON alike) asks it.

- A user whose account names no agency (the safeguarding hub) sees every agency's records.
- A user whose account names an agency sees the records of that agency's extracts, and of
  the extracts an information-sharing agreement in force shares with their agency
  (`lookout.app.sharing`).
- Anything else is held by another agency: lists leave it out, an indicator or a source kind
  with no record the user may see is not named, and a network shows such parts as "held by
  another agency", with no key, record or event.

A path that names something with none of the user's records is refused by the policy
(`lookout.app.policy.authorize`) before any route runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import duckdb

from lookout.app.sharing import Agreement, SharingFileError, agreements_in_force
from lookout.workspace import Workspace

__all__ = ["EVERYTHING", "HELD_ELSEWHERE", "Scope", "scope_for"]

HELD_ELSEWHERE = "held by another agency"


@dataclass(frozen=True)
class Scope:
    """What one user may see.

    - `agency`: the user's agency (None: every agency's records).
    - `own`: the extracts (sources) of the user's agency.
    - `shared`: other agencies' extracts the user sees, each with the agreement sharing it.
    - `problem`: why agreements could not be read (then only `own` is seen)."""

    agency: str | None
    own: frozenset[str] = frozenset()
    shared: Mapping[str, Agreement] = field(default_factory=dict)
    problem: str | None = None

    @property
    def limited(self) -> bool:
        """Whether the user is kept to some agencies' records."""
        return self.agency is not None

    @property
    def sources(self) -> frozenset[str] | None:
        """The extracts the user may see records of (None: all of them)."""
        if self.agency is None:
            return None
        return self.own | frozenset(self.shared)

    def sees(self, source: str | None) -> bool:
        """Whether records of extract `source` are the user's to see."""
        return self.agency is None or source in self.own or source in self.shared

    def basis(self, source: str) -> str | None:
        """Why the user sees `source`: their own agency's, or the agreement sharing it."""
        if self.agency is None:
            return None
        if source in self.own:
            return f"{self.agency}'s own records"
        agreement = self.shared.get(source)
        return f"shared under {agreement.name!r}: {agreement.purpose}" if agreement else None


EVERYTHING = Scope(None)


def scope_for(con: duckdb.DuckDBPyConnection | None, workspace: Workspace, agency: str | None,
              today: dt.date | None = None) -> Scope:
    """The scope of a user of `agency` (None: everything) on `today`."""
    if agency is None:
        return EVERYTHING
    if con is None:
        return Scope(agency)
    extracts = con.execute("SELECT source, agency, kind FROM sources ORDER BY source").fetchall()
    own = frozenset(source for source, owner, _ in extracts if owner == agency)
    try:
        agreements = [a for a in agreements_in_force(workspace, today or dt.date.today())
                      if a.to_agency == agency]
    except SharingFileError as error:
        return Scope(agency, own, {}, problem=str(error))
    shared = {}
    for source, owner, kind in extracts:
        if source in own:
            continue
        agreement = next((a for a in agreements if a.covers(owner, kind)), None)
        if agreement is not None:
            shared[source] = agreement
    return Scope(agency, own, shared)
