"""Claim links in the partner portal: made against the worker's own quota, shown once, sent,
listed and withdrawn, and never another organisation's."""

import pytest
from django.urls import reverse

from events.models import ClaimLink
from events.services.claims import claim_link_claim
from sanctuary.models import OutgoingMessage
from tests.events.tickets_setup import claim_fields, make_link, make_night, worker_of

pytestmark = pytest.mark.django_db

CLAIMS = "/en/portal/claims/"


@pytest.fixture
def night(db):
    return make_night()


def test_the_link_is_shown_once_and_only_its_digest_is_kept(client, night):
    client.force_login(worker_of(night.partner_a))

    response = client.post(CLAIMS, {"quota": night.quota_a.pk, "max_guests": "3", "max_hosts": "1"})

    html = response.content.decode()
    link = ClaimLink.objects.get()
    assert response.status_code == 200
    token = html.split("/events/claim/")[1].split("/")[0]
    assert len(token) >= 43
    assert token not in str(ClaimLink.objects.values().get())
    assert (link.max_guests, link.max_hosts, link.created_by_id) == (
        3,
        1,
        response.wsgi_request.user.pk,
    )
    assert token not in client.get(CLAIMS).content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_worker_sends_the_link_to_the_guest_by_text_in_their_language(client, night):
    client.force_login(worker_of(night.partner_a))
    _link, token = make_link(night)

    response = client.post(
        reverse("portal:claim_send"),
        {"token": token, "phone": "07911 123456", "email": "", "language": "uk"},
    )

    assert response.status_code == 302
    (message,) = OutgoingMessage.objects.filter(template="guest_claim_link")
    assert (message.channel, message.recipient, message.language) == ("sms", "+447911123456", "uk")
    assert f"/uk/events/claim/{token}/" in message.context["claim_url"]


def test_sending_needs_an_email_or_a_phone(client, night):
    client.force_login(worker_of(night.partner_a))
    _link, token = make_link(night)

    response = client.post(
        reverse("portal:claim_send"), {"token": token, "phone": "", "email": "", "language": "uk"}
    )

    assert response.status_code == 400
    assert not OutgoingMessage.objects.filter(template="guest_claim_link").exists()


def test_the_list_shows_each_links_status_and_the_reference_once_used(client, night):
    client.force_login(worker_of(night.partner_a))
    _unused, _token = make_link(night, max_guests=1, max_hosts=0)
    _used, token = make_link(night, max_guests=3, max_hosts=1)
    ticket = claim_link_claim(token=token, **claim_fields())

    html = client.get(CLAIMS).content.decode()

    assert "Not used yet" in html
    assert "Used" in html and ticket.reference in html


def test_a_worker_withdraws_an_unused_link(client, night):
    client.force_login(worker_of(night.partner_a))
    link, _token = make_link(night)

    client.post(reverse("portal:claim_withdraw", kwargs={"pk": link.pk}))

    link.refresh_from_db()
    assert link.revoked_at is not None


def test_a_worker_of_another_organisation_neither_sees_nor_withdraws_the_link(client, night):
    link, token = make_link(night)
    client.force_login(worker_of(night.partner_b))

    html = client.get(CLAIMS).content.decode()
    withdraw = client.post(reverse("portal:claim_withdraw", kwargs={"pk": link.pk}))
    send = client.post(
        reverse("portal:claim_send"),
        {"token": token, "email": "x@example.org", "phone": "", "language": "en"},
    )

    assert night.performance.title not in html.split("links-title")[1]
    assert withdraw.status_code == 404
    assert send.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is None
    assert not OutgoingMessage.objects.filter(template="guest_claim_link").exists()


def test_a_worker_cannot_make_a_link_on_another_organisations_quota(client, night):
    client.force_login(worker_of(night.partner_b))

    response = client.post(CLAIMS, {"quota": night.quota_a.pk, "max_guests": "1", "max_hosts": "0"})

    assert response.status_code == 400
    assert not ClaimLink.objects.exists()


@pytest.mark.parametrize("role", [None, "Volunteers", "Programme staff"])
def test_only_partner_workers_reach_the_claim_links(client, night, role):
    from tests import factories

    if role:
        client.force_login(factories.user_with_role(role))

    response = client.get(CLAIMS)

    assert response.status_code in (302, 403)
