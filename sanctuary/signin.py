"""Limits on guessing passwords that a stranger cannot turn into a lockout.

Failed sign-ins are counted per address (the network the tries come from), per address and
account together, and per account. The first two slow down whoever is guessing. The third
bounds guessing spread over many addresses, and a browser that has signed in to that account
before (it carries a signed cookie saying so) is exempt from it: strangers elsewhere can stop
new browsers from trying that account for a while, never the person at their usual one.
"""

from django.conf import settings
from django.utils.crypto import salted_hmac

from sanctuary.ratelimit import client_key

KNOWN_BROWSER_COOKIE = "sanctuary_signed_in_before"
_SALT = "sanctuary.signin.known-browser"
_MAX_ACCOUNTS = 8  # a tablet at the door is shared by a few volunteers


def login_key(email: str) -> str:
    return email.strip().lower()


def address_and_account_key(request, email: str) -> str:
    """What the per-address-and-account limit counts: one network guessing one account."""
    return f"{client_key(request)}|{login_key(email)}"


def _account_mark(email: str) -> str:
    # Opaque: the cookie does not say whose accounts were used in this browser.
    return salted_hmac(_SALT, login_key(email)).hexdigest()[:20]


def _marks(request) -> list[str]:
    value = request.get_signed_cookie(
        KNOWN_BROWSER_COOKIE,
        default=None,
        salt=_SALT,
        max_age=settings.SIGN_IN_KNOWN_BROWSER_DAYS * 86400,
    )
    return value.split(":") if value else []


def browser_signed_in_before(request, email: str) -> bool:
    """Has a full sign-in to this account (second step included) happened in this browser?"""
    return _account_mark(email) in _marks(request)


def browser_remember(request, response, email: str) -> None:
    """Mark this browser as one that signed in to this account (set on the response)."""
    mark = _account_mark(email)
    marks = [mark, *(other for other in _marks(request) if other != mark)][:_MAX_ACCOUNTS]
    response.set_signed_cookie(
        KNOWN_BROWSER_COOKIE,
        ":".join(marks),
        salt=_SALT,
        max_age=settings.SIGN_IN_KNOWN_BROWSER_DAYS * 86400,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
