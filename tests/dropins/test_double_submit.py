"""The booking form sent twice (a second tap on "Book", a retry after a lost reply) is one
booking; two forms are two bookings."""

import re
import uuid

import pytest
from django.db import connection
from django.test import Client

from dropins.models import Booking
from sanctuary.models import OutgoingMessage
from tests.dropins.conftest import book, make_series
from tests.dropins.helpers import booking_data, session_url
from tests.dropins.test_races import THREADS, race


def form_key(client, session) -> str:
    """The one-time key of the booking form, as the page shows it."""
    page = client.get(session_url(session)).content.decode()
    return re.search(r'name="submission_key" value="([0-9a-f-]+)"', page).group(1)


@pytest.mark.django_db
def test_the_same_form_sent_twice_without_a_contact_makes_one_booking(client, session):
    data = booking_data(submission_key=form_key(client, session))

    first = client.post(session_url(session), data, follow=True)
    again = client.post(session_url(session), data, follow=True)

    booking = Booking.objects.get(session=session)
    assert booking.reference in first.content.decode()
    # The repeat shows the same confirmation: the booking the first one made.
    assert booking.reference in again.content.decode()
    assert again.redirect_chain[-1][0].endswith("/booked/")


@pytest.mark.django_db
def test_a_repeat_from_another_browser_also_finds_the_first_booking(client, session):
    data = booking_data(submission_key=form_key(client, session))
    client.post(session_url(session), data)

    again = Client().post(session_url(session), data, follow=True)

    assert Booking.objects.filter(session=session).count() == 1
    assert Booking.objects.get().reference in again.content.decode()


@pytest.mark.django_db
def test_two_forms_are_two_bookings(client, session):
    for _attempt in range(2):
        client.post(session_url(session), booking_data(submission_key=form_key(client, session)))

    assert Booking.objects.filter(session=session).count() == 2


@pytest.mark.django_db
def test_a_repeat_with_a_contact_sends_one_confirmation_and_never_booking_again(client, session):
    data = booking_data(email="amina@example.org", submission_key=form_key(client, session))

    client.post(session_url(session), data)
    # The reply was lost, and the browser had forgotten it was sent (a new visitor session).
    Client().post(session_url(session), data)

    assert Booking.objects.filter(session=session).count() == 1
    templates = list(OutgoingMessage.objects.values_list("template", flat=True))
    assert templates == ["dropin_booking_confirmed"]


@pytest.mark.django_db
def test_the_service_returns_the_first_booking_for_a_key_already_used(session):
    key = uuid.uuid4()

    first = book(session, submission_key=key, phone="+447911123456")
    again = book(session, submission_key=key, phone="+447911123456", first_name="Someone")

    assert again.pk == first.pk
    assert again.first_name == "Amina"
    assert OutgoingMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_key_made_for_another_sessions_form_is_not_that_booking(series, session):
    other = series.sessions.exclude(pk=session.pk).order_by("starts_at").first()
    key = uuid.uuid4()
    first = book(session, submission_key=key)

    second = book(other, submission_key=key)

    assert second.pk != first.pk
    assert second.session == other


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_the_same_form_sent_from_many_connections_at_once_is_one_booking(attempt):
    assert connection.vendor == "postgresql"
    session = make_series().sessions.order_by("starts_at").first()
    key = uuid.uuid4()

    results = race(lambda index: book(session, submission_key=key), THREADS)

    assert not [result for result in results if isinstance(result, Exception)]
    booking = Booking.objects.get(session=session)
    assert {result.pk for result in results} == {booking.pk}


def message_words(message: OutgoingMessage) -> str:
    from sanctuary.outbox import render_message

    subject, body = render_message(
        template=message.template,
        channel=message.channel,
        language=message.language,
        context=message.context,
    )
    return f"{subject}\n{body}"


@pytest.mark.django_db
def test_a_form_shown_afresh_after_a_lost_reply_never_tells_the_booker_they_already_booked(
    client, session
):
    data = booking_data(email="amina@example.org", language="en")
    client.post(session_url(session), {**data, "submission_key": form_key(client, session)})
    # The reply never came, nor the session cookie; "back" fetched the form again, with a new
    # key, and it was sent again: a second action, so a second booking, told as one.
    retry = Client()
    retry.post(session_url(session), {**data, "submission_key": form_key(retry, session)})

    first, second = Booking.objects.filter(session=session).order_by("pk")
    messages = list(OutgoingMessage.objects.order_by("pk"))
    assert [(m.template, m.subject_id) for m in messages] == [
        ("dropin_booking_confirmed", first.pk),
        ("dropin_booking_confirmed", second.pk),
    ]
    words = [message_words(message) for message in messages]
    assert not [text for text in words if "already" in text.lower()]
    # The second's own confirmation names the first, to cancel whichever is not needed.
    assert second.reference not in words[0]
    assert first.reference in words[1]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_form_with_an_email_sent_from_many_connections_at_once_sends_one_message():
    session = make_series().sessions.order_by("starts_at").first()
    key = uuid.uuid4()

    results = race(lambda index: book(session, submission_key=key, email="a@example.org"), 6)

    assert not [result for result in results if isinstance(result, Exception)]
    booking = Booking.objects.get(session=session)
    messages = OutgoingMessage.objects.values_list("template", "subject_id")
    assert list(messages) == [("dropin_booking_confirmed", booking.pk)]
