"""The people booked and the bookings waiting that each session keeps on its row always equal
what adding up its bookings gives (dropins.rules.people_booked), whatever path changes them:
booking, joining the waiting list, growing and shrinking, cancelling, places freed or added,
the waiting list filled once it stops going in order, a partner's booking, the session
cancelled, and names forgotten."""

import contextlib
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import settings as examples
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from dropins import rules, services
from dropins.models import Booking, DropInSession
from partners.models import PartnerOrganisation
from tests.dropins.conftest import book, make_series
from tests.factories import user_with_role


def counted(session: DropInSession) -> tuple[int, int]:
    return rules.people_booked(session), session.bookings.filter(rules.waiting_q()).count()


def kept(session: DropInSession) -> tuple[int, int]:
    session.refresh_from_db()
    return session.booked_people, session.waiting_bookings


@pytest.mark.django_db
class TestSessionCounts:
    """A state machine over the services, run inside one test's transaction."""

    def test_every_path_keeps_the_counts_equal_to_the_bookings(self, settings):
        settings.DROPIN_WAITLIST_STRICT_HOURS = 24
        machine = _machine()
        machine.TestCase.settings = examples(max_examples=10, stateful_step_count=20, deadline=None)
        machine.TestCase().runTest()


def _machine():
    class Counts(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.atomic = transaction.atomic()
            self.atomic.__enter__()  # each run starts afresh: rolled back in teardown
            series = make_series(capacity=6, booking_opens_days=60)
            self.session = series.sessions.filter(starts_at__gt=timezone.now()).earliest(
                "starts_at"
            )
            self.made: list[int] = []
            self.organisation, _new = PartnerOrganisation.objects.get_or_create(name="New Routes")
            self.worker = user_with_role("Partner workers", email=f"w{id(self)}@example.org")

        def teardown(self):
            transaction.set_rollback(True)
            self.atomic.__exit__(None, None, None)

        def _booking(self, index: int) -> Booking:
            return Booking.objects.get(pk=self.made[index % len(self.made)])

        @rule(adults=st.integers(1, 4), children=st.integers(0, 3))
        def book(self, adults, children):
            try:
                made = book(self.session, adults=adults, children=children, email="a@example.org")
            except services.BookingError:
                return
            self.made.append(made.pk)

        @rule(adults=st.integers(1, 3))
        def book_for_a_client(self, adults):
            try:
                made = services.booking_create(
                    session_id=self.session.pk,
                    first_name="Client",
                    adults=adults,
                    children=0,
                    language="en",
                    partner_organisation=self.organisation,
                    booked_by=self.worker,
                    client_consent=True,
                )
            except services.BookingError:
                return
            self.made.append(made.pk)

        @precondition(lambda self: self.made)
        @rule(index=st.integers(0, 50), adults=st.integers(1, 5), children=st.integers(0, 3))
        def change(self, index, adults, children):
            booking = self._booking(index)
            if booking.anonymised_at is not None:
                return  # its session is long past in practice: nothing to change
            with contextlib.suppress(services.BookingError):
                services.booking_change(booking_id=booking.pk, adults=adults, children=children)

        @precondition(lambda self: self.made)
        @rule(index=st.integers(0, 50), by_staff=st.booleans())
        def cancel(self, index, by_staff):
            by = Booking.CancelledBy.STAFF if by_staff else Booking.CancelledBy.BOOKER
            with contextlib.suppress(services.BookingError):
                services.booking_cancel(booking_id=self._booking(index).pk, by=by)

        @rule(capacity=st.integers(1, 12))
        def set_places(self, capacity):
            services.session_capacity_set(session_id=self.session.pk, capacity=capacity, actor=None)

        @rule()
        def fill_the_waiting_lists_once_out_of_order(self):
            later = self.session.starts_at - timedelta(hours=1)
            services.waitlists_fill(now=later)

        @rule()
        def forget_names(self):
            services.bookings_anonymise(now=self.session.ends_at + timedelta(days=400))

        @precondition(lambda self: self.made)
        @rule()
        def cancel_the_session(self):
            services.session_cancel(
                session_id=self.session.pk,
                reason=DropInSession.CancelReason.WEATHER,
                actor=None,
            )

        @invariant()
        def counts_equal_the_bookings(self):
            assert kept(self.session) == counted(self.session)

    return Counts


@pytest.mark.django_db
@pytest.mark.parametrize("people", [-1, 5001])
def test_the_database_refuses_a_count_of_people_booked_out_of_range(session, people):
    with pytest.raises(IntegrityError), transaction.atomic():
        DropInSession.objects.filter(pk=session.pk).update(booked_people=people)


@pytest.mark.django_db
def test_the_migration_filled_the_counts_the_way_the_services_keep_them(session):
    """What migration 0009 writes for existing sessions, run again over bookings made by the
    services, gives the same counts."""
    from importlib import import_module

    from django.apps import apps

    book(session, adults=2, children=1)
    services.session_capacity_set(session_id=session.pk, capacity=3, actor=None)
    book(session, adults=1)
    before = kept(session)
    DropInSession.objects.update(booked_people=0, waiting_bookings=0)

    import_module("dropins.migrations.0009_session_counts_and_indexes").fill_counts(apps, None)

    assert kept(session) == before == (3, 1)
