"""Forms another page cannot post for a signed-in browser.

SameSite cookies do not stop a page of the same site: another port of the same host is the
same site, and a browser sends the session cookie with its forms. So every form carries a
token that only a page of this dashboard can know: an HMAC of the session's secret cookie
(HttpOnly: no script reads it), or, on the login form, of a random pre-session cookie. And a
form whose Origin is not this dashboard's is refused before its token is read.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request

FIELD = "csrf"
LOGIN_COOKIE = "motcua_login"


def token_for(secret: str, purpose: str) -> str:
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).hexdigest()


def new_login_secret() -> str:
    return secrets.token_urlsafe(24)


def origin_allowed(request: Request) -> bool:
    """A browser names the page a form came from; it must be this dashboard (scheme, host and
    port). No Origin (an old browser, a script): the token alone decides."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin in (f"{request.url.scheme}://{host}", f"https://{host}")


def valid(request: Request, secret: str | None, purpose: str, sent: object) -> bool:
    if not secret or not isinstance(sent, str) or not origin_allowed(request):
        return False
    return hmac.compare_digest(token_for(secret, purpose), sent)
