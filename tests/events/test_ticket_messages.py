"""Guest ticket messages: confirmation, change and cancellation by staff, in the guest's
language, sent once, to whatever contact the guests gave (none: nothing is sent)."""

import pytest
from django.core import mail

from events.services.ticket_changes import ticket_cancel, ticket_change
from events.services.tickets import TicketError
from sanctuary import delivery as outbox
from sanctuary import sms
from sanctuary.models import OutgoingMessage
from tests.events.tickets_setup import make_night, name_party
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db


def _messages(template: str) -> list[OutgoingMessage]:
    return list(OutgoingMessage.objects.filter(template=template).order_by("pk"))


def _deliver(template: str) -> None:
    for message in _messages(template):
        outbox.message_deliver(message_id=message.pk)


def test_the_confirmation_goes_to_each_contact_in_the_guests_language():
    ticket = name_party(make_night(), email="olena@example.org", phone="+447911123456")

    _deliver("guest_ticket_confirmed")

    (email,) = mail.outbox
    assert email.extra_headers["Content-Language"] == "uk"
    assert ticket.reference in email.body and ticket.door_code in email.body
    assert f"/uk/events/ticket/{ticket.token}/" in email.body
    assert "Національний симфонічний оркестр України" in email.body
    (text,) = sms.outbox
    assert ticket.reference in text["body"] and "Olena" not in text["body"]


def test_no_contact_no_confirmation():
    name_party(make_night(), email="", phone="")

    assert not _messages("guest_ticket_confirmed")


def test_the_confirmation_is_queued_once_even_if_asked_twice():
    from events.messages.tickets import ticket_message_queue

    ticket = name_party(make_night(), email="olena@example.org")
    ticket_message_queue(ticket, "guest_ticket_confirmed")
    _deliver("guest_ticket_confirmed")
    _deliver("guest_ticket_confirmed")

    assert len(_messages("guest_ticket_confirmed")) == 1
    assert len(mail.outbox) == 1


def test_staff_changing_the_party_tells_the_guests(programme_staff):
    night = make_night()
    ticket = name_party(night, guests=2, hosts=1, email="olena@example.org")

    ticket_change(ticket_id=ticket.pk, guests=4, hosts=0, actor=programme_staff)
    _deliver("guest_ticket_changed")

    ticket.refresh_from_db()
    assert (ticket.guests, ticket.hosts) == (4, 0)
    (email,) = mail.outbox
    assert "4" in email.body and ticket.reference in email.body


def test_a_change_never_goes_over_the_quota(programme_staff):
    night = make_night(seats_a=6)
    ticket = name_party(night, guests=2, hosts=0)
    name_party(night, guests=3, hosts=0)

    with pytest.raises(TicketError):
        ticket_change(ticket_id=ticket.pk, guests=4, hosts=0, actor=programme_staff)
    ticket_change(ticket_id=ticket.pk, guests=3, hosts=0, actor=programme_staff)

    ticket.refresh_from_db()
    assert ticket.guests == 3


def test_staff_cancelling_tells_the_guests_once(programme_staff):
    ticket = name_party(make_night(), phone="+447911123456", language="ar")

    ticket_cancel(ticket_id=ticket.pk, actor=programme_staff)
    ticket_cancel(ticket_id=ticket.pk, actor=programme_staff)
    _deliver("guest_ticket_cancelled")

    (text,) = sms.outbox
    assert ticket.reference in text["body"]
    assert len(_messages("guest_ticket_cancelled")) == 1


def test_guests_cancelling_themselves_get_no_message():
    ticket = name_party(make_night(), email="olena@example.org")

    ticket_cancel(ticket_id=ticket.pk, actor=None, by_guest=True)

    assert not _messages("guest_ticket_cancelled")


def test_a_confirmation_queued_before_the_ticket_was_cancelled_is_not_sent(programme_staff):
    ticket = name_party(make_night(), email="olena@example.org")
    ticket_cancel(ticket_id=ticket.pk, actor=programme_staff, by_guest=True)

    _deliver("guest_ticket_confirmed")

    assert not mail.outbox
    (confirmation,) = _messages("guest_ticket_confirmed")
    confirmation.refresh_from_db()
    assert confirmation.status == OutgoingMessage.Status.NOT_NEEDED


@pytest.mark.parametrize(
    "template",
    ["guest_ticket_confirmed", "guest_ticket_reminder", "guest_ticket_changed"],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_text_messages_are_short_and_carry_nothing_sensitive(template, language):
    from sanctuary.outbox import render_message

    ticket = name_party(make_night(), first_name="Olena", access_needs="Wheelchair space")

    _subject, body = render_message(
        template=template, channel="sms", language=language, context={"ticket_id": ticket.pk}
    )

    assert ticket.reference in body
    assert "Olena" not in body and "Wheelchair" not in body and ticket.door_code not in body
    assert len(body) <= 320
