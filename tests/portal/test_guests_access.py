"""A partner worker reaches only their own organisation's quota, tickets and pool requests:
everything of another organisation is a 404, by id."""

import uuid

import pytest
from django.urls import reverse

from events import services
from events.models import GuestTicket, PoolRequest
from tests.events.helpers import name_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def bridge_ticket(allocation, bridge):
    return name_party(allocation, bridge, guests=2, first_name="Farid")


@pytest.fixture
def bridge_request(allocation, bridge, bridge_worker):
    services.quota_move(
        allocation_id=allocation.pk, from_quota_id=bridge.pk, to_quota_id=None, seats=40, actor=None
    )
    return services.pool_request_create(
        allocation_id=allocation.pk,
        quota_id=bridge.pk,
        organisation=bridge.organisation,
        requested_by=bridge_worker,
        first_name="Farid",
        guests=2,
        hosts=0,
        language="fa",
    )


def test_another_organisation_s_quota_is_not_found(client, olena, bridge):
    url = reverse("portal:guest-quota", kwargs={"quota_id": bridge.pk})
    assert client.get(url).status_code == 404
    form = {
        "submission_key": str(uuid.uuid4()),
        "first_name": "X",
        "guests": "1",
        "hosts": "0",
        "language": "en",
    }
    assert client.post(url, form).status_code == 404
    join = reverse("portal:guest-pool-join", kwargs={"quota_id": bridge.pk})
    assert client.post(join, form).status_code == 404
    assert not GuestTicket.objects.exists()


def test_another_organisation_s_ticket_is_not_found(client, olena, bridge_ticket):
    url = reverse("portal:guest-ticket-cancel", kwargs={"ticket_id": bridge_ticket.pk})
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    bridge_ticket.refresh_from_db()
    assert bridge_ticket.status == GuestTicket.Status.CONFIRMED


def test_another_organisation_s_tickets_are_not_listed(client, olena, dereham, bridge_ticket):
    text = client.get(reverse("portal:guest-quota", kwargs={"quota_id": dereham.pk})).content
    assert b"Farid" not in text and bridge_ticket.reference.encode() not in text
    assert b"Farid" not in client.get(reverse("portal:guest-quotas")).content


def test_another_organisation_s_offer_cannot_be_taken_or_withdrawn(client, olena, bridge_request):
    url = reverse("portal:guest-pool-answer", kwargs={"request_id": bridge_request.pk})
    assert client.post(url, {"answer": "accept"}).status_code == 404
    assert client.post(url, {"answer": "withdraw"}).status_code == 404
    bridge_request.refresh_from_db()
    assert bridge_request.status == PoolRequest.Status.OFFERED
    assert not GuestTicket.objects.exists()


@pytest.mark.parametrize(
    "name", ["portal:guest-quota", "portal:guest-pool-join", "portal:guest-ticket-cancel"]
)
def test_ids_that_are_too_big_are_not_found(client, olena, name):
    key = "quota_id" if "quota" in name or "join" in name else "ticket_id"
    url = reverse(name, kwargs={key: 2**70})
    assert client.post(url, {"quota": "x" * 30}).status_code == 404


def test_an_answer_that_is_neither_accept_nor_withdraw_changes_nothing(
    client, allocation, dereham, olena
):
    services.quota_move(
        allocation_id=allocation.pk,
        from_quota_id=dereham.pk,
        to_quota_id=None,
        seats=60,
        actor=None,
    )
    request = services.pool_request_create(
        allocation_id=allocation.pk,
        quota_id=dereham.pk,
        organisation=dereham.organisation,
        requested_by=olena,
        first_name="Oksana",
        guests=2,
        hosts=0,
        language="uk",
    )
    url = reverse("portal:guest-pool-answer", kwargs={"request_id": request.pk})
    assert client.post(url, {"answer": "<script>", "quota": "1 OR 1=1"}).status_code == 302
    request.refresh_from_db()
    assert request.status == PoolRequest.Status.OFFERED
