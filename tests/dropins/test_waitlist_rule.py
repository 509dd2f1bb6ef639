"""The waiting list's fair rule with families and single people: strictly in order until
DROPIN_WAITLIST_STRICT_HOURS before the start, then whoever fits, earliest first. For promotions
(places freed by cancelling and by shrinking a booking), new bookings and bookings that grow."""

import pytest
from django.urls import reverse

from dropins import selectors, services
from dropins.models import Booking
from tests.dropins.conftest import book
from tests.dropins.helpers import booking_data, session_url

pytestmark = pytest.mark.instants


@pytest.fixture
def in_order(settings):
    """The list goes strictly in order right up to the start (whenever the test runs)."""
    settings.DROPIN_WAITLIST_STRICT_HOURS = 0


@pytest.fixture
def whoever_fits(settings):
    """The strict hours are over already: whoever fits goes in."""
    settings.DROPIN_WAITLIST_STRICT_HOURS = 24 * 400


def ten_places_with_a_family_waiting(session, *, booked: int = 10):
    """Ten places, `booked` single people in them, then a family of four waiting, then a single
    person who joined after the family."""
    services.session_capacity_set(session_id=session.pk, capacity=10, actor=None)
    singles = [book(session, first_name=f"Single {index}") for index in range(booked)]
    family = book(session, first_name="Family", adults=2, children=2)
    later = book(session, first_name="Later")
    return singles, family, later


def status(booking) -> str:
    booking.refresh_from_db()
    return booking.status


def people_left(session) -> int:
    return selectors.availability(selectors.sessions_with_counts().get(pk=session.pk)).places_left


def test_in_order_places_freed_one_at_a_time_wait_for_the_family_at_the_head(in_order, session):
    singles, family, later = ten_places_with_a_family_waiting(session)
    assert (status(family), status(later)) == ("waitlisted", "waitlisted")

    for single in singles[:3]:
        services.booking_cancel(booking_id=single.pk)
        # A single place would fit the person behind the family: it is kept for the family.
        assert (status(family), status(later)) == ("waitlisted", "waitlisted")
    services.booking_cancel(booking_id=singles[3].pk)

    assert (status(family), status(later)) == ("confirmed", "waitlisted")
    services.booking_cancel(booking_id=singles[4].pk)
    assert status(later) == "confirmed"


def test_in_order_a_newcomer_waits_behind_the_family_though_places_are_free(in_order, session):
    ten_places_with_a_family_waiting(session, booked=7)  # 3 free: the family needs 4

    newcomer = book(session, first_name="Newcomer")

    assert newcomer.status == Booking.Status.WAITLISTED
    # The public count says what a newcomer can have: the 3 free places are the family's.
    assert people_left(session) == 0


def test_in_order_a_booking_that_shrinks_frees_places_for_the_family_first(in_order, session):
    services.session_capacity_set(session_id=session.pk, capacity=10, actor=None)
    big = book(session, first_name="Big", adults=5)
    book(session, first_name="Other", adults=5)
    family = book(session, first_name="Family", adults=2, children=2)
    later = book(session, first_name="Later")

    services.booking_change(booking_id=big.pk, adults=4, children=0)
    assert (status(family), status(later)) == ("waitlisted", "waitlisted")
    services.booking_change(booking_id=big.pk, adults=1, children=0)

    assert (status(family), status(later)) == ("confirmed", "waitlisted")


def test_in_order_a_booking_cannot_grow_into_places_kept_for_the_family(in_order, session):
    singles, family, _later = ten_places_with_a_family_waiting(session, booked=7)

    with pytest.raises(services.BookingError) as refused:
        services.booking_change(booking_id=singles[0].pk, adults=2, children=0)

    assert "waiting list" in str(refused.value.message)
    assert status(singles[0]) == "confirmed" and singles[0].people == 1
    assert status(family) == "waitlisted"


def test_after_the_strict_hours_a_freed_place_goes_to_whoever_fits_earliest_first(
    whoever_fits, session
):
    singles, family, later = ten_places_with_a_family_waiting(session)
    even_later = book(session, first_name="Even later")

    services.booking_cancel(booking_id=singles[0].pk)

    assert (status(family), status(later), status(even_later)) == (
        "waitlisted",
        "confirmed",
        "waitlisted",
    )


def test_after_the_strict_hours_a_newcomer_takes_a_place_the_family_does_not_fit(
    whoever_fits, session
):
    _singles, family, later = ten_places_with_a_family_waiting(session, booked=7)
    # 3 free: the single behind the family went straight in, 2 are left.
    assert (status(family), status(later)) == ("waitlisted", "confirmed")
    assert people_left(session) == 2

    newcomer = book(session, first_name="Newcomer", adults=2)

    assert newcomer.status == Booking.Status.CONFIRMED
    assert status(family) == "waitlisted"


