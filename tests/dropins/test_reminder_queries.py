"""The reminder scans are set-based: the same few queries for 10 bookings or 2,000, every
reminder due queued in one run, each once, even when two scans run at the same moment.
(10,000 is for `make bench`; timings live there, never here.)"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dropins import services
from dropins.models import Booking, DropInSession
from events.models import GuestTicket
from events.services.ticket_schedule import tickets_remind
from sanctuary.codes import reference_from_number, token_new
from sanctuary.models import OutgoingMessage
from tests.dropins.conftest import make_series
from tests.dropins.test_races import race
from tests.events.tickets_setup import make_night, name_party

MOST_QUERIES = 10


def next_week_session() -> DropInSession:
    series = make_series(capacity=5000)
    return series.sessions.filter(starts_at__gt=timezone.now() + timedelta(days=6)).earliest(
        "starts_at"
    )


def reachable_bookings(session: DropInSession, count: int, *, phones: bool = True) -> None:
    """`count` confirmed bookings made now, each with an email address (half with a mobile
    number too, unless not `phones`), as if people had booked over the week."""
    now = timezone.now()
    Booking.objects.bulk_create(
        Booking(
            session=session,
            reference=reference_from_number(10_000_000 + index, prefix="D"),
            token=token_new(),
            first_name=f"Person {index}",
            email=f"person{index}@example.org",
            phone=f"+4479111{index:05d}" if phones and index % 2 else "",
            language="en",
            status=Booking.Status.CONFIRMED,
            confirmed_at=now,
        )
        for index in range(count)
    )


def the_day_before(session: DropInSession):
    return session.starts_at - timedelta(hours=23)


def reminder_counts() -> dict[str, int]:
    """How many reminder messages each recipient has."""
    counts: dict[str, int] = {}
    for recipient in OutgoingMessage.objects.filter(template="dropin_booking_reminder").values_list(
        "recipient", flat=True
    ):
        counts[recipient] = counts.get(recipient, 0) + 1
    return counts


def queries_of(action) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as queries:
        result = action()
    return len(queries), result


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 2000])
def test_the_drop_in_reminder_scan_takes_a_few_queries_for_10_or_2000(count, broker):
    session = next_week_session()
    reachable_bookings(session, count)

    queries, scan = queries_of(lambda: services.reminders_queue(now=the_day_before(session)))

    assert queries <= MOST_QUERIES
    assert scan.bookings == count  # all in one run
    assert scan.messages == count + count // 2
    counts = reminder_counts()
    assert len(counts) == count + count // 2
    assert set(counts.values()) == {1}
    assert not Booking.objects.filter(reminder_queued_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_drop_in_reminder_scan_takes_as_many_queries_for_10_as_for_2000(broker):
    session = next_week_session()
    reachable_bookings(session, 10)
    small, _scan = queries_of(lambda: services.reminders_queue(now=the_day_before(session)))
    Booking.objects.all().delete()
    OutgoingMessage.objects.all().delete()
    reachable_bookings(session, 2000)

    large, _scan = queries_of(lambda: services.reminders_queue(now=the_day_before(session)))

    assert small == large


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_scans_at_once_queue_each_of_2000_reminders_once(broker):
    session = next_week_session()
    reachable_bookings(session, 2000)

    results = race(lambda index: services.reminders_queue(now=the_day_before(session)), 2)

    assert not [result for result in results if isinstance(result, Exception)]
    assert sum(result.bookings for result in results) == 2000
    counts = reminder_counts()
    assert len(counts) == 3000
    assert set(counts.values()) == {1}


def guest_tickets(count: int):
    """A performance in ten days with `count` named parties, each with an email address."""
    night = make_night()
    first = name_party(night, email="guest0@example.org")
    GuestTicket.objects.bulk_create(
        GuestTicket(
            **{
                field.attname: getattr(first, field.attname)
                for field in GuestTicket._meta.concrete_fields
                if not field.primary_key
            }
            | {
                "reference": reference_from_number(10_000_000 + index, prefix="G"),
                "token": token_new(),
                "door_code": f"{index:04d}",
                "email": f"guest{index}@example.org",
                "submission_key": None,
            }
        )
        for index in range(1, count)
    )
    return night


@pytest.mark.django_db
@pytest.mark.parametrize("count", [10, 500])
def test_the_guest_ticket_reminder_scan_takes_a_few_queries_for_10_or_500(count, broker):
    night = guest_tickets(count)
    the_day_before_it = night.performance.starts_at - timedelta(hours=23)

    queries, queued = queries_of(lambda: tickets_remind(now=the_day_before_it))

    assert queries <= MOST_QUERIES
    assert queued == count
    assert (
        OutgoingMessage.objects.filter(template="guest_ticket_reminder")
        .values("recipient")
        .distinct()
        .count()
        == count
    )


# A text costs a few queries of its own, whatever the batch: the number's stop-list check, its
# place under the day's caps (taken atomically, number by number) and its short link. Each text
# is also its own request to the provider, which bounds the rate far more than these do.
QUERIES_PER_TEXT = 7


def sweep_of_reminders(count: int, settings, *, phones: bool = True) -> tuple[int, int]:
    """The queries of a sweep that sends `count` bookings' overdue reminders, and its texts."""
    from sanctuary import delivery

    session = next_week_session()
    reachable_bookings(session, count, phones=phones)
    services.reminders_queue(now=the_day_before(session))
    OutgoingMessage.objects.update(next_attempt_at=timezone.now() - timedelta(hours=1))
    texts = OutgoingMessage.objects.filter(channel=OutgoingMessage.Channel.SMS).count()
    queries, result = queries_of(delivery.outbox_sweep)
    assert result.sent == count + texts
    return queries, texts


@pytest.mark.django_db
def test_sending_reminders_in_a_batch_loads_their_bookings_at_once(settings):
    settings.OUTBOX_BATCH_SIZE = 500
    few, few_texts = sweep_of_reminders(10, settings)
    Booking.objects.all().delete()
    OutgoingMessage.objects.all().delete()

    many, many_texts = sweep_of_reminders(300, settings)

    # The emails add nothing; each text adds at most its own few.
    assert many - few <= QUERIES_PER_TEXT * (many_texts - few_texts)
    assert many - few >= many_texts - few_texts  # the texts were sent, and counted


@pytest.mark.django_db
def test_a_sweep_of_emails_takes_as_many_queries_for_10_as_for_300(settings):
    settings.OUTBOX_BATCH_SIZE = 500
    few, _texts = sweep_of_reminders(10, settings, phones=False)
    Booking.objects.all().delete()
    OutgoingMessage.objects.all().delete()

    assert sweep_of_reminders(300, settings, phones=False) == (few, 0)
