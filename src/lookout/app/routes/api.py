"""The JSON API: the same operations as the pages, under the same policy rules.

Sign in with `POST /api/session` (JSON username and password); it sets the session cookie
and returns the session's CSRF token, which every POST must carry in `X-CSRF-Token`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import select

from lookout.app import accountability, services
from lookout.app.accounts import check_sign_in, end_session, record_sign_in
from lookout.app.audit import recent_events, verify_chain
from lookout.app.casework import EntryView
from lookout.app.link_review import pairs_to_review
from lookout.app.network_page import network_list, one_network
from lookout.app.policy import SESSION_COOKIE, Access, allow
from lookout.app.routes.session import set_session_cookie
from lookout.app.services import NotFound
from lookout.app.store import CaseEntry, User
from lookout.runs.report import load_report

router = APIRouter(prefix="/api")


class Credentials(BaseModel):
    """A username and password."""

    username: str
    password: str


class Reason(BaseModel):
    """Why: recorded in the audit log."""

    reason: str = ""


class Note(BaseModel):
    """A casework note."""

    text: str = ""


class DecisionIn(BaseModel):
    """A casework decision on a child."""

    decision: str = Field(description="refer, strategy_meeting, monitor or no_further_action")
    reason: str = ""
    due_on: str | None = Field(default=None, description="YYYY-MM-DD")


class AssignmentIn(BaseModel):
    """Who should act, and by when."""

    assignee: str
    due_on: str | None = None
    text: str = ""


class OverrideIn(BaseModel):
    """A practitioner's level for a child's flag."""

    level: str = Field(description="none, low, medium or high")
    reason: str = ""


class StatusIn(BaseModel):
    """A finding's new status."""

    status: str = Field(description="acknowledged or resolved")
    reason: str = ""


class PairDecisionIn(BaseModel):
    """Whether two records are one person."""

    accept: bool
    reason: str = ""


def _plain(value: Any) -> Any:
    """Dataclasses, dates and tuples as JSON-ready values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _entry(entry: CaseEntry | EntryView) -> dict:
    return {"id": entry.id, "kind": entry.kind, "decision": entry.decision, "assignee": entry.assignee,
            "due_on": entry.due_on.isoformat() if entry.due_on else None, "text": entry.text,
            "held": getattr(entry, "held", False), "by": entry.by_username, "by_agency": entry.by_agency,
            "at": entry.at.isoformat(), "records": [r.record for r in entry.records]}


def _do(access: Access, action) -> dict:
    """Run an action; a wrong input is 400 with its message, a missing thing 404."""
    try:
        result = action()
    except NotFound as missing:
        raise HTTPException(404, str(missing)) from None
    except ValueError as problem:
        access.refuse(str(problem))
        raise HTTPException(400, str(problem)) from None
    if isinstance(result, CaseEntry):
        return _entry(result)
    return {"ok": True, "result": _plain(result)}


@router.post("/session")
def api_sign_in(access: Annotated[Access, allow("sign_in")], credentials: Credentials):
    """Sign in; returns the CSRF token to send as X-CSRF-Token."""
    access.event.username = credentials.username.strip()[:80] or None
    with access.context.store.read() as session:
        check = check_sign_in(session, access.context.settings, username=credentials.username,
                              password=credentials.password, ip=access.event.ip)
    with access.write() as session:
        result = record_sign_in(session, access.context.settings, check)
        if result.user is None:
            access.refuse("throttled" if result.throttled else "wrong username or password")
        else:
            access.event.role, access.event.agency = result.user.role, result.user.agency
    if result.user is None:
        raise HTTPException(429 if result.throttled else 401, result.refused)
    response = JSONResponse({"username": result.user.username, "role": result.user.role,
                             "agency": result.user.agency, "csrf_token": result.csrf_token})
    set_session_cookie(access, response, result.cookie)
    return response


@router.delete("/session")
def api_sign_out(access: Annotated[Access, allow("sign_out")]):
    """Sign out."""
    with access.write() as session:
        end_session(session, access.principal.session_id)
    response = JSONResponse({"ok": True})
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/openapi.json", include_in_schema=False)
def api_schema(access: Annotated[Access, allow("api.schema")]):
    """This API described in OpenAPI 3."""
    return access.request.app.openapi()


@router.get("/queue")
def api_queue(access: Annotated[Access, allow("queue.view")], level: str = "", status: str = "",
              mine: bool = False):
    """Flagged children in review order."""
    return [row.as_json() for row in services.queue(access, level=level, status=status, mine=mine)]


@router.get("/search")
def api_search(access: Annotated[Access, allow("search")], q: str = ""):
    """People by person id or source record id."""
    return services.search(access, q)


@router.get("/children/{person_id}")
def api_child(access: Annotated[Access, allow("child.view")], person_id: str):
    """A child: flag, evidence, records and links, chronology, networks, findings, casework."""
    try:
        view = services.view_child(access, person_id)
    except NotFound as missing:
        raise HTTPException(404, str(missing)) from None
    page = _plain(view.page)
    page.pop("evidence_events", None)
    return {**page, "casework": [_entry(e) for e in view.entries],
            "assignee": view.state.assignee,
            "due_on": view.state.due_on.isoformat() if view.state.due_on else None,
            "override_in_force": _plain(view.override)}


@router.post("/children/{person_id}/reveal")
def api_reveal(access: Annotated[Access, allow("child.reveal")], person_id: str, body: Reason):
    """Reveal names for this session, for a reason (then GET the child again)."""
    return _do(access, lambda: services.reveal_names(access, person_id, body.reason))


@router.post("/children/{person_id}/notes")
def api_note(access: Annotated[Access, allow("child.note")], person_id: str, body: Note):
    """Add a note."""
    return _do(access, lambda: services.add_child_entry(access, person_id, kind="note", text=body.text))


@router.post("/children/{person_id}/decisions")
def api_decision(access: Annotated[Access, allow("child.decide")], person_id: str, body: DecisionIn):
    """Record a decision with a reason."""
    return _do(access, lambda: services.add_child_entry(
        access, person_id, kind="decision", decision=body.decision, text=body.reason, due_on=body.due_on))


@router.post("/children/{person_id}/assignment")
def api_assign(access: Annotated[Access, allow("child.decide")], person_id: str, body: AssignmentIn):
    """Assign the child."""
    return _do(access, lambda: services.add_child_entry(
        access, person_id, kind="assignment", assignee=body.assignee, due_on=body.due_on, text=body.text))


@router.post("/children/{person_id}/override")
def api_override(access: Annotated[Access, allow("child.decide")], person_id: str, body: OverrideIn):
    """Override the flag's level."""
    return _do(access, lambda: services.override_flag(access, person_id, level=body.level,
                                                      reason=body.reason))


