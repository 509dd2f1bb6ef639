"""What the team-account tests share: signing in, and the codes an authenticator app shows."""

import base64
import hashlib
import hmac
import struct
import time

from django.urls import reverse

from tests.factories import PASSWORD


def sign_in(client, email, password, **extra):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def totp_code(secret: str) -> str:
    """RFC 6238, written out here so the tests do not lean on allauth's own code."""
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(base64.b32decode(secret), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def set_up_two_step_sign_in(client, password: str = PASSWORD) -> str:
    """Turn it on as a person would; return the authenticator app's secret."""
    client.post(reverse("account_reauthenticate"), {"password": password})
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    return secret
