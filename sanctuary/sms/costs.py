"""What each kind of text costs, in parts, in every language: every template under
templates/messages/ that has an sms.txt, rendered in each of settings.LANGUAGES with a realistic
worst case (long names, a reference, private links, a second booking from the same number) and
sent as it would go (short links, plain typography). `manage.py sms_costs` prints the table;
the tests hold every text to at most MAX_PARTS.
"""

import secrets
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from sanctuary.outbox import message_templates
from sanctuary.sms.encoding import SmsParts, sms_parts
from sanctuary.sms.sending import sms_body

MAX_PARTS = 2
LONDON = ZoneInfo("Europe/London")


def sms_templates() -> list[str]:
    """Every message that can go as a text: a folder under templates/messages/ with sms.txt."""
    return [name for name in message_templates("sms.txt") if name != "test_note"]


def _link(name: str, language: str) -> str:
    with translation.override(language):
        return settings.SITE_URL + reverse(name, kwargs={"token": secrets.token_urlsafe(32)})


def worst_case_context(language: str, *, month: int = 9, again: bool = True) -> dict:
    """Every value any text uses, each as long as it realistically gets, on the 28th of
    `month` (every month's name is tried: some languages' are much longer than others), with
    or without a second booking from the same number (`again`: each wording is measured).
    Names and titles are content (typed by staff in each language); their length, not their
    script, is what counts, as a text in a non-Latin script is UCS-2 whatever they are written
    in."""
    starts = datetime(2026, month, 28, 10, 30, tzinfo=LONDON)
    return {
        "first_name": "Oleksandra-Khadijah",
        "title": "Family drop-in and English café",
        "venue": "Theatre Royal Stage Two Studio",
        "reference": "D-7KQ4TM",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2, minutes=30),
        "expires_at": starts - timedelta(days=1),
        # Staff choose why a session is cancelled; the longest reason is about this long.
        "reason": "Not enough of our team can be there that day.",
        "manage_url": _link("dropins:manage", language),
        "list_url": settings.SITE_URL + _list_path(language),
        "ticket_url": _link("events:ticket", language),
        "claim_url": _link("events:claim", language),
        "offer_url": _link("events:pool-offer", language),
        "status_url": _link("bursaries:status", language),
        "also_booked": (
            [{"reference": "D-X3AC9P", "manage_url": _link("dropins:manage", language)}]
            if again
            else []
        ),
        "also_booked_references": "D-X3AC9P" if again else "",
        "approved": True,
    }


def _list_path(language: str) -> str:
    with translation.override(language):
        return reverse("dropins:list")


def render_worst_case(template: str, language: str) -> str:
    """The longest text its template words, from worst_case_context in every month and with
    and without a second booking (not from the database, as a message's context builder
    would)."""
    texts = []
    with translation.override(language):
        for month in range(1, 13):
            for again in (True, False):
                context = worst_case_context(language, month=month, again=again)
                rendered = render_to_string(f"messages/{template}/sms.txt", context, using="text")
                texts.append(rendered.strip())
    return max(texts, key=lambda text: len(text.encode("utf-16-le")))


def sms_costs(languages: list[str] | None = None) -> dict[str, dict[str, SmsParts]]:
    """{template: {language: parts}} for every text, each language's worst case."""
    languages = languages or [code for code, _name in settings.LANGUAGES]
    costs: dict[str, dict[str, SmsParts]] = {}
    for template in sms_templates():
        costs[template] = {}
        for language in languages:
            costs[template][language] = sms_parts(sms_body(render_worst_case(template, language)))
    return costs