@router.get("/networks")
def api_networks(access: Annotated[Access, allow("network.list")]):
    """Suspected networks, best first."""
    return _plain(network_list(access.warehouse(), access.scope))


@router.get("/networks/{network_id}")
def api_network(access: Annotated[Access, allow("network.view")], network_id: str):
    """One network explained."""
    network = one_network(access.warehouse(), network_id, access.scope)
    if network is None:
        raise HTTPException(404, f"there is no network {network_id!r}")
    return _plain(network)


@router.get("/accountability")
def api_accountability(access: Annotated[Access, allow("accountability.view")], status: str = ""):
    """The dashboard's summary and the findings."""
    con = access.warehouse()
    summary = accountability.dashboard(con, agency=access.principal.agency)
    found = services.findings_shown(access, accountability.statuses_recorded(
        access.workspace, accountability.findings(con, sources=access.sources, status=status or None) or []))
    return {"checks_run": summary is not None, "summary": _plain(summary or []),
            "findings": _plain(found or [])}


@router.get("/findings/{finding_id}")
def api_finding(access: Annotated[Access, allow("finding.view")], finding_id: str):
    """One finding and its casework."""
    try:
        found, entries, state = services.view_finding(access, finding_id)
    except NotFound as missing:
        raise HTTPException(404, str(missing)) from None
    return {**_plain(found), "casework": [_entry(e) for e in entries], "assignee": state.assignee}


@router.post("/findings/{finding_id}/status")
def api_finding_status(access: Annotated[Access, allow("finding.update")], finding_id: str, body: StatusIn):
    """Acknowledge or resolve a finding."""
    return _do(access, lambda: services.set_finding_status(access, finding_id, status=body.status,
                                                           reason=body.reason))


@router.post("/findings/{finding_id}/assignment")
def api_finding_assign(access: Annotated[Access, allow("finding.update")], finding_id: str,
                       body: AssignmentIn):
    """Assign a finding."""
    return _do(access, lambda: services.add_finding_entry(
        access, finding_id, kind="assignment", assignee=body.assignee, due_on=body.due_on, text=body.text))


@router.post("/findings/{finding_id}/notes")
def api_finding_note(access: Annotated[Access, allow("finding.update")], finding_id: str, body: Note):
    """Add a note to a finding."""
    return _do(access, lambda: services.add_finding_entry(access, finding_id, kind="note", text=body.text))


@router.get("/run")
def api_run(access: Annotated[Access, allow("run.view")]):
    """The latest run report, as `lookout status --json` prints it."""
    report = load_report(access.workspace)
    if report is None:
        raise HTTPException(404, "nothing has run in this workspace yet")
    return report


@router.get("/links")
def api_links(access: Annotated[Access, allow("links.view")]):
    """Pairs to review, with each field's weight."""
    return _plain(pairs_to_review(access.warehouse(), access.workspace, sources=access.sources))


@router.post("/links/{pair_id}/decision")
def api_link_decision(access: Annotated[Access, allow("links.decide")], pair_id: str, body: PairDecisionIn):
    """Decide a pair."""
    return _do(access, lambda: services.decide_pair(access, pair_id, accept=body.accept, reason=body.reason))


@router.get("/audit")
def api_audit(access: Annotated[Access, allow("audit.view")], username: str = "", target: str = "",
              action: str = "", limit: int = 200):
    """Audit events, newest first."""
    with access.context.store.read() as session:
        events = recent_events(session, username=username, target=target, action=action, limit=limit,
                               agency=access.scope.agency)
    reasons = services.audit_reasons(events)
    return [{"seq": e.seq, "at": e.at.isoformat(), "username": e.username, "role": e.role,
             "agency": e.agency, "action": e.action, "outcome": e.outcome, "route": e.route,
             "target_kind": e.target_kind, "target_id": e.target_id, "reason": reasons[e.seq],
             "detail": e.detail, "hash": e.hash} for e in events]


@router.get("/audit/verify")
def api_audit_verify(access: Annotated[Access, allow("audit.view")]):
    """Whether the audit log's hash chain is intact."""
    return _plain(verify_chain(access.context.store))


@router.get("/users")
def api_users(access: Annotated[Access, allow("users.view")]):
    """Accounts (never their password hashes)."""
    with access.context.store.read() as session:
        query = select(User).order_by(User.username)
        if access.scope.limited:   # an admin kept to one agency manages that agency's accounts
            query = query.where(User.agency == access.scope.agency)
        users = session.execute(query).scalars().all()
    return [{"username": u.username, "display_name": u.display_name, "role": u.role,
             "agency": u.agency, "active": u.active} for u in users]
