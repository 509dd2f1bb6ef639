"""The guest ticket rules said twice (a Q for many rows, a function for one) agree."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import rules
from events.models import ClaimLink, GuestTicket
from events.services.claims import claim_link_claim, claim_link_revoke
from events.services.ticket_changes import ticket_cancel
from tests.events.tickets_setup import claim_fields, make_link, make_night, name_party

pytestmark = pytest.mark.django_db


def test_usable_claim_links_agree(clock):
    night = make_night()
    make_link(night)
    withdrawn, _token = make_link(night, max_guests=1, max_hosts=0)
    claim_link_revoke(link_id=withdrawn.pk, organisation=night.partner_a, actor=None)
    _used, token = make_link(night, max_guests=1, max_hosts=0)
    claim_link_claim(token=token, **claim_fields(guests=1, hosts=0))
    later = make_night(days_ahead=3)
    make_link(later)

    for moment in (timezone.now(), timezone.now() + timedelta(days=2)):
        in_sql = set(ClaimLink.objects.filter(rules.claim_link_usable_q(moment)))
        one_by_one = {
            link for link in ClaimLink.objects.all() if rules.is_claim_link_usable(link, moment)
        }
        assert in_sql == one_by_one
    assert len(in_sql) == 1  # two days on, the later night's link has passed its deadline


def test_guest_cancellable_tickets_agree():
    night = make_night()
    name_party(night)
    cancelled = name_party(night, guests=1, hosts=0)
    ticket_cancel(ticket_id=cancelled.pk, actor=None)

    for moment in (timezone.now(), night.performance.starts_at + timedelta(minutes=1)):
        in_sql = set(GuestTicket.objects.filter(rules.may_guest_cancel_q(moment)))
        one_by_one = {
            ticket for ticket in GuestTicket.objects.all() if rules.may_guest_cancel(ticket, moment)
        }
        assert in_sql == one_by_one


def test_quotas_open_for_links_agree(clock):
    from events.models import GuestQuota

    soon = make_night(days_ahead=3)
    make_night(days_ahead=10)
    for moment in (timezone.now(), soon.allocation.release_at + timedelta(minutes=1)):
        in_sql = set(GuestQuota.objects.filter(rules.may_send_links_q(moment)))
        one_by_one = {
            quota for quota in GuestQuota.objects.all() if rules.may_send_links(quota, moment)
        }
        assert in_sql == one_by_one
    assert len(in_sql) == 2  # past the first night's deadline: only the later night's two
