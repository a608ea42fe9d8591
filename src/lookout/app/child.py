"""Everything the child page shows, read from the warehouse: the flag and its evidence, the
linked records and why they were linked, the chronology, networks and open findings, with
each source's legal basis. Pseudonymous unless names were revealed; for users kept to some
agencies' records (`lookout.app.scope`), limited to what those records show, with what other
agencies hold counted or marked "held by another agency"."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import duckdb

from lookout.app.network_page import scoped_network
from lookout.app.scope import Scope
from lookout.app.warehouse import table_names
from lookout.chronology.render import ChronologyEntry, person_chronology
from lookout.indicators.trace import FlagTrace, explain_flag
from lookout.link.explain import RecordExplanation, explain_record
from lookout.networks.explain import explain_network
from lookout.workspace import Workspace

__all__ = ["ChildPage", "LinkedRecord", "SourceBasis", "child_page"]

EXPLAINED_RECORDS = 12


@dataclass(frozen=True)
class SourceBasis:
    """An extract whose data a page shows, with the legal basis it was shared under."""

    source: str
    kind: str
    agency: str
    area: str
    legal_basis: str | None
    extracted_at: object


@dataclass
class LinkedRecord:
    """One of the child's records, with names only when revealed."""

    source: str
    record_id: str
    kind: str
    match_probability: float | None
    forenames: str | None = None
    surname: str | None = None
    dob: object = None
    explanation: RecordExplanation | None = None


@dataclass
class ChildPage:
    """The child page's content."""

    person_id: str
    revealed: bool
    flag: FlagTrace | None
    records: list[LinkedRecord]
    hidden_records: int
    chronology: list[ChronologyEntry]
    evidence_events: set[tuple[str, str]]
    networks: list[dict]
    findings: list[dict]
    findings_checked: bool
    sources: dict[str, SourceBasis] = field(default_factory=dict)
    held_elsewhere: int = 0          # indicators of the flag resting only on records the user may not see


def child_page(con: duckdb.DuckDBPyConnection, workspace: Workspace, person_id: str, *,
               scope: Scope, revealed: bool) -> ChildPage | None:
    """The page of `person_id`, or None if no such person (in the user's scope)."""
    tables = table_names(con)
    if "result_linkage" not in tables:
        return None
    visible = scope.sees
    rows = con.execute("""
        SELECT l.source, l.record_id, s.kind, l.match_probability
        FROM result_linkage l JOIN sources s USING (source)
        WHERE l.person_id = ? ORDER BY l.source, l.record_id""", [person_id]).fetchall()
    if not rows:
        return None
    records = [LinkedRecord(s, rid, kind, p) for s, rid, kind, p in rows if visible(s)]
    if revealed and records:
        _add_names(con, records)
    if not records:
        return None
    for record in records[:EXPLAINED_RECORDS]:
        record.explanation = _explanation(con, workspace, record, visible)
    flag, held = _flag(con, person_id, tables, visible)
    chronology = []
    if "chronology" in tables:
        try:
            chronology = [e for e in person_chronology(con, person_id, reveal=revealed) if visible(e.source)]
        except ValueError:
            chronology = []
    evidence = {(r.source, r.event_id) for ind in (flag.indicators if flag else ()) for r in ind.records}
    page = ChildPage(person_id, revealed, flag, records, len(rows) - len(records), chronology,
                     evidence, _networks(con, person_id, tables, scope),
                     *_findings(con, person_id, tables, visible), held_elsewhere=held)
    shown = {r.source for r in records} | {e.source for e in chronology} \
        | {f["source"] for f in page.findings}
    page.sources = source_bases(con, shown)
    return page


def _add_names(con: duckdb.DuckDBPyConnection, records: list[LinkedRecord]) -> None:
    """Names and dates of birth as each record holds them (only after a reveal)."""
    wanted = sorted(f"{r.source}|{r.record_id}" for r in records)
    found = {(s, rid): rest for s, rid, *rest in con.execute("""
        SELECT source, record_id, forenames, surname, dob FROM person_records
        WHERE list_contains(?, source || '|' || record_id)""", [wanted]).fetchall()}
    for record in records:
        record.forenames, record.surname, record.dob = found.get((record.source, record.record_id),
                                                                 (None, None, None))


