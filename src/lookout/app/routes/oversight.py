"""Pages for oversight: networks, the accountability dashboard and findings, the clerical
link review queue, the audit log and accounts."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException
from sqlalchemy import select

from lookout.app import accountability, services
from lookout.app.audit import recent_events, verify_chain
from lookout.app.casework import assignable_users
from lookout.app.child import source_bases
from lookout.app.link_review import pairs_to_review
from lookout.app.network_page import network_list, network_picture, one_network
from lookout.app.policy import Access, allow
from lookout.app.routes.render import answer_form, page
from lookout.app.services import NotFound
from lookout.app.store import User
from lookout.runs.report import SECTION_TITLES, STAGES, load_report

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]
AUDIT_PAGE = 200


@router.get("/networks")
def networks_page(access: Annotated[Access, allow("network.list")]):
    """Suspected exploitation networks, highest score first."""
    return page(access, "networks.html", networks=network_list(access.warehouse(), access.scope))


@router.get("/networks/{network_id}")
def network_page(access: Annotated[Access, allow("network.view")], network_id: str):
    """One network: picture, members, each child's path, the records behind every edge."""
    con = access.warehouse()
    network = one_network(con, network_id, access.scope)
    if network is None:
        raise HTTPException(404, f"there is no network {network_id!r}")
    shown = {rec[1] for edge in network.edges for rec in edge.records}
    return page(access, "network.html", network=network, picture=network_picture(network),
                bases=source_bases(con, shown))


@router.get("/accountability")
def accountability_page(access: Annotated[Access, allow("accountability.view")], status: str = "open"):
    """Findings per agency and area, open and overdue, and timeliness; then the findings."""
    con = access.warehouse()
    agency = access.principal.agency
    summary = accountability.dashboard(con, agency=agency)
    found = services.findings_shown(access, accountability.statuses_recorded(
        access.workspace, accountability.findings(con, sources=access.sources, status=status or None) or [])) \
        if summary is not None else None
    shown = {f["source"] for f in found or []}
    return page(access, "accountability.html", summary=summary, findings=found, status=status,
                bases=source_bases(con, shown))


@router.get("/findings/{finding_id}")
def finding_page(access: Annotated[Access, allow("finding.view")], finding_id: str):
    """One finding: what was missed, by when, its status and casework."""
    try:
        found, entries, state = services.view_finding(access, finding_id)
    except NotFound as missing:
        raise HTTPException(404, str(missing)) from None
    with access.context.store.read() as session:
        assignable = assignable_users(session)
    return page(access, "finding.html", finding=found, entries=entries, state=state,
                assignable=assignable, bases=source_bases(access.warehouse(), {found["source"]}))


@router.post("/findings/{finding_id}/status")
def finding_status(access: Annotated[Access, allow("finding.update")], finding_id: str,
                   status: Text = "", reason: Text = ""):
    """Acknowledge or resolve a finding."""
    return answer_form(access, f"/findings/{finding_id}", f"Finding {status}.",
                   lambda: services.set_finding_status(access, finding_id, status=status, reason=reason))


@router.post("/findings/{finding_id}/assignment")
def finding_assign(access: Annotated[Access, allow("finding.update")], finding_id: str,
                   assignee: Text = "", due_on: Text = "", text: Text = ""):
    """Assign a finding to someone, with a due date."""
    return answer_form(access, f"/findings/{finding_id}", "Assigned.",
                   lambda: services.add_finding_entry(access, finding_id, kind="assignment",
                                                      assignee=assignee, due_on=due_on, text=text))


@router.post("/findings/{finding_id}/notes")
def finding_note(access: Annotated[Access, allow("finding.update")], finding_id: str, text: Text = ""):
    """Add a note to a finding."""
    return answer_form(access, f"/findings/{finding_id}", "Note added.",
                   lambda: services.add_finding_entry(access, finding_id, kind="note", text=text))


@router.get("/run")
def run_page(access: Annotated[Access, allow("run.view")]):
    """The latest run report: what each stage used, what it could not use, and why."""
    return page(access, "run.html", report=load_report(access.workspace), stages=STAGES,
                titles=SECTION_TITLES)


@router.get("/links")
def links_page(access: Annotated[Access, allow("links.view")]):
    """Pairs of records the model is unsure of, for a person to decide."""
    pairs = pairs_to_review(access.warehouse(), access.workspace, sources=access.sources)
    shown = {p.left[0] for p in pairs} | {p.right[0] for p in pairs}
    return page(access, "links.html", pairs=pairs, bases=source_bases(access.warehouse(), shown))


@router.post("/links/{pair_id}/decision")
def link_decision(access: Annotated[Access, allow("links.decide")], pair_id: str,
                  decision: Text = "", reason: Text = ""):
    """Record that a pair is (accept) or is not (reject) one person."""
    def decide():
        if decision not in ("accept", "reject"):
            raise ValueError("choose accept (same person) or reject (different people)")
        services.decide_pair(access, pair_id, accept=decision == "accept", reason=reason)
    return answer_form(access, "/links", "Decision recorded: it applies when linkage next runs.", decide)


@router.get("/audit")
def audit_page(access: Annotated[Access, allow("audit.view")], username: str = "", target: str = "",
               action: str = "", before: int | None = None):
    """The audit log, newest first, filtered by user, target or action."""
    with access.context.store.read() as session:
        events = recent_events(session, username=username, target=target, action=action,
                               before=before, limit=AUDIT_PAGE, agency=access.scope.agency)
    return page(access, "audit.html", events=events, username=username, target=target,
                action=action, page_size=AUDIT_PAGE, reasons=services.audit_reasons(events))


@router.get("/audit/verify")
def audit_verify(access: Annotated[Access, allow("audit.view")]):
    """Recompute the audit log's hash chain and say whether it is intact."""
    report = verify_chain(access.context.store)
    access.event.detail["verified"] = {"events": report.events, "ok": report.ok}
    return page(access, "audit_verify.html", report=report)


@router.get("/admin/users")
def users_page(access: Annotated[Access, allow("users.view")]):
    """Accounts, their roles and agencies (created with `lookout users add`)."""
    with access.context.store.read() as session:
        query = select(User).order_by(User.username)
        if access.scope.limited:   # an admin kept to one agency manages that agency's accounts
            query = query.where(User.agency == access.scope.agency)
        users = session.execute(query).scalars().all()
    return page(access, "users.html", users=users)
