"""Beat's guest ticket work: the day-before reminder, set-based and sent once; guests
forgotten EVENTS_KEEP_DAYS after the performance, counts kept."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import GuestTicket
from events.services.ticket_changes import ticket_cancel
from events.services.ticket_schedule import tickets_anonymise, tickets_remind
from sanctuary import delivery as outbox
from sanctuary.models import OutgoingMessage
from tests.events.tickets_setup import make_night, name_party

pytestmark = pytest.mark.django_db


def _the_day_before(night):
    return night.performance.starts_at - timedelta(hours=23)


def _reminders() -> list[OutgoingMessage]:
    return list(OutgoingMessage.objects.filter(template="guest_ticket_reminder"))


def test_the_reminder_goes_the_day_before_to_each_contact_in_the_guests_language():
    night = make_night()
    ticket = name_party(night, email="olena@example.org", phone="+447911123456")

    assert tickets_remind(now=_the_day_before(night) - timedelta(hours=2)) == 0
    assert tickets_remind(now=_the_day_before(night)) == 2

    assert {(m.channel, m.language) for m in _reminders()} == {("email", "uk"), ("sms", "uk")}
    ticket.refresh_from_db()
    assert ticket.reminder_queued_at is not None


def test_the_reminder_is_sent_once_however_often_the_scan_runs(clock):
    night = make_night()
    ticket = name_party(night, email="olena@example.org")
    clock.move_to(_the_day_before(night))

    tickets_remind()
    tickets_remind()
    for message in _reminders():
        outbox.message_deliver(message_id=message.pk)

    (email,) = mail.outbox
    assert ticket.reference in email.body
    assert email.extra_headers["Content-Language"] == "uk"
    assert len(_reminders()) == 1


def test_no_reminder_for_a_cancelled_ticket_or_one_without_contact():
    night = make_night()
    cancelled = name_party(night, email="olena@example.org")
    ticket_cancel(ticket_id=cancelled.pk, actor=None)
    name_party(night, guests=1, hosts=0)

    assert tickets_remind(now=_the_day_before(night)) == 0


def test_the_reminder_scan_takes_the_same_queries_for_many_tickets(
    django_assert_max_num_queries,
):
    night = make_night(seats_a=20, seats=30)
    name_party(night, guests=1, hosts=0, email="one@example.org")
    with django_assert_max_num_queries(20) as few:
        assert tickets_remind(now=_the_day_before(night)) == 1
    later = make_night(seats_a=20, seats=30)
    for index in range(12):
        name_party(later, guests=1, hosts=0, email=f"guest{index}@example.org")

    with django_assert_max_num_queries(len(few)):
        assert tickets_remind(now=_the_day_before(later)) == 12


def test_guests_are_forgotten_after_the_keeping_days_and_counts_stay(settings):
    settings.EVENTS_KEEP_DAYS = 30
    night = make_night()
    ticket = name_party(night, email="olena@example.org", access_needs="Quiet space")
    after = night.performance.starts_at + timedelta(days=30)

    assert tickets_anonymise(now=after - timedelta(hours=1)) == 0
    assert tickets_anonymise(now=after + timedelta(hours=1)) == 1

    ticket.refresh_from_db()
    assert (ticket.first_name, ticket.email, ticket.access_needs) == ("", "", "")
    assert not ticket.token.startswith(ticket.reference) and len(ticket.token) < 20
    assert (ticket.guests, ticket.hosts) == (2, 1)
    assert GuestTicket.objects.filter(anonymised_at__isnull=False).count() == 1
    assert not OutgoingMessage.objects.filter(recipient="olena@example.org").exists()


def test_the_schedule_runs_both(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["events-ticket-reminders"]["task"] == "events.tasks.guest_tickets_remind"
    assert schedule["events-tickets-anonymise"]["task"] == "events.tasks.guest_tickets_anonymise"
    assert timezone.now()  # the clock is pinned; nothing here depends on today
