"""Many people booking the last places of a date at once, against the real PostgreSQL: never
more tickets than places, and the same form sent twice at once is one booking."""

import uuid

import pytest
from django.db import connection

from events import rules, services
from events.models import NetworkBooking
from tests.dropins.test_races import THREADS, race
from tests.events.network_helpers import book, make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("attempt", range(3))
def test_people_racing_for_the_last_places_never_overbook(attempt):
    assert connection.vendor == "postgresql"
    date = make_event(capacity=12, slug=f"race-{attempt}").dates.get()
    book(date, tickets=5)  # 7 places left

    results = race(lambda index: book(date, name=f"Person {index}", tickets=1 + index % 2), THREADS)

    booked = [result for result in results if isinstance(result, NetworkBooking)]
    refused = [result for result in results if isinstance(result, services.NetworkBookingError)]
    assert len(booked) + len(refused) == THREADS
    assert rules.network_tickets_taken(date) <= 12
    assert rules.network_tickets_taken(date) == 5 + sum(booking.tickets for booking in booked)
    # Refused only when what it asked for no longer fitted.
    assert rules.network_tickets_taken(date) >= 12 - 1


def test_single_tickets_racing_are_given_exactly():
    date = make_event(capacity=5).dates.get()

    results = race(lambda index: book(date, name=f"Person {index}"), THREADS)

    assert sum(isinstance(result, NetworkBooking) for result in results) == 5
    assert NetworkBooking.objects.filter(date=date).count() == 5


def test_the_same_form_sent_at_once_from_many_tabs_is_one_booking():
    date = make_event().dates.get()
    key = uuid.uuid4()

    results = race(lambda index: book(date, submission_key=key), 8)

    assert {result.pk for result in results} == {NetworkBooking.objects.get().pk}
