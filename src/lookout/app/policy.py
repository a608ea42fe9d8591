"""The one authorisation policy every route goes through.

A route declares its rule with `allow(action)` (see `lookout.app.roles.RULES`); the
dependency that `allow` returns signs the user in from the session cookie, checks the role,
the CSRF token of anything that changes state, and (for users limited to one agency) that
the record named in the path has records the user may see (`lookout.app.scope`); it
refuses, and logs the refusal, otherwise. It hands the route an `Access`: the user, their
scope for filtering everything shown (the same scope the single checks use), the request's
warehouse connection, and the
audit event that is written when the route has finished, with its outcome. A route that
changes casework writes through `Access.write()`, so the change and its audit event are one
transaction. `create_app` refuses to start if any route lacks a rule."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import duckdb
from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from lookout.app.accounts import ActiveSession, resolve_session, same_token, touch_session
from lookout.app.audit import EventDraft, append_event
from lookout.app.context import AppContext
from lookout.app.roles import RULES, Rule
from lookout.app.scope import EVERYTHING, Scope, scope_for
from lookout.app.warehouse import WarehouseUnavailable, open_readonly, table_names

__all__ = ["Access", "SESSION_COOKIE", "SignInRequired", "Verdict", "allow", "authorize",
           "route_rule"]

SESSION_COOKIE = "lookout_session"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
PATH_PARAMS = {"child": "person_id", "finding": "finding_id", "network": "network_id",
               "pair": "pair_id"}


class SignInRequired(Exception):
    """The route needs a signed-in user and there is none (the app answers 401 or a redirect)."""


@dataclass(frozen=True)
class Verdict:
    """A decision of the policy, with its reason."""

    allowed: bool
    reason: str


def authorize(rule: Rule, role: str, sources: frozenset[str] | None,
              con: duckdb.DuckDBPyConnection | None, resource_id: str | None) -> Verdict:
    """May a user of `role`, who sees `sources` (None: all), use `rule` on `resource_id`?"""
    if role not in rule.roles:
        return Verdict(False, f"the {role} role may not use {rule.action} ({rule.purpose})")
    if rule.resource is None or sources is None or resource_id is None:
        return Verdict(True, f"the {role} role may use {rule.action}")
    if con is None:
        return Verdict(False, "the results cannot be read now, so your agency's records cannot be checked")
    if not _in_scope(con, rule.resource, resource_id, sources):
        return Verdict(False, f"this {rule.resource} has no records you may see (your agency's, or shared with it)")
    return Verdict(True, f"the {rule.resource} has records you may see")


def _in_scope(con: duckdb.DuckDBPyConnection, kind: str, resource_id: str,
              sources: frozenset[str]) -> bool:
    tables = table_names(con)
    wanted = sorted(sources)
    queries = {
        "child": ("result_linkage", "SELECT count(*) FROM result_linkage WHERE person_id = ? "
                  "AND list_contains(?, source)"),
        "finding": ("accountability_findings", "SELECT count(*) FROM accountability_findings "
                    "WHERE finding_id = ? AND list_contains(?, source)"),
        "network": ("result_networks", """
            SELECT count(*) FROM result_networks n JOIN result_linkage l
              ON n.entity_type = 'person' AND l.person_id = n.entity_key
            WHERE n.network_id = ? AND list_contains(?, l.source)"""),
        "pair": ("link_pairs", "SELECT count(*) FROM link_pairs WHERE pair_id = ? "
                 "AND list_contains(?, source_l) AND list_contains(?, source_r)"),
    }
    table, sql = queries[kind]
    if table not in tables:
        return False
    params = [resource_id, wanted] + ([wanted] if kind == "pair" else [])
    return con.execute(sql, params).fetchall()[0][0] > 0


@dataclass(frozen=True)
class Principal:
    """The signed-in user of a request."""

    session_id: int
    csrf_token: str
    username: str
    display_name: str
    role: str
    agency: str | None


@dataclass
class Access:
    """What a route may use, and the audit event its use becomes."""

    context: AppContext
    rule: Rule
    request: Request
    principal: Principal | None
    event: EventDraft
    scope: Scope = EVERYTHING
    audited: bool = False
    _warehouse: duckdb.DuckDBPyConnection | None = field(default=None, repr=False)
    _warehouse_problem: str | None = None

    @property
    def sources(self) -> frozenset[str] | None:
        """The extracts the user may see records of (None: every agency's); see `scope`."""
        return self.scope.sources

    @property
    def workspace(self):
        """The deployment's workspace."""
        return self.context.settings.workspace

    def warehouse(self) -> duckdb.DuckDBPyConnection:
        """The request's read-only warehouse connection (WarehouseUnavailable if none)."""
        if self._warehouse is None:
            if self._warehouse_problem:
                raise WarehouseUnavailable(self._warehouse_problem)
            try:
                self._warehouse = open_readonly(self.workspace)
            except WarehouseUnavailable as error:
                self._warehouse_problem = str(error)
                raise
        return self._warehouse

    def refuse(self, outcome: str) -> None:
        """Mark the request as refused (e.g. a form without a reason), for the audit log."""
        self.event.outcome = f"refused: {outcome}"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A store transaction that also writes this request's audit event."""
        with self.context.store.write() as session:
            yield session
            self._finish(session)

    def _finish(self, session: Session) -> None:
        if self.principal is not None:
            touch_session(session, self.principal.session_id)
        if self.rule.audit is not None and not self.audited:
            append_event(session, self.event)
        self.audited = True

    def close(self) -> None:
        """Close the warehouse connection, releasing the file for the pipeline."""
        if self._warehouse is not None:
            self._warehouse.close()
            self._warehouse = None


def allow(action: str):
    """The dependency that applies rule `action` to a route and yields its `Access`."""
    rule = RULES[action]

    async def policy(request: Request) -> AsyncIterator[Access]:
        context: AppContext = request.app.state.lookout
        form = await request.form() if request.method in UNSAFE and _is_form(request) else {}
        access = await run_in_threadpool(_admit, context, rule, request, dict(form))
        try:
            yield access
        except HTTPException as error:
            access.event.outcome = f"refused: {error.status_code} {error.detail}"
            raise
        except WarehouseUnavailable as error:
            access.event.outcome = f"unavailable: {error}"
            raise
        except Exception as error:
            access.event.outcome = f"error: {type(error).__name__}"
            raise
        finally:
            await run_in_threadpool(_conclude, access)

    policy.rule = rule  # type: ignore[attr-defined]
    return Depends(policy, scope="function")


def route_rule(route) -> Rule | None:
    """The rule a route declared through `allow`, or None."""
    dependant = getattr(route, "dependant", None)
    for dependency in getattr(dependant, "dependencies", []):
        rule = getattr(dependency.call, "rule", None)
        if isinstance(rule, Rule):
            return rule
    return None


def _is_form(request: Request) -> bool:
    kind = request.headers.get("content-type", "")
    return kind.startswith("application/x-www-form-urlencoded") or kind.startswith("multipart/form-data")


def _admit(context: AppContext, rule: Rule, request: Request, form: dict) -> Access:
    route = f"{request.method} {request.scope.get('route').path if request.scope.get('route') else request.url.path}"
    ip = request.client.host if request.client else None
    resource_id = request.path_params.get(PATH_PARAMS[rule.resource]) if rule.resource else None
    event = EventDraft(action=rule.audit or "view", route=route, ip=ip,
                       target_kind=rule.resource, target_id=resource_id,
                       detail=_request_detail(request, form))
    if "anonymous" in rule.roles:
        return Access(context, rule, request, None, event)
    with context.store.read() as session:
        active: ActiveSession | None = resolve_session(session, context.settings,
                                                       request.cookies.get(SESSION_COOKIE))
    if active is None:
        raise SignInRequired()
    principal = Principal(active.id, active.csrf_token, active.username, active.display_name,
                          active.role, active.agency)
    event.username, event.role, event.agency = principal.username, principal.role, principal.agency
    access = Access(context, rule, request, principal, event)
    if request.method in UNSAFE:
        given = form.get("csrf_token") or request.headers.get("x-csrf-token")
        if not same_token(principal.csrf_token, given):
            _deny(access, "the form's CSRF token is missing or wrong: reload the page and try again")
    con = None
    if principal.agency is not None:
        try:
            con = access.warehouse()
        except WarehouseUnavailable:
            con = None
        access.scope = scope_for(con, context.settings.workspace, principal.agency)
    verdict = authorize(rule, principal.role, access.sources, con, resource_id)
    if not verdict.allowed:
        _deny(access, verdict.reason)
    return access


def _deny(access: Access, reason: str) -> None:
    """Log the refusal (even for rules not otherwise audited) and answer 403."""
    access.event.outcome = f"denied: {reason}"
    access.event.action = access.rule.audit or "view"
    with access.context.store.write() as session:
        append_event(session, access.event)
    access.audited = True
    access.close()
    raise HTTPException(status_code=403, detail=reason)


def _conclude(access: Access) -> None:
    access.close()
    if access.audited or (access.principal is None and access.rule.audit is None):
        return
    with access.context.store.write() as session:
        access._finish(session)


def _request_detail(request: Request, form: dict) -> dict:
    """What was asked, for the audit log: query parameters and submitted fields. Never
    passwords or tokens; free text (a note, a reason) is kept by the route that uses it, under
    its own rules, so here only its length is."""
    secret = {"password", "csrf_token", "login_token"}
    free_text = {"text", "reason"}
    detail = {}
    if request.query_params:
        detail["query"] = {k: v for k, v in request.query_params.items() if k not in secret}
    fields = {k: (f"{len(str(v))} characters" if k in free_text else str(v)[:200])
              for k, v in form.items() if k not in secret}
    if fields:
        detail["form"] = fields
    return detail
