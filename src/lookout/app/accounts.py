"""Accounts, sign-in with throttling, and sessions.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended
setting). A session is a random token: the browser holds it signed (itsdangerous) in an
HttpOnly, Secure, SameSite=Strict cookie; the store keeps only its SHA-256, with the
session's CSRF token. Sign-in is refused for a while after repeated failures for one account
or from one address, whether or not the account exists."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lookout.app.roles import ROLES
from lookout.app.settings import AppSettings
from lookout.app.store import LoginAttempt, LoginSession, User
from lookout.app.store.types import utc_now

__all__ = ["SignInResult", "create_user", "end_session", "hash_password", "resolve_session",
           "session_cookie", "sign_in", "throttled"]

_hasher = PasswordHasher()
# Verified when the account does not exist, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
MIN_PASSWORD = 12


def hash_password(password: str) -> str:
    """An Argon2id hash of the password."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def create_user(session: Session, *, username: str, password: str, role: str,
                agency: str | None = None, display_name: str | None = None) -> User:
    """Add an account. Agency practitioners must name their agency (as its extracts'
    source.toml names it); hub roles may be limited to one agency too."""
    username = username.strip()
    if not username or len(username) > 80 or any(c.isspace() for c in username):
        raise ValueError("a username is 1 to 80 characters with no spaces")
    if role not in ROLES:
        raise ValueError(f"role {role!r} is not one of {', '.join(ROLES)}")
    if role == "practitioner" and not (agency and agency.strip()):
        raise ValueError("an agency practitioner needs --agency: the agency whose records they may see")
    if session.execute(select(User).where(User.username == username)).scalar_one_or_none():
        raise ValueError(f"there is already an account {username!r}")
    user = User(username=username, display_name=(display_name or username).strip(),
                password_hash=hash_password(password), role=role,
                agency=agency.strip() if agency and agency.strip() else None, active=True,
                created_at=utc_now())
    session.add(user)
    session.flush()
    return user


def throttled(session: Session, settings: AppSettings, username: str, ip: str | None) -> bool:
    """Whether sign-in for this account, or from this address, is refused for now."""
    since = utc_now() - dt.timedelta(minutes=settings.login_window_minutes)
    failures = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
    if session.execute(failures.where(LoginAttempt.username == username)).scalar_one() \
            >= settings.login_failures:
        return True
    return ip is not None and session.execute(failures.where(LoginAttempt.ip == ip)).scalar_one() \
        >= settings.login_failures * 5


@dataclass(frozen=True)
class SignInResult:
    """The outcome of a sign-in: a user and cookie value, or why it was refused."""

    user: User | None = None
    cookie: str | None = None
    csrf_token: str | None = None
    refused: str | None = None
    throttled: bool = False


def sign_in(session: Session, settings: AppSettings, *, username: str, password: str,
            ip: str | None) -> SignInResult:
    """Check the password and open a session. Every attempt is recorded in the caller's
    transaction, which should be committed whatever the outcome (throttling counts failures)."""
    username = username.strip()[:80]
    if throttled(session, settings, username, ip):
        session.add(LoginAttempt(username=username, ip=ip, at=utc_now(), succeeded=False))
        return SignInResult(refused=f"too many failed sign-ins: try again in "
                            f"{settings.login_window_minutes} minutes", throttled=True)
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        ok = user is not None and user.active
    except (VerificationError, InvalidHashError):
        ok = False
    session.add(LoginAttempt(username=username, ip=ip, at=utc_now(), succeeded=ok))
    if not ok:
        return SignInResult(refused="that username and password do not match an active account")
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(LoginSession(token_hash=_digest(token), user_id=user.id, csrf_token=csrf,
                             created_at=utc_now(), last_seen_at=utc_now(), ip=ip))
    session.flush()
    return SignInResult(user=user, cookie=session_cookie(settings).dumps(token), csrf_token=csrf)


def session_cookie(settings: AppSettings) -> URLSafeSerializer:
    """The signer of session cookie values."""
    return URLSafeSerializer(settings.secret_key, salt="lookout-session")


@dataclass(frozen=True)
class ActiveSession:
    """A live session and its account, detached from the database."""

    id: int
    csrf_token: str
    user_id: int
    username: str
    display_name: str
    role: str
    agency: str | None


def resolve_session(session: Session, settings: AppSettings, cookie: str | None) -> ActiveSession | None:
    """The live session a cookie names, or None if it is missing, forged, ended or expired."""
    if not cookie:
        return None
    try:
        token = session_cookie(settings).loads(cookie)
    except BadSignature:
        return None
    login = session.execute(select(LoginSession).where(
        LoginSession.token_hash == _digest(str(token)))).scalar_one_or_none()
    if login is None or login.ended_at is not None or not login.user.active:
        return None
    now = utc_now()
    if now - login.last_seen_at > dt.timedelta(minutes=settings.session_idle_minutes) \
            or now - login.created_at > dt.timedelta(hours=settings.session_hours):
        return None
    user = login.user
    return ActiveSession(login.id, login.csrf_token, user.id, user.username, user.display_name,
                         user.role, user.agency)


def touch_session(session: Session, session_id: int) -> None:
    """Record that the session was used now (its idle timeout starts again)."""
    login = session.get(LoginSession, session_id)
    if login is not None:
        login.last_seen_at = utc_now()


def end_session(session: Session, session_id: int) -> None:
    """Sign out: the session can never be used again."""
    login = session.get(LoginSession, session_id)
    if login is not None and login.ended_at is None:
        login.ended_at = utc_now()


def same_token(expected: str, given: str | None) -> bool:
    """Constant-time comparison of a CSRF token."""
    return given is not None and hmac.compare_digest(expected.encode(), given.encode())


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
