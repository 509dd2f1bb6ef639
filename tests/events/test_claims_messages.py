"""A claim link sent to a guest: in their language, with the link, and forgotten by the outbox
once the link is used or withdrawn."""

import pytest
from django.core import mail

from events.services.claims import claim_link_claim, claim_link_revoke, claim_link_send
from sanctuary import delivery as outbox
from sanctuary.models import OutgoingMessage
from tests.events.tickets_setup import claim_fields, make_link, make_night

pytestmark = pytest.mark.django_db


def _send(night, token, **contact):
    return claim_link_send(
        token=token, organisation=night.partner_a, language="uk", actor=None, **contact
    )


def test_the_link_goes_to_the_guest_in_their_language():
    night = make_night()
    _link, token = make_link(night)
    (message,) = _send(night, token, email="olena@example.org")

    outbox.message_deliver(message_id=message.pk)

    (email,) = mail.outbox
    assert f"/uk/events/claim/{token}/" in email.body
    assert night.partner_a.name in email.body
    assert "Національний симфонічний оркестр України" in email.subject


def test_sending_the_same_link_to_the_same_address_twice_is_one_message():
    night = make_night()
    _link, token = make_link(night)

    _send(night, token, phone="+447911123456")
    _send(night, token, phone="+447911123456")

    assert OutgoingMessage.objects.filter(template="guest_claim_link").count() == 1


def test_once_used_the_outbox_forgets_the_link():
    night = make_night()
    _link, token = make_link(night)
    (message,) = _send(night, token, email="olena@example.org")

    claim_link_claim(token=token, **claim_fields())

    message.refresh_from_db()
    assert message.context == {} and message.recipient == ""
    assert message.status == OutgoingMessage.Status.NOT_NEEDED


def test_a_withdrawn_link_still_waiting_in_the_outbox_is_not_sent():
    night = make_night()
    link, token = make_link(night)
    (message,) = _send(night, token, email="olena@example.org")
    claim_link_revoke(link_id=link.pk, organisation=night.partner_a, actor=None)

    outbox.message_deliver(message_id=message.pk)

    assert not mail.outbox
