"""Booking while Redis (the cache and the broker) is away: every booking is answered and
committed once, nothing typed is lost, and every confirmation goes once Redis is back."""

from collections import Counter
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.utils import timezone

from dropins.models import Booking
from sanctuary.celery import app
from sanctuary.models import OutgoingMessage
from sanctuary.tasks import outbox_sweep
from tests.conftest import TASKS_FINISHED, wait_for_the_worker
from tests.dropins.helpers import booking_data, session_url
from tests.dropins.test_double_submit import form_key

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

PEOPLE = ["amina", "yusuf", "olena", "farid", "mariam"]


def book_everyone(client, session) -> list[int]:
    statuses = []
    for name in PEOPLE:
        data = booking_data(
            first_name=name.title(),
            email=f"{name}@example.org",
            submission_key=form_key(client, session),
        )
        statuses.append(client.post(session_url(session), data).status_code)
        # A second tap on "Book" while the first answer was on its way.
        statuses.append(client.post(session_url(session), data).status_code)
    return statuses


def test_bookings_while_redis_is_away_are_answered_and_made_once(client, session, own_broker):
    own_broker.stop()

    statuses = book_everyone(client, session)

    assert [status for status in statuses if status >= 500] == []
    assert set(statuses) == {302}
    emails = Counter(Booking.objects.filter(session=session).values_list("email", flat=True))
    assert emails == Counter(f"{name}@example.org" for name in PEOPLE)
    assert OutgoingMessage.objects.filter(status=OutgoingMessage.Status.PENDING).count() == len(
        PEOPLE
    )


def test_a_form_with_a_mistake_while_redis_is_away_keeps_what_was_typed(
    client, session, own_broker
):
    own_broker.stop()
    data = booking_data(
        first_name="", email="amina@example.org", submission_key=form_key(client, session)
    )

    response = client.post(session_url(session), data)

    assert response.status_code == 200
    assert 'value="amina@example.org"' in response.content.decode()
    assert not Booking.objects.exists()


def test_every_confirmation_goes_once_after_redis_returns(client, session, own_broker, settings):
    own_broker.stop()
    book_everyone(client, session)
    own_broker.start()
    # Some minutes on: the confirmations are overdue and beat's sweep runs, twice.
    OutgoingMessage.objects.update(
        next_attempt_at=timezone.now() - timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    )

    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        outbox_sweep.delay()
        wait_for_the_worker(
            lambda: not OutgoingMessage.objects.exclude(status=OutgoingMessage.Status.SENT),
            what="every confirmation sent",
        )
        outbox_sweep.delay()
        wait_for_the_worker(lambda: TASKS_FINISHED["sanctuary.tasks.outbox_sweep"] == 2)

    recipients = Counter(address for message in mail.outbox for address in message.to)
    assert recipients == Counter(f"{name}@example.org" for name in PEOPLE)
