"""Guest tickets and network event bookings offer "Add to my calendar" (the link and its file)
only while they hold their places at something still on."""

import pytest
from django.urls import reverse
from django.utils import timezone

from events import rules, services
from events.models import GuestTicket, NetworkBooking, Performance
from events.services.ticket_changes import ticket_cancel
from tests.events.network_helpers import book, booking_data, date_url, make_event
from tests.events.test_network_pages import form_key
from tests.events.tickets_setup import make_night, name_party

pytestmark = pytest.mark.django_db


def network_calendar(booking: NetworkBooking) -> str:
    return reverse("events:network_booking_calendar", kwargs={"token": booking.token})


def test_a_network_booking_offers_its_calendar_file_with_nothing_personal(client):
    booking = book(make_event().dates.get(), name="Olena Kovalenko")

    html = client.get(booking.manage_path()).content.decode()
    response = client.get(network_calendar(booking))

    assert f'href="{network_calendar(booking)}"' in html
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "SUMMARY:City celebration" in body
    assert "Olena" not in body and booking.reference not in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_cancelled_network_booking_offers_no_calendar(client):
    booking = book(make_event().dates.get())
    services.network_booking_cancel(booking_id=booking.pk)

    html = client.get(booking.manage_path()).content.decode()

    assert "This booking is cancelled." in html
    assert "calendar.ics" not in html and "Add to my calendar" not in html
    assert client.get(network_calendar(booking)).status_code == 404


def test_a_booking_for_a_cancelled_date_offers_no_calendar(client, programme_staff):
    date = make_event().dates.get()
    booking = book(date)
    services.network_date_cancel(date_id=date.pk, actor=programme_staff)

    assert "calendar.ics" not in client.get(booking.manage_path()).content.decode()
    assert client.get(network_calendar(booking)).status_code == 404


def test_the_network_calendar_rule_agrees_in_sql_and_in_python(programme_staff):
    event = make_event(dates=2)
    first, second = event.dates.order_by("starts_at")
    standing = book(first, email="standing@example.org")
    cancelled = book(first, email="cancelled@example.org")
    services.network_booking_cancel(booking_id=cancelled.pk)
    book(second, email="gone@example.org")
    services.network_date_cancel(date_id=second.pk, actor=programme_staff)

    bookings = NetworkBooking.objects.select_related("date")
    in_sql = set(bookings.filter(rules.network_offers_calendar_q()).values_list("pk", flat=True))
    in_python = {booking.pk for booking in bookings if rules.network_offers_calendar(booking)}

    assert in_sql == in_python == {standing.pk}


def test_a_ticket_for_a_cancelled_performance_offers_no_calendar(client):
    ticket = name_party(make_night())
    calendar = reverse("events:ticket_calendar", kwargs={"token": ticket.token})
    assert client.get(calendar).status_code == 200

    Performance.objects.filter(pk=ticket.allocation.performance_id).update(
        cancelled_at=timezone.now()
    )

    assert "calendar.ics" not in client.get(ticket.ticket_path()).content.decode()
    assert client.get(calendar).status_code == 404


def test_the_ticket_calendar_rule_agrees_in_sql_and_in_python():
    night = make_night()
    standing = name_party(night, first_name="Olena")
    cancelled = name_party(night, first_name="Iryna")
    ticket_cancel(ticket_id=cancelled.pk, actor=None)
    other = make_night(days_ahead=12)
    name_party(other, first_name="Oksana")
    Performance.objects.filter(pk=other.performance.pk).update(cancelled_at=timezone.now())

    tickets = GuestTicket.objects.select_related("allocation__performance")
    in_sql = set(tickets.filter(rules.offers_calendar_q()).values_list("pk", flat=True))
    in_python = {ticket.pk for ticket in tickets if rules.offers_calendar(ticket)}

    assert in_sql == in_python == {standing.pk}


def test_the_confirmation_page_offers_the_dates_calendar_without_the_private_link(client):
    date = make_event().dates.get()
    client.post(date_url(date), booking_data(submission_key=form_key(client, date)))
    booking = NetworkBooking.objects.get()

    html = client.get("/en/events/booked/").content.decode()

    assert f"/en/events/dates/{date.pk}/calendar.ics" in html
    assert booking.token not in html
