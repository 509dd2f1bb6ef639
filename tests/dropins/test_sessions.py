"""Sessions made from their series, and what staff change about them."""

from datetime import UTC, date, time, timedelta
from itertools import pairwise

import pytest
from django.core import mail
from django.utils import timezone

from dropins import rules, services
from dropins.models import LONDON, Booking, DropInSession, Weekday
from sanctuary import sms
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.dropins.conftest import book, make_series
from tests.dropins.test_races import race

pytestmark = pytest.mark.instants


def test_saving_a_series_makes_one_session_a_week_ahead(settings, db):
    settings.DROPIN_GENERATE_DAYS = 28
    series = make_series()

    dates = list(series.sessions.values_list("date", flat=True))
    assert len(dates) in (4, 5)
    assert all(day.weekday() == series.weekday for day in dates)
    assert all(later - earlier == timedelta(days=7) for earlier, later in pairwise(dates))


def test_generating_again_makes_no_duplicates(series):
    before = series.sessions.count()

    assert services.sessions_generate() == 0
    assert services.sessions_generate(series=series) == 0

    assert series.sessions.count() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_generating_at_the_same_time_makes_no_duplicates():
    series = make_series()
    series.sessions.all().delete()

    results = race(lambda index: services.sessions_generate(), 6)

    assert not [result for result in results if isinstance(result, Exception)]
    dates = list(series.sessions.values_list("date", flat=True))
    assert len(dates) == len(set(dates)) > 0


def test_times_are_uk_times_in_summer_and_winter(db):
    series = make_series(weekday=Weekday.WEDNESDAY, start_time=time(10, 30))

    services.sessions_generate(today=date(2027, 6, 1))
    services.sessions_generate(today=date(2027, 1, 4))

    summer = series.sessions.get(date=date(2027, 6, 2))
    winter = series.sessions.get(date=date(2027, 1, 6))
    assert summer.starts_at.astimezone(LONDON).time() == time(10, 30)
    assert winter.starts_at.astimezone(LONDON).time() == time(10, 30)
    assert summer.starts_at.astimezone(UTC).hour == 9  # British Summer Time is UTC+1
    assert winter.starts_at.astimezone(UTC).hour == 10


def test_an_inactive_series_gets_no_new_sessions(db):
    series = make_series(is_active=False)

    assert series.sessions.count() == 0
    assert services.sessions_generate() == 0


def test_the_end_must_be_after_the_start(db):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_series(start_time=time(13, 0), end_time=time(10, 30))


def test_a_new_time_moves_unbooked_sessions_and_keeps_what_people_were_told(
    series, session, programme_staff
):
    book(session)
    series.start_time = time(11, 0)
    services.series_save(series=series, actor=programme_staff, changed=["start_time"])

    for other in series.sessions.exclude(pk=session.pk):
        assert other.starts_at.astimezone(LONDON).time() == time(11, 0)
    session.refresh_from_db()
    assert session.starts_at.astimezone(LONDON).time() == time(10, 30)
    assert AuditEvent.objects.filter(action="dropin_series.update").exists()


def test_a_new_day_moves_unbooked_sessions_and_keeps_booked_ones(series, session):
    book(session)
    series.weekday = (series.weekday + 1) % 7
    services.series_save(series=series, actor=None, changed=["weekday"])

    weekdays = {session.date.weekday() for session in series.sessions.all()}
    assert weekdays == {series.weekday, session.date.weekday()}
    assert DropInSession.objects.filter(pk=session.pk).exists()


def test_more_places_for_the_series_reach_its_future_sessions(series, session):
    services.session_capacity_set(session_id=session.pk, capacity=5, actor=None)
    series.capacity = 60
    services.series_save(series=series, actor=None, changed=["capacity"])

    capacities = set(series.sessions.exclude(pk=session.pk).values_list("capacity", flat=True))
    assert capacities == {60}
    session.refresh_from_db()
    assert session.capacity == 5  # its own number stays


