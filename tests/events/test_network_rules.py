"""Each rule of network events and the mailing list in its two forms (a Q for selectors, a
one-row function for services) says the same of the same rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import rules, services
from events.models import MailingListMember, NetworkBooking, NetworkEventDate
from tests.events.network_helpers import book, make_event

pytestmark = pytest.mark.django_db


def test_bookable_dates_agree(clock, programme_staff):
    open_event = make_event(dates=3)
    make_event(slug="draft", is_published=False)
    first, second, _third = open_event.dates.all()
    services.network_date_cancel(date_id=second.pk, actor=programme_staff)
    clock.move_to(first.starts_at + timedelta(minutes=1))
    now = timezone.now()

    in_sql = set(NetworkEventDate.objects.filter(rules.network_date_bookable_q(now)))
    one_by_one = {
        date
        for date in NetworkEventDate.objects.select_related("event")
        if rules.is_network_date_bookable(date, now)
    }

    assert in_sql == one_by_one
    assert len(in_sql) == 1


def test_holding_tickets_and_keeping_agree(clock):
    date = make_event().dates.get()
    kept, cancelled = book(date), book(date)
    services.network_booking_cancel(booking_id=cancelled.pk)
    clock.move_to(date.ends_at + timedelta(days=31))
    now = timezone.now()

    held = set(NetworkBooking.objects.filter(rules.network_holds_tickets_q()))
    assert held == {b for b in NetworkBooking.objects.all() if rules.network_holds_tickets(b)}
    assert held == {kept}
    past = set(NetworkBooking.objects.filter(rules.network_past_keeping_q(now, keep_days=30)))
    assert past == {
        b
        for b in NetworkBooking.objects.select_related("date")
        if rules.network_is_past_keeping(b, now, keep_days=30)
    }
    assert past == {kept, cancelled}


def test_mailing_rules_agree(clock):
    for email in ("old@example.org", "member@example.org"):
        services.mailing_join(email=email, language="en")
    services.mailing_confirm(token=MailingListMember.objects.get(email="member@example.org").token)
    clock.shift(timedelta(days=8))
    services.mailing_join(email="new@example.org", language="en")
    now = timezone.now()
    members = list(MailingListMember.objects.all())

    counting = set(MailingListMember.objects.filter(rules.mailing_counts_q()))
    assert counting == {m for m in members if rules.mailing_counts(m)}
    forgettable = set(
        MailingListMember.objects.filter(rules.mailing_forgettable_q(now, keep_days=7))
    )
    assert forgettable == {m for m in members if rules.mailing_is_forgettable(m, now, keep_days=7)}
    assert {m.email for m in forgettable} == {"old@example.org"}


def test_anonymising_forgets_names_and_addresses_after_the_keeping_days(clock, settings):
    settings.NETWORK_KEEP_DAYS = 30
    date = make_event().dates.get()
    booking = book(date, tickets=2)
    clock.move_to(date.ends_at + timedelta(days=29))
    assert services.network_bookings_anonymise() == 0

    clock.move_to(date.ends_at + timedelta(days=31))
    assert services.network_bookings_anonymise() == 1

    booking.refresh_from_db()
    assert (booking.name, booking.email, booking.tickets) == ("", "", 2)
    assert booking.token == f"gone-{booking.pk}"
    assert booking.anonymised_at is not None
    assert services.network_bookings_anonymise() == 0


def test_the_nightly_tasks_are_on_beat():
    from sanctuary.schedule import _RUNS

    tasks = {task for task, _when in _RUNS.values()}
    assert "events.tasks.network_bookings_anonymise" in tasks
    assert "events.tasks.mailing_unconfirmed_forget" in tasks
