"""Many people at once, against the real PostgreSQL: never more people than places."""

import threading

import pytest
from django.db import connection, connections

from dropins import services
from dropins.models import Booking
from tests.dropins.conftest import book, make_series

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 16


def race(target, count: int) -> list:
    """Run `target(i)` in `count` threads released at the same moment; return what each
    returned or raised."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = target(index)
        except Exception as error:  # the test inspects it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.parametrize("attempt", range(5))
def test_many_people_racing_for_the_last_places_never_overbook(attempt):
    assert connection.vendor == "postgresql"
    session = make_series().sessions.order_by("starts_at").first()
    services.session_capacity_set(session_id=session.pk, capacity=12, actor=None)
    book(session, adults=2, children=3)  # 7 places left

    results = race(
        lambda index: book(session, first_name=f"Person {index}", adults=1, children=index % 2),
        THREADS,
    )

    assert not [result for result in results if isinstance(result, Exception)]
    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
    people = sum(booking.people for booking in confirmed)
    assert people <= 12
    # No place is given past the head of the waiting list: it needs more than is left.
    waiting = Booking.objects.filter(session=session, status=Booking.Status.WAITLISTED)
    assert waiting.count() == THREADS - (confirmed.count() - 1)
    assert waiting.order_by("created_at", "pk").first().people > 12 - people


def test_single_places_racing_are_taken_exactly():
    session = make_series().sessions.order_by("starts_at").first()
    services.session_capacity_set(session_id=session.pk, capacity=5, actor=None)

    results = race(lambda index: book(session, first_name=f"Person {index}"), THREADS)

    assert not [result for result in results if isinstance(result, Exception)]
    statuses = list(Booking.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count(Booking.Status.CONFIRMED) == 5
    assert statuses.count(Booking.Status.WAITLISTED) == THREADS - 5


def test_cancellations_racing_with_bookings_never_overbook():
    session = make_series().sessions.order_by("starts_at").first()
    services.session_capacity_set(session_id=session.pk, capacity=6, actor=None)
    held = [book(session, first_name=f"Held {index}") for index in range(6)]

    def act(index):
        if index % 2:
            return services.booking_cancel(booking_id=held[index // 2].pk)
        return book(session, first_name=f"New {index}", adults=1, children=1)

    results = race(act, 12)

    assert not [result for result in results if isinstance(result, Exception)]
    assert Booking.objects.filter(session=session, status=Booking.Status.CANCELLED).count() == 6
    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
    assert sum(booking.people for booking in confirmed) <= 6


def test_staff_saving_the_series_while_people_book_neither_deadlocks_nor_overbooks():
    from datetime import time

    series = make_series()
    sessions = list(series.sessions.order_by("starts_at")[:3])
    for session in sessions:
        services.session_capacity_set(session_id=session.pk, capacity=4, actor=None)

    def act(index):
        if index == 0:
            series.start_time = time(11, 0)
            series.capacity = 60
            return services.series_save(
                series=series, actor=None, changed=["start_time", "capacity"]
            )
        return book(sessions[index % 3], first_name=f"Person {index}", adults=1)

    results = race(act, 10)

    assert not [result for result in results if isinstance(result, Exception)]
    for session in sessions:
        confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
        assert sum(booking.people for booking in confirmed) <= 4


def test_newcomers_racing_cancellations_never_pass_a_waiting_family(settings):
    settings.DROPIN_WAITLIST_STRICT_HOURS = 0  # strictly in order right up to the start
    session = make_series().sessions.order_by("starts_at").first()
    services.session_capacity_set(session_id=session.pk, capacity=10, actor=None)
    held = [book(session, first_name=f"Held {index}") for index in range(10)]
    family = book(session, first_name="Family", adults=2, children=2)

    def act(index):
        if index % 2:
            return services.booking_cancel(booking_id=held[index // 2].pk)
        return book(session, first_name=f"New {index}")

    results = race(act, 6)  # three places freed, three newcomers

    assert not [result for result in results if isinstance(result, Exception)]
    family.refresh_from_db()
    assert family.status == Booking.Status.WAITLISTED
    newcomers = Booking.objects.filter(session=session, first_name__startswith="New")
    assert set(newcomers.values_list("status", flat=True)) == {Booking.Status.WAITLISTED}


def test_beat_filling_the_list_while_people_book_and_cancel_never_overbooks(settings):
    settings.DROPIN_WAITLIST_STRICT_HOURS = 24 * 400  # whoever fits goes in
    session = make_series().sessions.order_by("starts_at").first()
    services.session_capacity_set(session_id=session.pk, capacity=6, actor=None)
    held = [book(session, first_name=f"Held {index}") for index in range(6)]
    for index in range(4):
        book(session, first_name=f"Waiting {index}", adults=1 + index % 2)

    def act(index):
        if index % 3 == 0:
            return services.waitlists_fill()
        if index % 3 == 1:
            return services.booking_cancel(booking_id=held[index // 3].pk)
        return book(session, first_name=f"New {index}")

    results = race(act, 12)

    assert not [result for result in results if isinstance(result, Exception)]
    confirmed = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
    assert sum(booking.people for booking in confirmed) <= 6
    # No place stays empty that someone waiting could have.
    free = 6 - sum(booking.people for booking in confirmed)
    waiting = Booking.objects.filter(session=session, status=Booking.Status.WAITLISTED)
    assert all(booking.people > free for booking in waiting)
