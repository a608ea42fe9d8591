"""Signing in and out, the landing page, assets and the health check."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse

from lookout.app.accounts import check_sign_in, end_session, record_sign_in, same_token
from lookout.app.context import PACKAGE_DIR
from lookout.app.policy import SESSION_COOKIE, Access, allow
from lookout.app.routes.render import page

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "lookout_login_csrf"
STATIC = PACKAGE_DIR / "static"
ASSETS = {p.name: p for p in STATIC.iterdir() if p.is_file()} if STATIC.exists() else {}
LANDING = {"analyst": "/queue", "manager": "/queue", "practitioner": "/queue",
           "auditor": "/accountability", "admin": "/audit"}


def set_session_cookie(access: Access, response, value: str) -> None:
    """The session cookie: HttpOnly, SameSite=Strict, Secure unless configured otherwise."""
    response.set_cookie(SESSION_COOKIE, value, httponly=True, samesite="strict", path="/",
                        secure=access.context.settings.secure_cookies,
                        max_age=access.context.settings.session_hours * 3600)


@router.get("/login")
def login_page(access: Annotated[Access, allow("public")], next: str = "/"):
    """The sign-in form. A double-submit token guards it against cross-site sign-in."""
    token = secrets.token_urlsafe(24)
    response = page(access, "login.html", login_token=token, next=_safe_next(next))
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login",
                        secure=access.context.settings.secure_cookies)
    return response


@router.post("/login")
def login(access: Annotated[Access, allow("sign_in")], username: Annotated[str, Form()] = "",
          password: Annotated[str, Form()] = "", login_token: Annotated[str, Form()] = "",
          next: Annotated[str, Form()] = "/"):
    """Check the password, open a session and go on to the page asked for."""
    cookie_token = access.request.cookies.get(LOGIN_CSRF_COOKIE)
    if not cookie_token or not same_token(cookie_token, login_token):
        access.refuse("sign-in form token missing or wrong")
        with access.write():
            pass
        raise HTTPException(403, "the sign-in form expired: reload it and try again")
    access.event.username = username.strip()[:80] or None
    with access.context.store.read() as session:
        check = check_sign_in(session, access.context.settings, username=username,
                              password=password, ip=access.event.ip)
    with access.write() as session:
        result = record_sign_in(session, access.context.settings, check)
        if result.user is None:
            access.refuse("throttled" if result.throttled else "wrong username or password")
        else:
            access.event.role, access.event.agency = result.user.role, result.user.agency
    if result.user is None:
        return page(access, "login.html", status_code=429 if result.throttled else 401,
                    login_token=login_token, next=_safe_next(next), failure=result.refused)
    response = RedirectResponse(_safe_next(next), status_code=303)
    set_session_cookie(access, response, result.cookie)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(access: Annotated[Access, allow("sign_out")]):
    """End the session."""
    with access.write() as session:
        end_session(session, access.principal.session_id)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/")
def home(access: Annotated[Access, allow("home")]):
    """The landing page of the user's role."""
    return RedirectResponse(LANDING[access.principal.role], status_code=303)


@router.get("/static/{name}")
def static(access: Annotated[Access, allow("public")], name: str):
    """A stylesheet, script or picture shipped inside the app (nothing is fetched elsewhere)."""
    path = ASSETS.get(name)
    if path is None:
        raise HTTPException(404, "no such file")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})


@router.get("/healthz")
def health(access: Annotated[Access, allow("public")]):
    """Whether the app is up (no data)."""
    return JSONResponse({"status": "ok"})


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
