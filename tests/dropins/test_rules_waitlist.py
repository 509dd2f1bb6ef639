"""The waiting list's rules and the repeated-contact rule: each function agrees with its SQL
twin on the same rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dropins import rules, selectors, services
from dropins.models import Booking, DropInSession
from tests.dropins.conftest import book

pytestmark = pytest.mark.instants


def test_in_order_and_its_q_agree_on_either_side_of_the_strict_hours(settings, series):
    settings.DROPIN_WAITLIST_STRICT_HOURS = 24
    now = timezone.now()
    sessions = list(series.sessions.order_by("starts_at")[:2])
    DropInSession.objects.filter(pk=sessions[0].pk).update(starts_at=now + timedelta(hours=23))
    DropInSession.objects.filter(pk=sessions[1].pk).update(starts_at=now + timedelta(hours=25))
    every = DropInSession.objects.filter(pk__in=[one.pk for one in sessions])

    by_function = {one.pk for one in every if rules.is_waitlist_in_order(one, now)}
    by_query = set(every.filter(rules.waitlist_in_order_q(now)).values_list("pk", flat=True))

    assert by_function == by_query == {sessions[1].pk}


def test_waits_for_places_and_its_q_agree(session):
    services.session_capacity_set(session_id=session.pk, capacity=4, actor=None)
    book(session, adults=4)
    book(session, first_name="Too big", adults=5)
    book(session, first_name="Fits", adults=2)
    every = Booking.objects.filter(session=session).select_related("session")

    by_function = {b.first_name for b in every if rules.waits_for_places(b, b.session)}
    by_query = set(every.filter(rules.waits_for_places_q()).values_list("first_name", flat=True))

    assert by_function == by_query == {"Fits"}


@pytest.mark.parametrize(
    ("people", "free", "passes_someone", "strict_hours", "allowed"),
    [
        (1, 0, False, 0, False),  # no place
        (1, 1, False, 0, True),  # nobody waits ahead
        (1, 3, True, 0, False),  # in order: the family ahead comes first
        (1, 3, True, 24 * 400, True),  # strict hours over: whoever fits
        (4, 3, True, 24 * 400, False),  # never more than is free
    ],
)
def test_may_take_places(settings, session, people, free, passes_someone, strict_hours, allowed):
    settings.DROPIN_WAITLIST_STRICT_HOURS = strict_hours

    assert (
        rules.may_take_places(
            session, timezone.now(), people=people, free=free, passes_someone=passes_someone
        )
        is allowed
    )


def test_the_rule_in_words_gives_the_hours_from_the_settings(settings):
    settings.DROPIN_WAITLIST_STRICT_HOURS = 36

    assert "Until 36 hours before the drop-in starts" in rules.waitlist_rule_words()


def test_repeated_contact_and_its_expression_agree(series, session):
    other_session = series.sessions.exclude(pk=session.pk).order_by("starts_at").first()
    book(session, first_name="Email", email="a@example.org")
    book(session, first_name="Email again", email="a@example.org", phone="+447911123456")
    book(session, first_name="Phone again", phone="+447911123456")
    cancelled = book(session, first_name="Cancelled", email="c@example.org")
    services.booking_cancel(booking_id=cancelled.pk)
    book(session, first_name="Cancelled's contact again", email="c@example.org")
    book(session, first_name="No contact")
    book(session, first_name="Also no contact")
    book(other_session, first_name="Other session", email="a@example.org")
    every = selectors.bookings_with_repeated_contact().select_related("session")

    by_function = {b.first_name for b in every if rules.has_repeated_contact(b)}
    by_query = {b.first_name for b in every if b.repeated_contact}

    # A cancelled booking counts only as the other: the live one again with its contact is
    # not a repeat, the cancelled one shares its contact with a live one.
    assert by_function == by_query == {"Email", "Email again", "Phone again", "Cancelled"}
