"""Guest tickets in the admin: staff find them by reference or door code, change the numbers
under the lock and cancel them, each through the services (audited, the guests told)."""

import pytest
from django.urls import reverse

from events.models import GuestTicket
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.events.tickets_setup import make_night, name_party

pytestmark = pytest.mark.django_db

LIST = "/en/admin/events/guestticket/"


@pytest.fixture
def staff_client(client, programme_staff):
    client.force_login(programme_staff)
    return client


def test_staff_find_a_ticket_by_its_door_code_or_reference(staff_client):
    night = make_night()
    ticket = name_party(night)
    other = name_party(night, guests=1, hosts=0, first_name="Other")

    by_code = staff_client.get(LIST, {"q": ticket.door_code.lower()}).content.decode()
    by_reference = staff_client.get(
        LIST, {"q": ticket.reference.replace("-", " ").lower()}
    ).content.decode()

    assert ticket.reference in by_code and other.reference not in by_code
    assert ticket.reference in by_reference and other.reference not in by_reference


def test_the_list_filters_by_performance_and_its_queries_do_not_grow(
    staff_client, django_assert_max_num_queries
):
    night = make_night(seats_a=10)
    name_party(night)
    with django_assert_max_num_queries(40) as few:
        staff_client.get(LIST, {"performance": night.performance.pk})
    for index in range(5):
        name_party(night, guests=1, hosts=0, first_name=f"Guest {index}")

    with django_assert_max_num_queries(len(few)):
        response = staff_client.get(LIST, {"performance": night.performance.pk})
    assert response.status_code == 200


def test_staff_change_the_numbers_through_the_service(staff_client):
    ticket = name_party(make_night(), guests=2, hosts=1, email="olena@example.org")
    change = reverse("admin:events_guestticket_change", args=[ticket.pk])

    response = staff_client.post(change, {"guests": "3", "hosts": "0"})

    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.guests, ticket.hosts) == (3, 0)
    assert AuditEvent.objects.filter(action="guest_ticket.change").exists()
    assert OutgoingMessage.objects.filter(template="guest_ticket_changed").exists()


def test_staff_cannot_change_past_the_quota(staff_client):
    night = make_night(seats_a=6)
    ticket = name_party(night, guests=2, hosts=0)
    name_party(night, guests=4, hosts=0)
    change = reverse("admin:events_guestticket_change", args=[ticket.pk])

    staff_client.post(change, {"guests": "3", "hosts": "0"}, follow=True)

    ticket.refresh_from_db()
    assert ticket.guests == 2


def test_staff_cancel_tickets_and_the_guests_are_told(staff_client):
    ticket = name_party(make_night(), phone="+447911123456")

    staff_client.post(
        LIST, {"action": "cancel_tickets", "_selected_action": [ticket.pk]}, follow=True
    )

    ticket.refresh_from_db()
    assert ticket.status == GuestTicket.Status.CANCELLED
    assert OutgoingMessage.objects.filter(template="guest_ticket_cancelled").exists()
