"""Partner workers booking at once, on the real PostgreSQL: the session's lock holds for them as
for everyone, and the same form sent twice at once is one booking."""

import uuid

import pytest
from django.db import connection

from dropins import services
from dropins.models import Booking
from partners.models import PartnerOrganisation
from tests.dropins.conftest import book, make_series
from tests.dropins.test_races import THREADS, race
from tests.partners.conftest import make_worker

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def book_for(session, worker, **fields):
    return book(
        session,
        partner_organisation=worker.organisation,
        booked_by=worker.user,
        client_consent=True,
        **fields,
    )


def test_workers_of_many_partners_racing_for_the_last_places_never_overbook():
    assert connection.vendor == "postgresql"
    session = make_series().sessions.order_by("starts_at").first()
    services.session_capacity_set(session_id=session.pk, capacity=10, actor=None)
    book(session, adults=2, children=3)  # 5 places left
    workers = [
        make_worker(PartnerOrganisation.objects.create(name=f"Partner {index}"))
        for index in range(4)
    ]

    race(lambda index: book_for(session, workers[index % 4], adults=2), THREADS)

    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
    assert sum(booking.people for booking in confirmed) == 9  # 5 + two families of two
    assert Booking.objects.filter(session=session, status=Booking.Status.WAITLISTED).count() == (
        THREADS - 2
    )


def test_the_same_portal_form_sent_twice_at_once_is_one_booking():
    session = make_series().sessions.order_by("starts_at").first()
    worker = make_worker(PartnerOrganisation.objects.create(name="New Routes"))
    key = uuid.uuid4()

    results = race(lambda _index: book_for(session, worker, submission_key=key), THREADS)

    assert Booking.objects.filter(session=session).count() == 1
    assert {result.pk for result in results} == {Booking.objects.get().pk}
