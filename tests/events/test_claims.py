"""Claim links: one-time, expiring, withdrawable, and only within the partner's seats."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from events import rules
from events.models import ClaimLink, GuestTicket
from events.services.claims import (
    ClaimError,
    claim_link_claim,
    claim_link_revoke,
    claim_token_digest,
)
from events.services.tickets import TicketError
from tests.events.tickets_setup import claim_fields, make_link, make_night, name_party

pytestmark = pytest.mark.django_db


def test_only_the_digest_of_the_link_is_kept():
    link, token = make_link(make_night())

    assert link.token_digest == claim_token_digest(token)
    assert token not in str(ClaimLink.objects.values().get(pk=link.pk))


def test_a_link_expires_after_the_setting_days_but_never_after_the_release_deadline(settings):
    settings.EVENTS_CLAIM_LINK_DAYS = 3
    night = make_night(days_ahead=10)
    link, _token = make_link(night)
    assert abs(link.expires_at - (timezone.now() + timedelta(days=3))) < timedelta(minutes=1)

    settings.EVENTS_CLAIM_LINK_DAYS = 30
    link, _token = make_link(night)
    assert link.expires_at == night.allocation.release_at


def test_claiming_makes_one_ticket_against_the_partners_quota_and_uses_the_link():
    night = make_night()
    link, token = make_link(night)

    ticket = claim_link_claim(token=token, **claim_fields())

    link.refresh_from_db()
    assert link.ticket == ticket
    assert ticket.quota == night.quota_a
    assert ticket.organisation == night.partner_a
    assert (ticket.guests, ticket.hosts, ticket.language) == (3, 1, "uk")
    assert rules.claim_link_state(link, timezone.now()) == "used"


def test_a_used_link_cannot_be_used_again():
    night = make_night()
    _link, token = make_link(night)
    claim_link_claim(token=token, **claim_fields())

    with pytest.raises(ClaimError) as refused:
        claim_link_claim(token=token, **claim_fields(first_name="Someone else"))

    assert refused.value.state == "used"
    assert GuestTicket.objects.count() == 1


def test_the_same_form_sent_twice_gives_the_first_ticket():
    night = make_night()
    _link, token = make_link(night)
    key = uuid.uuid4()

    first = claim_link_claim(token=token, submission_key=key, **claim_fields())
    again = claim_link_claim(token=token, submission_key=key, **claim_fields())

    assert again == first
    assert GuestTicket.objects.count() == 1


def test_an_expired_link_is_refused(clock):
    night = make_night()
    link, token = make_link(night)
    clock.move_to(link.expires_at + timedelta(seconds=1))

    with pytest.raises(ClaimError) as refused:
        claim_link_claim(token=token, **claim_fields())

    assert refused.value.state == "expired"
    assert not GuestTicket.objects.exists()


def test_a_withdrawn_link_is_refused():
    night = make_night()
    link, token = make_link(night)
    claim_link_revoke(link_id=link.pk, organisation=night.partner_a, actor=None)

    with pytest.raises(ClaimError) as refused:
        claim_link_claim(token=token, **claim_fields())

    assert refused.value.state == "withdrawn"


def test_another_partner_cannot_withdraw_the_link():
    night = make_night()
    link, _token = make_link(night)

    with pytest.raises(ClaimLink.DoesNotExist):
        claim_link_revoke(link_id=link.pk, organisation=night.partner_b, actor=None)

    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_used_link_cannot_be_withdrawn():
    night = make_night()
    link, token = make_link(night)
    claim_link_claim(token=token, **claim_fields())

    with pytest.raises(ClaimError):
        claim_link_revoke(link_id=link.pk, organisation=night.partner_a, actor=None)


def test_claiming_when_the_seats_are_gone_is_refused_and_leaves_the_link_unused():
    night = make_night(seats_a=4)
    link, token = make_link(night)
    name_party(night, guests=3, hosts=0)

    with pytest.raises(TicketError):
        claim_link_claim(token=token, **claim_fields(guests=2, hosts=0))

    link.refresh_from_db()
    assert link.ticket is None
    assert GuestTicket.objects.count() == 1


def test_more_people_than_the_link_offers_are_refused():
    night = make_night()
    _link, token = make_link(night, max_guests=2, max_hosts=0)

    with pytest.raises(ClaimError):
        claim_link_claim(token=token, **claim_fields(guests=2, hosts=1))


def test_a_link_for_more_than_the_partner_has_left_is_not_made():
    night = make_night(seats_a=3)

    with pytest.raises(ClaimError):
        make_link(night, max_guests=4)


def test_a_link_against_another_partners_quota_is_not_made():
    night = make_night()

    with pytest.raises(ClaimError):
        make_link(night, quota_id=night.quota_b.pk)


def test_no_link_once_the_release_deadline_has_passed(clock):
    night = make_night()
    clock.move_to(night.allocation.release_at + timedelta(minutes=1))

    with pytest.raises(ClaimError):
        make_link(night)
