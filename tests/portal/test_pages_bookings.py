"""Booking drop-in places on a client's behalf in the portal."""

import pytest
from django.urls import reverse

from dropins.models import Booking
from sanctuary.models import OutgoingMessage
from tests.portal.helpers import booking_create_url, client_booking_data

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_what_a_worker_can_do(worker_client, organisation):
    page = worker_client.get(reverse("portal:home")).content.decode()

    assert organisation.name in page
    assert reverse("portal:booking_sessions") in page
    assert reverse("portal:referral_funds") in page
    assert reverse("mfa_index") in page
    assert "We recommend two-step sign-in" in page


def test_the_dates_to_book_link_to_the_portal_s_form(worker_client, session):
    page = worker_client.get(reverse("portal:booking_sessions")).content.decode()

    assert booking_create_url(session) in page


def test_a_worker_books_for_a_client_and_lands_on_the_booking(worker_client, session, worker):
    response = worker_client.post(
        booking_create_url(session), client_booking_data(phone="07911 123456")
    )

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:booking", kwargs={"pk": booking.pk})
    assert booking.partner_organisation == worker.organisation
    assert booking.booked_by == worker.user
    assert booking.consent_recorded_at is not None
    assert (booking.adults, booking.children, str(booking.phone)) == (2, 1, "+447911123456")
    assert OutgoingMessage.objects.get().recipient == "+447911123456"
    page = worker_client.get(response["Location"]).content.decode()
    assert booking.reference in page
    assert "Amina" in page


def test_without_the_client_s_consent_nothing_is_booked(worker_client, session):
    response = worker_client.post(
        booking_create_url(session), client_booking_data(client_consent="")
    )

    assert response.status_code == 200
    assert "Tick the box to say the client agreed" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_client_with_no_phone_or_email_is_told_through_the_worker(worker_client, session, worker):
    worker_client.post(booking_create_url(session), client_booking_data())

    message = OutgoingMessage.objects.get()
    assert (message.channel, message.recipient) == ("email", worker.user.email)


def test_the_same_form_sent_twice_is_one_booking(worker_client, session):
    data = client_booking_data(submission_key="0b7c6f1e-2f7a-4d8e-9d55-3f0f0d6b9a11")

    first = worker_client.post(booking_create_url(session), data)
    second = worker_client.post(booking_create_url(session), data)

    assert Booking.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert OutgoingMessage.objects.count() == 1


def test_a_worker_cancels_a_booking_they_made(worker_client, session):
    worker_client.post(booking_create_url(session), client_booking_data())
    booking = Booking.objects.get()
    cancel = reverse("portal:booking_cancel", kwargs={"pk": booking.pk})

    assert worker_client.get(cancel).status_code == 200
    response = worker_client.post(cancel)

    booking.refresh_from_db()
    assert response.status_code == 302
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancelled_by == Booking.CancelledBy.BOOKER


def test_a_colleague_sees_the_booking_but_may_not_cancel_it(client, session, worker, organisation):
    from tests.factories import PASSWORD
    from tests.partners.conftest import make_worker
    from tests.portal.test_services import book_for_client

    booking = book_for_client(session, worker)
    colleague = make_worker(organisation, email="colleague@example.org")
    client.login(email=colleague.user.email, password=PASSWORD)

    page = client.get(reverse("portal:booking", kwargs={"pk": booking.pk}))
    response = client.post(reverse("portal:booking_cancel", kwargs={"pk": booking.pk}))

    assert page.status_code == 200
    assert reverse("portal:booking_cancel", kwargs={"pk": booking.pk}) not in page.content.decode()
    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_the_list_shows_the_organisation_s_bookings_with_their_status(
    worker_client, session, worker
):
    from tests.portal.test_services import book_for_client

    booking = book_for_client(session, worker, first_name="Dmytro")

    page = worker_client.get(reverse("portal:bookings")).content.decode()

    assert "Dmytro" in page
    assert booking.reference in page
    assert "Booked" in page


@pytest.mark.parametrize(
    "hostile",
    [
        {"adults": "99"},
        {"adults": "x", "children": "-1"},
        {"language": "zz"},
        {"first_name": "\x00"},
        {"phone": "not a phone"},
        {"email": "@@"},
        {"submission_key": "not-a-uuid"},
        {"first_name": "A" * 5000},
        {"interpreter_language": "xx"},
    ],
)
def test_hostile_input_gets_an_answer_never_an_error(worker_client, session, hostile):
    response = worker_client.post(booking_create_url(session), client_booking_data(**hostile))

    assert response.status_code == 200
    assert not Booking.objects.exists()


def test_too_many_bookings_in_an_hour_are_refused_with_everything_kept(
    worker_client, session, settings
):
    settings.PORTAL_BOOKINGS_PER_HOUR = 1
    worker_client.post(booking_create_url(session), client_booking_data())

    response = worker_client.post(
        booking_create_url(session), client_booking_data(first_name="Second")
    )

    assert response.status_code == 429
    assert "Second" in response.content.decode()
    assert Booking.objects.count() == 1
