"""The guest party's ticket page: reached only by its private link, with the reference, the
door code (big and as a QR code), the performance, and "we can no longer come"."""

import pytest
from django.urls import reverse
from django.utils import translation

from events import rules
from events.models import GuestTicket
from events.services.ticket_changes import ticket_cancel
from tests.events.tickets_setup import make_night, name_party

pytestmark = pytest.mark.django_db


def _path(ticket: GuestTicket, language: str = "en") -> str:
    with translation.override(language):
        return ticket.ticket_path()


def test_the_ticket_page_shows_reference_door_code_and_qr_code(client):
    ticket = name_party(make_night(), guests=3, hosts=1, access_needs="A wheelchair space")

    response = client.get(_path(ticket))

    html = response.content.decode()
    assert response.status_code == 200
    assert ticket.reference in html and ticket.door_code in html
    assert '<svg viewBox="0 0' in html and 'class="qr"' in html
    assert "3 guests, 1 host" in html and "A wheelchair space" in html
    assert "<script" not in html and "http://" not in html.split("</head>")[0].lower()
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]


def test_the_ticket_page_speaks_the_guests_language(client):
    ticket = name_party(make_night())

    html = client.get(_path(ticket, "uk")).content.decode()

    assert 'lang="uk"' in html
    assert "Національний симфонічний оркестр України" in html
    assert "Ваш квиток" in html


@pytest.mark.parametrize("token", ["nope", "x" * 43, "a" * 200])
def test_an_unknown_ticket_link_is_a_404(client, token):
    name_party(make_night())

    response = client.get(f"/en/events/ticket/{token}/")

    assert response.status_code == 404
    assert "G-" not in response.content.decode()


def test_a_cancelled_ticket_says_so_and_offers_no_code_or_calendar(client):
    ticket = name_party(make_night())
    ticket_cancel(ticket_id=ticket.pk, actor=None)

    response = client.get(_path(ticket))

    html = response.content.decode()
    assert "These seats are cancelled." in html
    assert ticket.door_code not in html and "<svg" not in html
    assert "calendar.ics" not in html
    calendar = reverse("events:ticket_calendar", kwargs={"token": ticket.token})
    assert client.get(calendar).status_code == 404


def test_we_can_no_longer_come_asks_first_then_gives_the_seats_back(client):
    night = make_night()
    ticket = name_party(night, guests=4, hosts=1)
    cancel = reverse("events:ticket_cancel", kwargs={"token": ticket.token})
    assert rules.quota_seats_free(night.quota_a) == 2

    assert "Yes, we can no longer come" in client.get(cancel).content.decode()
    ticket.refresh_from_db()
    assert ticket.status == GuestTicket.Status.CONFIRMED

    response = client.post(cancel, follow=True)

    ticket.refresh_from_db()
    assert ticket.status == GuestTicket.Status.CANCELLED
    assert "Your seats are cancelled." in response.content.decode()
    assert rules.quota_seats_free(night.quota_a) == 6
    assert rules.companion_seats_free(night.allocation) == 6


def test_the_calendar_file_holds_the_performance_and_nothing_about_the_guests(client):
    night = make_night()
    ticket = name_party(night, first_name="Olena", access_needs="Quiet space")

    response = client.get(reverse("events:ticket_calendar", kwargs={"token": ticket.token}))

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "DTSTART:" + night.performance.starts_at.strftime("%Y%m%dT%H%M%SZ") in body
    assert "Olena" not in body and "Quiet space" not in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))


def test_the_ticket_page_query_count_does_not_grow_with_tickets(
    client, django_assert_max_num_queries
):
    night = make_night(seats_a=10)
    ticket = name_party(night)
    with django_assert_max_num_queries(4) as few:
        client.get(_path(ticket))
    for index in range(5):
        name_party(night, guests=1, hosts=0, first_name=f"Guest {index}")

    with django_assert_max_num_queries(len(few)):
        client.get(_path(ticket))


def test_a_cancelled_performance_says_so_and_offers_no_code(client):
    from django.utils import timezone

    night = make_night()
    ticket = name_party(night)
    night.performance.cancelled_at = timezone.now()
    night.performance.save(update_fields=["cancelled_at"])

    html = client.get(_path(ticket, "uk")).content.decode()

    assert "На жаль, цю виставу скасовано." in html
    assert ticket.door_code not in html and "<svg" not in html
    assert "Ми не зможемо прийти" not in html
