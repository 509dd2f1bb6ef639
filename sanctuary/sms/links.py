"""Short links in texts.

A private link (a booking's, a ticket's, an application's) carries 43 characters of key; with the
site's address and path it is about 100 characters, more than a whole part of a text in Arabic
or Tigrinya script (67). Each such link in a text is sent as SITE_URL/s/<code>, a code of 128
random bits (22 characters), which the site redirects to the link's page. The same page always
gets the same code; a code stops working SMS_LINK_DAYS after it was made.
"""

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from sanctuary.models import SmsLink

# "/s/" and a code of 128 random bits in URL-safe base64.
SHORT_PATH_LENGTH = len("/s/") + 22


def _site_link() -> re.Pattern:
    return re.compile(re.escape(settings.SITE_URL) + r"(/[^\s]*[^\s.,;:!?)])")


def _code_for(path: str) -> str:
    """The path's short code: its link if there is a fresh one, else a new one (two queries;
    links too old are forgotten before each run of texts, sanctuary.sms.sending.sms_tidy)."""
    SmsLink.objects.bulk_create(
        [SmsLink(code=secrets.token_urlsafe(16), path=path)], ignore_conflicts=True
    )
    link = SmsLink.objects.get(path=path)
    if link.created_at >= timezone.now() - _lifetime():
        return link.code
    link.delete()  # outlived its days since the last tidy: a new one
    return SmsLink.objects.create(code=secrets.token_urlsafe(16), path=path).code


def _lifetime() -> timedelta:
    return timedelta(days=settings.SMS_LINK_DAYS)


def sms_links_shorten(text: str) -> str:
    """`text` with each link into the site replaced by its short link."""
    short_prefix = reverse("sms_link", kwargs={"code": "x"}).removesuffix("x")

    def shorten(match: re.Match) -> str:
        path = match.group(1)
        # Only a link longer than a short one is worth a code (the list of dates is not).
        if path.startswith(short_prefix) or not SHORT_PATH_LENGTH < len(path) <= 500:
            return match.group(0)
        return settings.SITE_URL + reverse("sms_link", kwargs={"code": _code_for(path)})

    return _site_link().sub(shorten, text)


def sms_link_path(code: str) -> str | None:
    """Where a short link goes, or None if it is unknown or too old."""
    link = SmsLink.objects.filter(code=code).first()
    if link is None or link.created_at < timezone.now() - _lifetime():
        return None
    return link.path


def sms_links_forget_old() -> int:
    deleted, _ = SmsLink.objects.filter(created_at__lt=timezone.now() - _lifetime()).delete()
    return deleted
