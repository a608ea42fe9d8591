"""Accounts and their life cycle, sign-in with throttling, and sessions.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's second recommended
setting) and must be at least 12 characters that are not guessable from the account or from
the lists attackers try first (NIST SP 800-63B, 5.1.1.2: no composition rules, but a check
against "dictionary words", "repetitive or sequential characters" and "context-specific
words"). A session is a random token: the browser holds it signed (itsdangerous) in an
HttpOnly, Secure, SameSite=Strict cookie; the store keeps only its SHA-256, with the
session's CSRF token.

Sign-in is refused for a while after repeated failures for one account from one address, or
from one address for any accounts, whether or not the account exists; failures from elsewhere
never lock an account out, so no one can keep a colleague from signing in. The password is
checked before the store's write transaction begins, so a slow hash never holds it.

An account can be disabled and enabled, given a new password, have its sessions ended, and be
given an end date (`expires_at`); each is a write the caller audits, and a disabled or
expired account's sessions stop working at once."""

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

__all__ = ["SignInCheck", "SignInResult", "check_password", "check_sign_in", "create_user",
           "end_session", "find_user", "hash_password", "record_sign_in", "reset_password",
           "resolve_session", "revoke_sessions", "session_cookie", "set_active", "set_expiry",
           "throttled"]

_hasher = PasswordHasher()
# Verified when the account does not exist, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))
MIN_PASSWORD = 12


# Passwords attackers try first (the most common of public breach lists, and this product's and
# field's own words): a password that is one of them, decorated with numbers or symbols, is
# refused; a passphrase that merely contains one is not.
_GUESSED_FIRST = ("password", "passw0rd", "123456", "qwerty", "letmein", "welcome", "iloveyou",
                  "admin", "abc123", "monkey", "dragon", "football", "baseball", "sunshine",
                  "princess", "trustno1", "lookout", "safeguard", "police", "council", "school")


def check_password(password: str, *, username: str = "", display_name: str = "") -> None:
    """Refuse, with the reason, a password too short or too easily guessed."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    folded = password.lower()
    for word in (username, *display_name.split()):
        if len(word) >= 3 and word.lower() in folded:
            raise ValueError("a password must not contain the account's name")
    letters = "".join(ch for ch in folded if ch.isalpha())
    if letters in _GUESSED_FIRST or folded.strip("0123456789!?.*#@$ ") in _GUESSED_FIRST:
        raise ValueError("that password is one attackers try first (a common password, with "
                         "numbers or symbols added)")
    if len(set(folded)) < 5:
        raise ValueError("a password needs more different characters than that")
    steps = [ord(b) - ord(a) for a, b in zip(folded, folded[1:])]
    if all(step == steps[0] for step in steps) and abs(steps[0]) <= 1:
        raise ValueError("a password must not be a run of characters (aaaa, abcd, 1234)")


def hash_password(password: str, *, username: str = "", display_name: str = "") -> str:
    """An Argon2id hash of the password, once it passes `check_password`."""
    check_password(password, username=username, display_name=display_name)
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
                password_hash=hash_password(password, username=username,
                                            display_name=display_name or ""), role=role,
                agency=agency.strip() if agency and agency.strip() else None, active=True,
                created_at=utc_now())
    session.add(user)
    session.flush()
    return user


def find_user(session: Session, username: str) -> User:
    """The account called `username`, or a ValueError naming it."""
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise ValueError(f"there is no account {username!r}")
    return user


def _expired(user: User, now: dt.datetime) -> bool:
    return user.expires_at is not None and now >= user.expires_at


def throttled(session: Session, settings: AppSettings, username: str, ip: str | None) -> bool:
    """Whether sign-in for this account from this address, or from this address at all, is
    refused for now."""
    since = utc_now() - dt.timedelta(minutes=settings.login_window_minutes)
    failures = select(func.count()).select_from(LoginAttempt).where(
        LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
    if session.execute(failures.where(LoginAttempt.username == username,
                                      LoginAttempt.ip.is_(ip) if ip is None else LoginAttempt.ip == ip)
                       ).scalar_one() >= settings.login_failures:
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


@dataclass(frozen=True)
class SignInCheck:
    """What checking a sign-in found, before anything is written."""

    username: str
    ip: str | None
    user_id: int | None
    throttled: bool


def check_sign_in(session: Session, settings: AppSettings, *, username: str, password: str,
                  ip: str | None) -> SignInCheck:
    """Check throttling and the password in a read transaction (Argon2 is slow by design, and
    must not hold the store's write lock)."""
    username = username.strip()[:80]
    if throttled(session, settings, username, ip):
        return SignInCheck(username, ip, None, True)
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
        ok = user is not None and user.active and not _expired(user, utc_now())
    except (VerificationError, InvalidHashError):
        ok = False
    return SignInCheck(username, ip, user.id if ok else None, False)


def record_sign_in(session: Session, settings: AppSettings, check: SignInCheck) -> SignInResult:
    """Record the attempt and, when it succeeded, open a session. Run in the caller's write
    transaction, which should be committed whatever the outcome (throttling counts failures)."""
    ok = check.user_id is not None
    session.add(LoginAttempt(username=check.username, ip=check.ip, at=utc_now(), succeeded=ok))
    if check.throttled:
        return SignInResult(refused=f"too many failed sign-ins: try again in "
                            f"{settings.login_window_minutes} minutes", throttled=True)
    if not ok:
        return SignInResult(refused="that username and password do not match an active account")
    user = session.get(User, check.user_id)
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(LoginSession(token_hash=_digest(token), user_id=user.id, csrf_token=csrf,
                             created_at=utc_now(), last_seen_at=utc_now(), ip=check.ip))
    session.flush()
    return SignInResult(user=user, cookie=session_cookie(settings).dumps(token), csrf_token=csrf)


def set_active(session: Session, username: str, active: bool) -> User:
    """Enable or disable an account; disabling ends its sessions at once."""
    user = find_user(session, username)
    user.active = active
    if not active:
        revoke_sessions(session, username)
    return user


def reset_password(session: Session, username: str, password: str) -> User:
    """Give an account a new password and end its sessions."""
    user = find_user(session, username)
    user.password_hash = hash_password(password, username=user.username,
                                       display_name=user.display_name)
    revoke_sessions(session, username)
    return user


def revoke_sessions(session: Session, username: str) -> int:
    """End every live session of an account; return how many were ended."""
    user = find_user(session, username)
    live = session.execute(select(LoginSession).where(
        LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))).scalars().all()
    for login in live:
        login.ended_at = utc_now()
    return len(live)


def set_expiry(session: Session, username: str, expires_at: dt.datetime | None) -> User:
    """Set (or clear, with None) the moment an account stops working."""
    user = find_user(session, username)
    user.expires_at = expires_at
    return user


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
    if _expired(login.user, now):
        return None
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
