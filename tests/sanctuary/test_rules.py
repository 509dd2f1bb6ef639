"""The outbox's rules, and their two forms (SQL for the sweep, Python for one row) agreeing on
the same rows. Every instant is set relative to the lease, never to today's clock."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from sanctuary import rules
from sanctuary.models import OutgoingMessage
from sanctuary.tasks import send_message

pytestmark = [pytest.mark.django_db, pytest.mark.instants]

SECOND = timedelta(seconds=1)
# When the message started sending, relative to now and its lease; None: no start recorded.
STARTED = {
    "just now": lambda lease: timedelta(0),
    "a second before its lease runs out": lambda lease: lease - SECOND,
    "as its lease runs out": lambda lease: lease,
    "a second after its lease ran out": lambda lease: lease + SECOND,
    "an hour ago": lambda lease: timedelta(hours=1),
    "no start recorded": lambda lease: None,
}


def message_started(status: str, ago: timedelta | None, *, key: str = "rule:1"):
    now = timezone.now()
    return OutgoingMessage.objects.create(
        channel=OutgoingMessage.Channel.EMAIL,
        recipient="amal@example.org",
        template="test_note",
        language="en",
        dedupe_key=key,
        status=status,
        attempts=1,
        sending_since=None if ago is None else now - ago,
        created_at=now,
    )


@pytest.mark.parametrize("status", OutgoingMessage.Status.values)
@pytest.mark.parametrize("started", STARTED.values(), ids=STARTED.keys())
def test_the_abandoned_rule_agrees_in_sql_and_in_python(status, started):
    message = message_started(status, started(rules.sending_lease()))
    loaded = OutgoingMessage.objects.get(pk=message.pk)
    now = message.created_at

    in_sql = OutgoingMessage.objects.filter(rules.sending_abandoned_q(now), pk=message.pk).exists()

    assert rules.is_sending_abandoned(loaded, now) is in_sql
    assert rules.is_sending_abandoned(message, now) is in_sql


@pytest.mark.parametrize(
    ("started", "abandoned"),
    [
        ("just now", False),
        ("a second before its lease runs out", False),
        ("as its lease runs out", True),
        ("a second after its lease ran out", True),
        ("an hour ago", True),
        ("no start recorded", True),
    ],
)
def test_a_sending_message_is_abandoned_once_its_lease_has_run_out(started, abandoned):
    message = message_started(
        OutgoingMessage.Status.SENDING, STARTED[started](rules.sending_lease())
    )
    assert rules.is_sending_abandoned(message, message.created_at) is abandoned


@pytest.mark.parametrize(
    "status", [status for status in OutgoingMessage.Status.values if status != "sending"]
)
def test_only_a_sending_message_can_be_abandoned(status):
    message = message_started(status, timedelta(hours=1))
    assert rules.is_sending_abandoned(message, message.created_at) is False


def test_the_lease_is_the_setting(settings):
    settings.OUTBOX_SENDING_LEASE_SECONDS = 30
    assert rules.sending_lease() == timedelta(seconds=30)


@pytest.mark.django_db(False)
def test_a_live_send_ends_before_its_lease_runs_out():
    # Each wait on the SMTP server, then the whole send (stopped, then killed), then the lease.
    assert settings.EMAIL_TIMEOUT < send_message.soft_time_limit < send_message.time_limit
    assert send_message.time_limit < settings.OUTBOX_SENDING_LEASE_SECONDS
    assert send_message.time_limit == settings.OUTBOX_SEND_TIME_LIMIT_SECONDS
    assert send_message.soft_time_limit == settings.OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS
