"""Making the app: FastAPI with server-rendered pages, the JSON API, one policy for every
route, and headers that keep pages from loading anything from elsewhere."""

from __future__ import annotations

import hashlib
import time
from collections import deque

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.routing import BaseRoute

from lookout.app.context import PACKAGE_DIR, AppContext
from lookout.app.policy import SESSION_COOKIE, SignInRequired, route_rule
from lookout.app.routes import ROUTERS
from lookout.app.settings import AppSettings
from lookout.app.sharing import load_agreements, sharing_path
from lookout.app.store import open_store
from lookout.app.warehouse import WarehouseUnavailable

__all__ = ["create_app", "routes_without_rule"]

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                               "script-src 'self'; font-src 'self'; connect-src 'self'; "
                               "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def create_app(settings: AppSettings) -> FastAPI:
    """The casework app for one workspace; migrates its store on the way. Refuses to start
    with a route that has no rule, or an information-sharing agreements file it cannot use."""
    load_agreements(sharing_path(settings.workspace))
    app = FastAPI(title="Lookout casework API", version="1",
                  description="Review, decide and record, under one authorisation policy; "
                              "every view, search, reveal, decision and export is audited.",
                  docs_url=None, redoc_url=None, openapi_url=None)
    templates = Jinja2Templates(directory=str(PACKAGE_DIR / "templates"))
    templates.env.globals["level_order"] = {"high": 3, "medium": 2, "low": 1}
    app.state.lookout = AppContext(settings, open_store(settings.database_url, settings.audit_seal()), templates)
    for router in ROUTERS:
        _add_routes(app, router)
    missing = routes_without_rule(app.routes)
    if missing:
        raise RuntimeError(f"routes without an authorisation rule: {', '.join(missing)}")
    _handlers(app, templates)

    limiter = RateLimiter(settings.requests_per_minute)

    @app.middleware("http")
    async def rate_limit(request: Request, call_next):
        if not request.url.path.startswith("/static/"):
            who = request.cookies.get(SESSION_COOKIE) or (request.client.host if request.client else "")
            if not limiter.allow(who):
                message = "too many requests in a minute: slow down and try again shortly"
                if _wants_json(request):
                    return JSONResponse({"detail": message}, status_code=429)
                return HTMLResponse(f"<!doctype html><title>Too many requests</title><p>{message}</p>",
                                    status_code=429)
        return await call_next(request)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        if request.url.scheme == "https":   # browsers then refuse plain HTTP for a year
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response

    return app


class RateLimiter:
    """A sliding minute of requests per caller, kept in the worker's memory (each worker
    counts its own, so the limit holds per worker process)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.seen: dict[str, deque[float]] = {}

    def allow(self, who: str) -> bool:
        """Count a request from `who`; False when it is over the limit."""
        now = time.monotonic()
        recent = self.seen.setdefault(hashlib.sha256(who.encode()).hexdigest(), deque())
        while recent and now - recent[0] > 60:
            recent.popleft()
        if len(recent) >= self.per_minute:
            return False
        recent.append(now)
        if len(self.seen) > 10_000:   # forget callers idle for a minute
            self.seen = {k: v for k, v in self.seen.items() if v and now - v[-1] <= 60}
        return True


def _add_routes(app: FastAPI, router) -> None:
    """Add a router's routes to the app itself, so `app.routes` lists every route (the one
    list the policy check and its test go through)."""
    for route in router.routes:
        app.add_api_route(route.path, route.endpoint, methods=sorted(route.methods),
                          name=route.name, include_in_schema=route.include_in_schema,
                          summary=route.summary, description=route.description)


def routes_without_rule(routes: list[BaseRoute]) -> list[str]:
    """Every route that does not go through `lookout.app.policy.allow`."""
    return [f"{sorted(getattr(r, 'methods', None) or ['*'])} {getattr(r, 'path', r)}"
            for r in routes if route_rule(r) is None]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    def error_page(request: Request, status: int, title: str, message: str):
        if _wants_json(request):
            return JSONResponse({"detail": message}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"title": title, "message": message,
                                                                  "user": None, "csrf_token": ""},
                                          status_code=status)

    @app.exception_handler(SignInRequired)
    async def sign_in_required(request: Request, _error: SignInRequired):
        if _wants_json(request):
            return JSONResponse({"detail": "sign in first (POST /api/session)"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={target}" if request.method == "GET" else "/login",
                                status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException):
        titles = {403: "Not allowed", 404: "Not found", 400: "Cannot do that", 429: "Too many attempts"}
        return error_page(request, error.status_code, titles.get(error.status_code, "Error"), str(error.detail))

    @app.exception_handler(WarehouseUnavailable)
    async def unavailable(request: Request, error: WarehouseUnavailable):
        return error_page(request, 503, "Results not available", str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        return error_page(request, 422, "Cannot read that request", problems)
