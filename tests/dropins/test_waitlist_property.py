"""Whatever people do (book as families or alone, cancel, shrink their bookings), while the list
goes in order nobody who joined after a family still waiting is booked in; once it no longer
does, no place stays empty that someone waiting could have."""

import pytest
from django.db import transaction
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st

from dropins import services
from dropins.models import Booking
from tests.dropins.conftest import book

CAPACITY = 8

steps = st.lists(
    st.one_of(
        st.tuples(st.just("book"), st.integers(min_value=1, max_value=5)),
        st.tuples(st.just("cancel"), st.integers(min_value=0, max_value=30)),
        st.tuples(st.just("shrink"), st.integers(min_value=0, max_value=30)),
    ),
    min_size=1,
    max_size=25,
)


def play(session, actions) -> list[Booking]:
    made: list[Booking] = []
    for action, number in actions:
        if action == "book":
            made.append(book(session, first_name=f"P{len(made)}", adults=number))
            continue
        if not made:
            continue
        booking = Booking.objects.get(pk=made[number % len(made)].pk)
        if not booking.is_live:
            continue
        if action == "cancel":
            services.booking_cancel(booking_id=booking.pk)
        elif booking.adults > 1:
            services.booking_change(booking_id=booking.pk, adults=booking.adults - 1, children=0)
    return list(Booking.objects.filter(session=session).order_by("created_at", "pk"))


@pytest.mark.django_db
@examples(max_examples=40)
@given(actions=steps)
def test_in_order_nobody_is_booked_in_ahead_of_someone_still_waiting(settings, session, actions):
    settings.DROPIN_WAITLIST_STRICT_HOURS = 0
    with transaction.atomic():  # each example starts from the same empty session
        services.session_capacity_set(session_id=session.pk, capacity=CAPACITY, actor=None)
        bookings = play(session, actions)
        transaction.set_rollback(True)

    order = {booking.pk: index for index, booking in enumerate(bookings)}
    waiting = [b for b in bookings if b.status == "waitlisted" and b.people <= CAPACITY]
    confirmed = [b for b in bookings if b.status == "confirmed"]
    if waiting:
        head = waiting[0]
        assert all(order[b.pk] < order[head.pk] for b in confirmed)
        assert head.people > CAPACITY - sum(b.people for b in confirmed)


@pytest.mark.django_db
@examples(max_examples=40)
@given(actions=steps)
def test_after_the_strict_hours_no_place_stays_empty_that_someone_waiting_could_have(
    settings, session, actions
):
    settings.DROPIN_WAITLIST_STRICT_HOURS = 24 * 400
    with transaction.atomic():  # each example starts from the same empty session
        services.session_capacity_set(session_id=session.pk, capacity=CAPACITY, actor=None)
        bookings = play(session, actions)
        transaction.set_rollback(True)

    free = CAPACITY - sum(b.people for b in bookings if b.status == "confirmed")
    assert free >= 0
    assert all(b.people > free for b in bookings if b.status == "waitlisted")
