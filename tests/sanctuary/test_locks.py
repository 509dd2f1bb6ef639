"""Row locks: one helper, key order, one query, only inside a transaction."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from sanctuary.locks import lock_row, lock_rows
from tests.factories import VenueFactory
from venues.models import Venue


def test_rows_are_locked_in_key_order_in_one_query(db):
    venues = [VenueFactory(name=f"Venue {n}") for n in range(3)]
    wanted = [venues[2].pk, venues[0].pk, venues[2].pk]
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        locked = lock_rows(Venue, wanted)
    assert list(locked) == sorted({venues[0].pk, venues[2].pk})
    assert len(queries) == 1
    if connection.vendor == "postgresql":
        assert "FOR UPDATE" in queries[0]["sql"]
        assert 'ORDER BY "venues_venue"."id" ASC FOR UPDATE' in queries[0]["sql"]


@pytest.mark.django_db(transaction=True)
def test_a_lock_outside_a_transaction_is_refused():
    venue = VenueFactory()
    with pytest.raises(RuntimeError):
        lock_rows(Venue, [venue.pk])


def test_locking_a_row_that_is_not_there_says_so(db):
    with transaction.atomic(), pytest.raises(Venue.DoesNotExist):
        lock_row(Venue, 999_999)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_transactions_taking_the_same_rows_in_opposite_orders_never_deadlock():
    """Each thread names the rows in the opposite order; the helper sorts them, so one waits
    for the other instead of both waiting for each other (PostgreSQL would kill one)."""
    first, second = VenueFactory(name="Royal"), VenueFactory(name="Playhouse")
    rounds, errors = 10, []

    def take(order, ready):
        try:
            for _ in range(rounds):
                ready.wait()
                with transaction.atomic():
                    rows = lock_rows(Venue, order)
                    for row in rows.values():
                        row.position += 1
                        row.save(update_fields=["position"])
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    ready = threading.Barrier(2)
    threads = [
        threading.Thread(target=take, args=(order, ready))
        for order in ([first.pk, second.pk], [second.pk, first.pk])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    # Every increment of both threads landed: no update was lost or rolled back.
    assert sorted(
        Venue.objects.filter(pk__in=[first.pk, second.pk]).values_list("position", flat=True)
    ) == [2 * rounds, 2 * rounds]
