"""Requests to the register's pages, and the contacts they must never show."""

import json
import time

from django.urls import reverse

EMAIL = "amal.private@example.org"
PHONE = "+447911123456"


def url(name, session, **query):
    path = reverse(f"register:{name}", kwargs={"pk": session.pk})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def sync(client, session, *taps):
    body = {"station": "t1", "sent_at": int(time.time() * 1000), "taps": list(taps)}
    return client.post(
        url("sync", session),
        json.dumps(body),
        content_type="application/json",
        headers={"Accept": "application/json"},
    )


def contacts_absent(text: str):
    for secret in (EMAIL, "amal.private", PHONE, "7911 123456", "07911", "123456"):
        assert secret not in text
