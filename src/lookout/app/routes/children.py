"""Pages about children: the review queue, search, the child page and its casework forms."""

from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException
from fastapi.responses import Response

from lookout.app import services
from lookout.app.casework import DECISIONS
from lookout.app.child import source_bases
from lookout.app.policy import Access, allow
from lookout.app.routes.render import answer_form, page
from lookout.app.services import NotFound
from lookout.app.timeline import LANES, timeline_svg
from lookout.indicators.vocabulary import LEVELS

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form()]


@router.get("/queue")
def queue_page(access: Annotated[Access, allow("queue.view")], level: str = "", status: str = "",
               mine: bool = False):
    """Flagged children in review order, with what changed since the last decision."""
    rows = services.queue(access, level=level, status=status, mine=mine)
    kinds = sorted({k for r in rows for k in r.sources})
    access.event.detail["rows"] = len(rows)
    return page(access, "queue.html", rows=rows, level=level, status=status, mine=mine,
                levels=("high", "medium", "low"),
                bases=source_bases(access.warehouse(), _sources_of_kinds(access, kinds)))


@router.get("/queue.csv")
def queue_export(access: Annotated[Access, allow("queue.export")], level: str = "", status: str = ""):
    """The queue as CSV: pseudonymous, one row per child."""
    rows = services.queue(access, level=level, status=status)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["person_id", "level", "score", "agencies", "first_flagged_at", "indicators",
                     "sources", "held_by_other_agencies", "status", "assignee", "due_on", "changes"])
    for r in rows:
        writer.writerow([r.person_id, r.level, r.score, r.agencies, r.first_flagged_at or "",
                         ";".join(r.indicators), ";".join(r.sources), r.held_elsewhere, r.status, r.state.assignee or "",
                         r.state.due_on or "", "; ".join(r.changes)])
    access.event.detail["rows"] = len(rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="review-queue.csv"'})


@router.get("/search")
def search_page(access: Annotated[Access, allow("search")], q: str = ""):
    """Find a child by person id or by a source record id (never by name)."""
    found = services.search(access, q)
    access.event.detail["results"] = len(found)
    return page(access, "search.html", q=q, found=found)


@router.get("/children/{person_id}")
def child_page(access: Annotated[Access, allow("child.view")], person_id: str):
    """One child: flag and evidence, timeline, records and their links, networks, findings,
    casework."""
    try:
        view = services.view_child(access, person_id)
    except NotFound as missing:
        raise HTTPException(404, str(missing)) from None
    return page(access, "child.html", view=view, child=view.page,
                timeline=timeline_svg(view.page.chronology, view.page.evidence_events),
                lanes=LANES, decisions=DECISIONS, levels=LEVELS)


@router.post("/children/{person_id}/reveal")
def reveal(access: Annotated[Access, allow("child.reveal")], person_id: str, reason: Text = ""):
    """Show the child's names to this session, for a recorded reason."""
    return answer_form(access, f"/children/{person_id}", "Names shown for "
                   f"{access.context.settings.reveal_minutes} minutes; the reason is in the audit log.",
                   lambda: services.reveal_names(access, person_id, reason))


@router.post("/children/{person_id}/notes")
def add_note(access: Annotated[Access, allow("child.note")], person_id: str, text: Text = ""):
    """Add a note to the child's casework."""
    return answer_form(access, f"/children/{person_id}", "Note added.",
                   lambda: services.add_child_entry(access, person_id, kind="note", text=text),
                   "#casework")


@router.post("/children/{person_id}/decisions")
def add_decision(access: Annotated[Access, allow("child.decide")], person_id: str,
                 decision: Text = "", reason: Text = "", due_on: Text = ""):
    """Record a decision (refer, strategy meeting, keep under review, no further action)."""
    return answer_form(access, f"/children/{person_id}", "Decision recorded.",
                   lambda: services.add_child_entry(access, person_id, kind="decision", text=reason,
                                                    decision=decision, due_on=due_on), "#casework")


@router.post("/children/{person_id}/assignment")
def assign(access: Annotated[Access, allow("child.decide")], person_id: str, assignee: Text = "",
           due_on: Text = "", text: Text = ""):
    """Assign the child to someone, with a due date."""
    return answer_form(access, f"/children/{person_id}", "Assigned.",
                   lambda: services.add_child_entry(access, person_id, kind="assignment", text=text,
                                                    assignee=assignee, due_on=due_on), "#casework")


@router.post("/children/{person_id}/override")
def override(access: Annotated[Access, allow("child.decide")], person_id: str, level: Text = "",
             reason: Text = ""):
    """Override the flag's level with a reason; published flags follow at the next run."""
    return answer_form(access, f"/children/{person_id}", "Override recorded: it applies to the "
                   "published flags from the next run.",
                   lambda: services.override_flag(access, person_id, level=level, reason=reason),
                   "#flag")


def _sources_of_kinds(access: Access, kinds: list[str]) -> set[str]:
    if not kinds:
        return set()
    return {r[0] for r in access.warehouse().execute(
        "SELECT source FROM sources WHERE list_contains(?, kind)", [kinds]).fetchall()
        if access.sources is None or r[0] in access.sources}
