"""Guest seats in the partner portal: figures, naming a party, withdrawing it, the pool."""

import uuid

import pytest
from django.urls import reverse

from events import services
from events.models import GuestTicket, PoolRequest

pytestmark = pytest.mark.django_db


def party(**fields):
    return {
        "submission_key": str(uuid.uuid4()),
        "first_name": "Oksana",
        "guests": "4",
        "hosts": "1",
        "language": "uk",
        "access_needs": "",
        "email": "",
        "phone": "",
        **fields,
    }


def quota_url(quota):
    return reverse("portal:guest-quota", kwargs={"quota_id": quota.pk})


def test_the_list_shows_each_quota_with_its_figures_and_deadline(client, olena, dereham):
    response = client.get(reverse("portal:guest-quotas"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "National Symphony Orchestra of Ukraine" in text
    assert '<dd class="seats-left">60</dd>' in text
    assert quota_url(dereham) in text


def test_the_home_page_links_to_guest_seats(client, olena):
    assert reverse("portal:guest-quotas") in client.get(reverse("portal:home")).content.decode()


def test_naming_a_party_takes_seats_from_the_quota(client, olena, dereham):
    response = client.post(quota_url(dereham), party(), follow=True)
    ticket = GuestTicket.objects.get()
    assert (ticket.quota, ticket.guests, ticket.hosts) == (dereham, 4, 1)
    assert (ticket.organisation, ticket.named_by) == (dereham.organisation, olena)
    assert '<dd class="seats-left">56</dd>' in response.content.decode()
    assert ticket.reference in response.content.decode()


def test_the_same_form_sent_twice_names_one_party(client, olena, dereham):
    form = party()
    client.post(quota_url(dereham), form)
    client.post(quota_url(dereham), form)
    assert GuestTicket.objects.count() == 1


def test_bad_input_is_a_clear_error_not_a_crash(client, olena, dereham):
    response = client.post(quota_url(dereham), party(first_name="", guests="99", phone="x"))
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert not GuestTicket.objects.exists()


def test_a_party_too_big_for_the_quota_is_offered_the_pool(client, olena, allocation, dereham):
    services.quota_move(
        allocation_id=allocation.pk,
        from_quota_id=dereham.pk,
        to_quota_id=None,
        seats=58,
        actor=None,
    )
    response = client.post(quota_url(dereham), party(guests="3"))
    text = response.content.decode()
    assert "not enough seats" in text
    assert reverse("portal:guest-pool-join", kwargs={"quota_id": dereham.pk}) in text


def test_joining_the_pool_and_taking_the_offer(client, olena, allocation, dereham):
    services.quota_move(
        allocation_id=allocation.pk,
        from_quota_id=dereham.pk,
        to_quota_id=None,
        seats=60,
        actor=None,
    )
    join = reverse("portal:guest-pool-join", kwargs={"quota_id": dereham.pk})
    client.post(join, {f"pool-{name}": value for name, value in party(guests="2").items()})
    request = PoolRequest.objects.get()
    assert request.status == PoolRequest.Status.OFFERED  # the pool had the seats
    answer = reverse("portal:guest-pool-answer", kwargs={"request_id": request.pk})
    response = client.post(answer, {"answer": "accept", "quota": dereham.pk}, follow=True)
    ticket = GuestTicket.objects.get()
    assert ticket.quota is None and ticket.organisation == dereham.organisation
    assert "from the shared pool" in response.content.decode()


def test_the_pool_is_refused_while_the_quota_has_room(client, olena, dereham):
    join = reverse("portal:guest-pool-join", kwargs={"quota_id": dereham.pk})
    response = client.post(join, {f"pool-{name}": value for name, value in party().items()})
    assert response.status_code == 200
    assert not PoolRequest.objects.exists()


def test_withdrawing_a_party_frees_its_seats(client, olena, dereham):
    client.post(quota_url(dereham), party())
    ticket = GuestTicket.objects.get()
    url = reverse("portal:guest-ticket-cancel", kwargs={"ticket_id": ticket.pk})
    assert client.get(url, {"quota": dereham.pk}).status_code == 200
    response = client.post(url, {"quota": dereham.pk}, follow=True)
    ticket.refresh_from_db()
    assert ticket.status == GuestTicket.Status.CANCELLED
    assert '<dd class="seats-left">60</dd>' in response.content.decode()


def test_after_the_deadline_a_withdrawn_party_s_seats_go_to_the_pool(
    client, olena, allocation, dereham
):
    client.post(quota_url(dereham), party())
    services.allocation_release(allocation_id=allocation.pk, actor=None, early=True)
    ticket = GuestTicket.objects.get()
    services.ticket_withdraw(ticket_id=ticket.pk, organisation=dereham.organisation, actor=olena)
    dereham.refresh_from_db()
    assert (dereham.seats, dereham.released_seats) == (0, 60)


def test_someone_without_a_partner_account_is_refused(client, allocation, dereham):
    assert client.get(reverse("portal:guest-quotas")).status_code == 302  # to sign in
    from tests.factories import user_with_role

    client.force_login(user_with_role("Volunteers"))
    assert client.get(quota_url(dereham)).status_code == 403