def source_bases(con: duckdb.DuckDBPyConnection, shown: set[str]) -> dict[str, SourceBasis]:
    """The legal basis of each extract in `shown`, by source."""
    if not shown:
        return {}
    return {row[0]: SourceBasis(*row) for row in con.execute("""
        SELECT source, kind, agency, area, legal_basis, extracted_at FROM sources
        WHERE list_contains(?, source) ORDER BY source""", [sorted(shown)]).fetchall()}


def _explanation(con, workspace, record: LinkedRecord, visible) -> RecordExplanation | None:
    try:
        found = explain_record(con, workspace, record.source, record.record_id)
    except ValueError:
        return None
    found.links[:] = [link for link in found.links if visible(link.other_source)]
    found.members[:] = [m for m in found.members if visible(m[0])]
    return found


def _flag(con, person_id: str, tables: set[str], visible) -> tuple[FlagTrace | None, int]:
    """The flag with the indicators and records the user may see, and how many indicators
    rest only on records they may not."""
    if "result_flags" not in tables:
        return None, 0
    try:
        trace = explain_flag(con, person_id)
    except ValueError:
        return None, 0
    kept = []
    for indicator in trace.indicators:
        records = tuple(r for r in indicator.records if visible(r.source))
        if records:
            kept.append(replace(indicator, records=records))
    return replace(trace, indicators=tuple(kept)), len(trace.indicators) - len(kept)


def _networks(con, person_id: str, tables: set[str], scope: Scope) -> list[dict]:
    if "result_networks" not in tables or "result_network_summary" not in tables:
        return []
    cur = con.execute("""
        SELECT s.network_id, s.rank, s.score, s.children_at_risk, s.suspected_offenders, s.members,
               s.areas, s.cross_area, n.role, l.path
        FROM result_networks n JOIN result_network_summary s USING (network_id)
        LEFT JOIN result_network_links l ON l.network_id = n.network_id AND l.person_id = n.entity_key
        WHERE n.entity_type = 'person' AND n.entity_key = ? ORDER BY s.rank""", [person_id])
    names = [d[0] for d in cur.description]
    networks = [dict(zip(names, row)) for row in cur.fetchall()]
    counted: dict[str, dict[str, list[dict]]] = {}
    if "result_network_link_children" in tables:
        for network_id, counts_for, other, known_at in con.execute("""
                SELECT network_id, counts_for, other_id, known_at FROM result_network_link_children
                WHERE person_id = ? ORDER BY network_id, counts_for, known_at, other_id""", [person_id]).fetchall():
            counted.setdefault(network_id, {"adult": [], "network": []})[counts_for].append(
                {"person_id": other, "known_at": known_at.date()})
    # The other children at risk a network indicator counts, and the day each was known.
    for network in networks:
        links = counted.get(network["network_id"], {})
        network["same_adult"] = links.get("adult", [])
        network["same_network"] = links.get("network", [])
        if scope.limited:
            _scope_network_row(con, network, person_id, scope)
    return networks


def _scope_network_row(con, network: dict, person_id: str, scope: Scope) -> None:
    """The network row as a user kept to some agencies may see it: the path in the network
    page's terms, other children counted, not named, unless the user may see them."""
    seen = scoped_network(con, explain_network(con, network["network_id"]), scope)
    network["path"] = " | ".join(seen.paths.get(person_id, []))
    people = {key for kind, key, _ in seen.members if kind == "person"}
    for counted in ("same_adult", "same_network"):
        mine = [c for c in network[counted] if c["person_id"] in people]
        network[f"{counted}_held_elsewhere"] = len(network[counted]) - len(mine)
        network[counted] = mine


def _findings(con, person_id: str, tables: set[str], visible) -> tuple[list[dict], bool]:
    if "accountability_findings" not in tables:
        return [], False
    cur = con.execute("""SELECT * FROM accountability_findings WHERE person_id = ?
                         ORDER BY status = 'resolved', due_at, finding_id""", [person_id])
    names = [d[0] for d in cur.description]
    return [f for f in (dict(zip(names, row)) for row in cur.fetchall()) if visible(f["source"])], True
