"""Sign-ins as rows (:class:`quizapp.models.SignIn`): start one, recognise it from a cookie, end one or all.

Flask-Login keeps ``user.get_id()`` in the session cookie and in the remember-me cookie, so the
id is this module's token, ``<user id>.<sign-in id>.<secret>``: a new secret at every sign-in
(remember tokens rotate), and nothing signs in once its row is gone. Nothing here commits.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Optional

import sqlalchemy as sa

from quizapp.extensions import db
from quizapp.models import SignIn, User, utcnow
from quizapp.models.sign_in import ADDRESS_MAX, USER_AGENT_MAX

# A browser that asked to be remembered stays signed in this long (the remember cookie's life);
# one that did not, at most this long even if it keeps its session cookie.
REMEMBERED_FOR = timedelta(days=365)
SESSION_FOR = timedelta(days=30)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start(user: User, *, remember: bool, user_agent: str = "", address: str = "") -> str:
    """A new sign-in for ``user`` from this browser; the token its cookies will carry."""
    secret = secrets.token_urlsafe(32)
    row = SignIn(user_id=user.id, secret_hash=_digest(secret), remember=remember,
                 user_agent=(user_agent or "")[:USER_AGENT_MAX], address=(address or "")[:ADDRESS_MAX],
                 expires_at=utcnow() + (REMEMBERED_FOR if remember else SESSION_FOR))
    db.session.add(row)
    db.session.flush()
    token = f"{user.id}.{row.id}.{secret}"
    user.sign_in_token, user.sign_in_remember = token, remember
    return token


def _parse(token: str) -> Optional[tuple[int, int, str]]:
    parts = (token or "").split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit() or len(parts[0]) > 18 or len(parts[1]) > 18:
        return None
    return int(parts[0]), int(parts[1]), parts[2]


def load(token: str) -> Optional[User]:
    """The user this token signs in, while its sign-in lasts; one SELECT for user and sign-in."""
    parsed = _parse(token)
    if parsed is None:
        return None
    user_id, sign_in_id, secret = parsed
    found = db.session.execute(
        sa.select(User, SignIn).join(SignIn, SignIn.user_id == User.id)
        .where(User.id == user_id, SignIn.id == sign_in_id)
    ).first()
    if found is None:
        return None
    user, row = found
    if not hmac.compare_digest(row.secret_hash, _digest(secret)) or row.expires_at <= utcnow():
        return None
    user.sign_in_token, user.sign_in_remember = token, row.remember
    return user


def current_id(user: User) -> Optional[int]:
    """The id of the sign-in this request came with (None outside a signed-in request)."""
    parsed = _parse(getattr(user, "sign_in_token", "") or "")
    return parsed[1] if parsed else None


def end(user: User, sign_in_id: int) -> bool:
    """Sign out one browser of ``user``; False when it is not theirs (or already gone)."""
    result = db.session.execute(sa.delete(SignIn).where(SignIn.id == sign_in_id, SignIn.user_id == user.id))
    return result.rowcount > 0


def end_all(user: User, *, keep: Optional[int] = None) -> int:
    """Sign out every browser of ``user`` (but ``keep``, when given); how many were signed out."""
    query = sa.delete(SignIn).where(SignIn.user_id == user.id)
    if keep is not None:
        query = query.where(SignIn.id != keep)
    return db.session.execute(query).rowcount


def listing(user: User) -> list[SignIn]:
    """``user``'s browsers still signed in, the most recent first (expired ones are left out)."""
    return list(db.session.scalars(
        sa.select(SignIn).where(SignIn.user_id == user.id, SignIn.expires_at > utcnow())
        .order_by(SignIn.created_at.desc(), SignIn.id.desc())
    ))


def describe(user_agent: str) -> str:
    """A short name for a browser from its User-Agent: "Firefox on Linux", "Chrome on Android"…"""
    agent = user_agent or ""
    browser = next((name for marker, name in _BROWSERS if marker in agent), "")
    system = next((name for marker, name in _SYSTEMS if marker in agent), "")
    if browser and system:
        return f"{browser} · {system}"
    return browser or system or agent[:60]


# Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", Android also says "Linux".
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("HeadlessChrome", "Chromium (headless)"),
             ("Chromium/", "Chromium"), ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("curl/", "curl"))
_SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
            ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))
