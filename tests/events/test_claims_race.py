"""Two claims of one link at once, against the real PostgreSQL: one ticket, one refusal."""

import threading

import pytest
from django.db import connections

from events.models import ClaimLink, GuestTicket
from events.services.claims import ClaimError, claim_link_claim
from tests.events.tickets_setup import claim_fields, make_link, make_night

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(target, count: int) -> list:
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index):
        try:
            barrier.wait()
            results[index] = target(index)
        except Exception as error:  # the test inspects it
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_two_claims_of_one_link_at_once_make_one_ticket(attempt):
    night = make_night()
    link, token = make_link(night)

    results = race(
        lambda index: claim_link_claim(token=token, **claim_fields(first_name=f"Guest {index}")),
        2,
    )

    tickets = [result for result in results if isinstance(result, GuestTicket)]
    refusals = [result for result in results if isinstance(result, ClaimError)]
    assert len(tickets) == 1 and len(refusals) == 1
    assert refusals[0].state == "used"
    assert GuestTicket.objects.count() == 1
    assert ClaimLink.objects.get(pk=link.pk).ticket_id == tickets[0].pk


def test_many_links_claimed_at_once_never_exceed_the_partners_quota():
    night = make_night(seats_a=6)
    tokens = [make_link(night, max_guests=2, max_hosts=0)[1] for _ in range(6)]

    results = race(
        lambda index: claim_link_claim(token=tokens[index], **claim_fields(guests=2, hosts=0)),
        6,
    )

    assert sum(isinstance(result, GuestTicket) for result in results) == 3
    assert sum(ticket.guests for ticket in GuestTicket.objects.all()) == 6


def test_the_same_form_sent_twice_at_once_makes_one_ticket_for_both():
    import uuid

    night = make_night()
    _link, token = make_link(night)
    key = uuid.uuid4()

    results = race(
        lambda index: claim_link_claim(token=token, submission_key=key, **claim_fields()), 2
    )

    assert all(isinstance(result, GuestTicket) for result in results), results
    assert results[0].pk == results[1].pk
    assert GuestTicket.objects.count() == 1
