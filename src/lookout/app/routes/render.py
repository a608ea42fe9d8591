"""Rendering pages and answering forms the same way on every page."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import HTTPException
from fastapi.responses import HTMLResponse, RedirectResponse
from itsdangerous import BadSignature, URLSafeSerializer

from lookout.app.policy import Access
from lookout.app.scope import HELD_ELSEWHERE
from lookout.app.services import NotFound

__all__ = ["answer_form", "back", "page"]


def _messages(access: Access) -> URLSafeSerializer:
    # messages travel in the query string signed, so a link cannot put words in the banner
    return URLSafeSerializer(access.context.settings.secret_key, salt="lookout-message")


def _message(access: Access, name: str) -> str | None:
    value = access.request.query_params.get(name)
    if not value:
        return None
    try:
        return str(_messages(access).loads(value))
    except BadSignature:
        return None


def page(access: Access, template: str, status_code: int = 200, **context) -> HTMLResponse:
    """A page rendered with the user, their CSRF token and any message the app itself left in
    the query string (signed: text anyone typed into a link is not shown)."""
    request = access.request
    context.update(access=access, user=access.principal, held=HELD_ELSEWHERE,
                   csrf_token=access.principal.csrf_token if access.principal else "",
                   message=_message(access, "done"), error=_message(access, "error"))
    return access.context.templates.TemplateResponse(request, template, context, status_code=status_code)


def back(access: Access, path: str, *, done: str | None = None, error: str | None = None,
         anchor: str = "") -> RedirectResponse:
    """Redirect after a form (303), with a message for the next page."""
    signer = _messages(access)
    query = urlencode({k: signer.dumps(v) for k, v in (("done", done), ("error", error)) if v})
    return RedirectResponse(f"{path}{'?' + query if query else ''}{anchor}", status_code=303)


def answer_form(access: Access, path: str, done: str, action, anchor: str = ""):
    """Run a form's action; redirect back with its message, or its error (logged as refused)."""
    try:
        action()
    except NotFound as missing:
        raise HTTPException(404, str(missing)) from None
    except ValueError as problem:
        access.refuse(str(problem))
        return back(access, path, error=str(problem), anchor=anchor)
    return back(access, path, done=done, anchor=anchor)