def test_after_the_strict_hours_a_booking_may_grow_into_places_the_family_does_not_fit(
    whoever_fits, session
):
    singles, family, _later = ten_places_with_a_family_waiting(session, booked=7)

    services.booking_change(booking_id=singles[0].pk, adults=2, children=0)

    assert status(singles[0]) == "confirmed"
    assert status(family) == "waitlisted"


def test_a_family_bigger_than_the_session_holds_nobody_up(in_order, session):
    services.session_capacity_set(session_id=session.pk, capacity=4, actor=None)
    booked = book(session, adults=4)
    too_big = book(session, first_name="Too big", adults=3, children=2)
    fits = book(session, first_name="Fits")

    services.booking_cancel(booking_id=booked.pk)

    assert (status(too_big), status(fits)) == ("waitlisted", "confirmed")
    assert book(session, first_name="Newcomer").status == Booking.Status.CONFIRMED


def test_beat_gives_out_the_kept_places_once_the_strict_hours_begin(settings, session):
    settings.DROPIN_WAITLIST_STRICT_HOURS = 0
    _singles, family, later = ten_places_with_a_family_waiting(session, booked=7)
    assert services.waitlists_fill() == 0
    assert status(later) == "waitlisted"

    settings.DROPIN_WAITLIST_STRICT_HOURS = 24 * 400  # the strict hours are over

    assert services.waitlists_fill() == 1
    assert (status(family), status(later)) == ("waitlisted", "confirmed")
    assert services.waitlists_fill() == 0


def test_by_default_a_week_ahead_goes_in_order_and_the_last_day_fills_every_place(series, session):
    from tests.dropins.conftest import starting_soon_today

    next_week = series.sessions.exclude(pk=session.pk).order_by("starts_at").first()
    soon = starting_soon_today(session)
    for one in (next_week, soon):
        ten_places_with_a_family_waiting(one, booked=7)

    waiting = {
        one.pk: set(one.bookings.filter(status="waitlisted").values_list("first_name", flat=True))
        for one in (next_week, soon)
    }
    assert waiting == {next_week.pk: {"Family", "Later"}, soon.pk: {"Family"}}


def test_the_waiting_list_page_gives_the_rule_with_its_hours(client, session, settings):
    settings.DROPIN_WAITLIST_STRICT_HOURS = 30
    services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    book(session)

    client.post(session_url(session), booking_data(first_name="Yusuf"))
    booked = client.get("/en/drop-in/booked/").content.decode()
    manage = client.get(Booking.objects.get(first_name="Yusuf").manage_path()).content.decode()

    for html in (booked, manage):
        assert "Until 30 hours before the drop-in starts" in html


def test_staff_see_the_rule_and_the_waiting_list_in_order(staff_client, session, settings):
    settings.DROPIN_WAITLIST_STRICT_HOURS = 30
    services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    book(session)
    family = book(session, first_name="Family", adults=2, children=2)
    single = book(session, first_name="Single")

    html = staff_client.get(
        reverse("admin:dropins_dropinsession_change", args=[session.pk])
    ).content.decode()
    lists = [
        staff_client.get(reverse(f"admin:dropins_{model}_changelist")).content.decode()
        for model in ("dropinsession", "dropinseries", "booking")
    ]

    for page in (html, *lists):
        assert "Until 30 hours before the drop-in starts" in page
    assert html.index(family.reference) < html.index(single.reference)
    assert "4 people" in html


@pytest.mark.parametrize(
    ("strict_hours", "words"),
    [(0, "Strictly in order until"), (24 * 400, "Whoever fits goes in now, earliest first.")],
)
def test_staff_see_how_the_waiting_list_goes_now(
    staff_client, session, settings, strict_hours, words
):
    settings.DROPIN_WAITLIST_STRICT_HOURS = strict_hours
    services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    book(session)
    book(session, first_name="Waiting", adults=2)

    url = reverse("admin:dropins_dropinsession_change", args=[session.pk])

    assert words in staff_client.get(url).content.decode()


def test_the_waiting_list_email_gives_the_rule_in_the_bookers_language(
    session, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    settings.DROPIN_WAITLIST_STRICT_HOURS = 30
    services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    book(session)

    with django_capture_on_commit_callbacks(execute=True):
        book(session, first_name="Olena", email="olena@example.org", language="uk")

    assert "30 годин" in mail.outbox[-1].body