def test_cancelling_a_session_tells_everyone_in_their_language(
    session, programme_staff, django_capture_on_commit_callbacks
):
    booked = book(session, email="amina@example.org", language="ar")
    waiting_session = services.session_capacity_set(session_id=session.pk, capacity=1, actor=None)
    waiting = book(waiting_session, first_name="Olena", phone="+447911123456", language="uk")
    quiet = book(waiting_session, first_name="Yusuf", adults=1)  # no contact
    assert waiting.status == Booking.Status.WAITLISTED

    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(
            session_id=session.pk,
            reason=DropInSession.CancelReason.WEATHER,
            note="Snow",
            actor=programme_staff,
        )

    session.refresh_from_db()
    assert session.status == DropInSession.Status.CANCELLED
    assert set(
        Booking.objects.filter(pk__in=[booked.pk, waiting.pk, quiet.pk]).values_list(
            "status", flat=True
        )
    ) == {Booking.Status.CANCELLED}
    assert len(mail.outbox) == 1
    from django.utils import translation

    with translation.override("ar"):
        reason_ar = str(DropInSession.CancelReason.WEATHER.label)
    assert reason_ar in mail.outbox[0].body
    assert "Snow" not in mail.outbox[0].body  # the team's note stays with the team
    with translation.override("uk"):
        reason_uk = str(DropInSession.CancelReason.WEATHER.label)
    assert reason_uk in sms.outbox[-1]["body"]
    event = AuditEvent.objects.get(action="dropin_session.cancel")
    assert event.actor == programme_staff
    assert event.detail == {"reason": "weather", "note": "Snow"}


def test_cancelling_a_session_twice_tells_people_once(session):
    book(session, email="amina@example.org")
    for _ in range(2):
        services.session_cancel(
            session_id=session.pk, reason=DropInSession.CancelReason.OTHER, actor=None
        )

    assert OutgoingMessage.objects.filter(template="dropin_session_cancelled").count() == 1


def test_a_session_needs_a_known_reason_to_be_cancelled(session):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.session_cancel(session_id=session.pk, reason="because", actor=None)


def test_sessions_are_made_ahead_by_the_beat_task(db, settings):
    from dropins.tasks import sessions_generate

    settings.DROPIN_GENERATE_DAYS = 14
    series = make_series()
    DropInSession.objects.all().delete()

    made = sessions_generate.delay().get()

    assert made == series.sessions.count() >= 2
    assert "dropins-generate" in settings.CELERY_BEAT_SCHEDULE


def test_booking_is_open_only_inside_the_series_window(session):
    now = timezone.now()
    window = timedelta(days=session.series.booking_opens_days)

    assert rules.is_bookable(session, now)
    assert not rules.is_bookable(session, session.starts_at - window - timedelta(1))
    assert not rules.is_bookable(session, session.starts_at)


def test_a_series_change_is_audited_old_to_new(series, programme_staff):
    series.capacity, series.title_en = 20, "Welcome café"
    services.series_save(series=series, actor=programme_staff, changed=["capacity", "title"])

    event = AuditEvent.objects.get(action="dropin_series.update")
    assert event.actor == programme_staff
    changes = event.detail["changes"]
    assert changes["capacity"] == {"old": 40, "new": 20}
    assert changes["title_en"] == {"old": "Welcome drop-in", "new": "Welcome café"}
    assert "weekday" not in changes


def test_a_series_saved_without_a_real_change_is_not_audited(series, programme_staff):
    services.series_save(series=series, actor=programme_staff, changed=["capacity"])

    assert not AuditEvent.objects.filter(action="dropin_series.update").exists()


def test_a_session_capacity_change_is_audited_old_to_new(session, programme_staff):
    services.session_capacity_set(session_id=session.pk, capacity=20, actor=programme_staff)

    event = AuditEvent.objects.get(action="dropin_session.capacity")
    assert event.detail == {"changes": {"capacity": {"old": 40, "new": 20}}}
    assert event.object_id == str(session.pk)
