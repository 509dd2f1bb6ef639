"""The offer link: whoever holds it takes the seats or declines them, without an account."""

from datetime import timedelta

import pytest
from django.urls import reverse

from events import services
from events.models import GuestTicket, PoolRequest
from sanctuary.models import OutgoingMessage
from sanctuary.schedule import BEAT_SCHEDULE
from tests.events.helpers import ask_pool, quota_of, worker_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(allocation):
    services.quota_move(
        allocation_id=allocation.pk,
        from_quota_id=quota_of(allocation, "New Routes").pk,
        to_quota_id=None,
        seats=4,
        actor=None,
    )
    request = ask_pool(allocation, guests=3, hosts=1, first_name="Nadia", language="ar")
    request.refresh_from_db()
    assert request.status == PoolRequest.Status.OFFERED
    return request


def url(offer):
    return reverse("events:pool-offer", kwargs={"token": offer.offer_token})


def test_the_offer_page_shows_the_party_and_the_expiry(client, offer):
    response = client.get(url(offer))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    text = response.content.decode()
    assert "Nadia" in text and "3 guests" in text and "1 host" in text
    assert "Take the seats" in text


def test_taking_the_seats_shows_the_reference_and_door_code(client, offer):
    response = client.post(url(offer), {"answer": "accept"}, follow=True)
    ticket = GuestTicket.objects.get()
    text = response.content.decode()
    assert ticket.reference in text and ticket.door_code in text
    assert (ticket.quota, ticket.guests, ticket.hosts) == (None, 3, 1)
    client.post(url(offer), {"answer": "accept"})
    assert GuestTicket.objects.count() == 1


def test_declining_passes_the_seats_on(client, allocation, offer):
    later = ask_pool(allocation, guests=2, first_name="Later")
    assert later.status == PoolRequest.Status.WAITING  # the seats are held for Nadia
    client.post(url(offer), {"answer": "decline"})
    later.refresh_from_db()
    assert later.status == PoolRequest.Status.OFFERED


def test_an_expired_offer_says_so_and_takes_nothing(client, clock, offer):
    clock.move_to(offer.offer_expires_at + timedelta(minutes=1))
    response = client.post(url(offer), {"answer": "accept"}, follow=True)
    assert "This offer is no longer open." in response.content.decode()
    assert not GuestTicket.objects.exists()


def test_an_unknown_link_is_not_found(client, offer):
    assert client.get(reverse("events:pool-offer", kwargs={"token": "x" * 43})).status_code == 404


def test_the_worker_who_asked_is_told_in_their_language(allocation):
    worker = worker_of(quota_of(allocation, "New Routes").organisation, "Sam")
    services.quota_move(
        allocation_id=allocation.pk,
        from_quota_id=quota_of(allocation, "New Routes").pk,
        to_quota_id=None,
        seats=2,
        actor=None,
    )
    ask_pool(allocation, guests=2, requested_by=worker, phone="+447911123456")
    sent = OutgoingMessage.objects.filter(template="guest_pool_offer")
    assert set(sent.values_list("channel", "recipient")) == {
        ("email", worker.email),
        ("sms", "+447911123456"),
    }


def test_beat_runs_the_release_and_the_offers():
    tasks = {entry["task"] for entry in BEAT_SCHEDULE.values()}
    assert {"events.tasks.guest_seats_release", "events.tasks.pool_offers_fill"} <= tasks


def test_who_asked_the_pool_is_forgotten_after_the_performance(allocation, clock, offer, settings):
    from events.services.retention_pool import pool_requests_anonymise

    assert pool_requests_anonymise() == 0
    clock.move_to(
        allocation.performance.starts_at + timedelta(days=settings.EVENTS_KEEP_DAYS, hours=1)
    )
    assert pool_requests_anonymise() == 1
    offer.refresh_from_db()
    assert (offer.first_name, offer.email, str(offer.phone), offer.access_needs) == ("", "", "", "")
    assert offer.guests == 3  # the counts stay
    assert pool_requests_anonymise() == 0
