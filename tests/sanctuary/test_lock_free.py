"""Scans that several workers run at once take the rows nobody holds, through one helper."""

import threading

import pytest
from django.db import connections, transaction

from sanctuary.locks import lock_free
from tests.factories import VenueFactory
from venues.models import Venue


@pytest.mark.django_db(transaction=True)
def test_a_scan_outside_a_transaction_is_refused():
    VenueFactory()
    with pytest.raises(RuntimeError):
        lock_free(Venue.objects.all())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_scan_skips_the_rows_another_transaction_holds():
    held, free = VenueFactory(name="Royal"), VenueFactory(name="Playhouse")
    holding, done = threading.Event(), threading.Event()
    errors = []

    def hold():
        try:
            with transaction.atomic():
                list(lock_free(Venue.objects.filter(pk=held.pk)))
                holding.set()
                done.wait(30)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            holding.set()
            connections.close_all()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(30)
        with transaction.atomic():
            taken = list(lock_free(Venue.objects.order_by("pk")).values_list("pk", flat=True))
    finally:
        done.set()
        thread.join(30)
    assert errors == []
    assert taken == [free.pk]
