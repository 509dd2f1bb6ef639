"""The register at the door: taps applied once, first check-in wins, undo, walk-ins, closing."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from attendance import selectors, services
from attendance.models import Attendance, CheckIn, RegisterAction
from attendance.services import RegisterTap
from dropins import services as dropin_services
from dropins.models import Booking
from sanctuary.models import AuditEvent
from sanctuary.roles import Role
from tests.dropins.conftest import book
from tests.factories import user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.instants]


@pytest.fixture
def session(door_session):
    return door_session


@pytest.fixture
def volunteer(session):
    return user_with_role(
        Role.VOLUNTEERS, first_name="Vik", venues=[session.series.venue], email="vik@example.org"
    )


def check_in(session, booking, *, by=None, client_id=None, **fields):
    return services.register_apply(
        session_id=session.pk,
        tap=RegisterTap(
            client_id=client_id or uuid.uuid4(),
            kind=RegisterAction.Kind.CHECK_IN,
            booking_id=booking.pk,
            **fields,
        ),
        actor=by,
    )


def tap(session, kind, *, by=None, **fields):
    return services.register_apply(
        session_id=session.pk,
        tap=RegisterTap(client_id=fields.pop("client_id", uuid.uuid4()), kind=kind, **fields),
        actor=by,
    )


def test_one_tap_checks_in_the_whole_party(session, volunteer):
    family = book(session, first_name="Amal", adults=2, children=3)

    result = check_in(session, family, by=volunteer)

    assert result.applied
    live = CheckIn.objects.get(booking=family, voided_at__isnull=True)
    assert (live.adults, live.children, live.recorded_by) == (2, 3, volunteer)
    totals = selectors.register_totals(session)
    assert (totals.arrived_people, totals.on_site, totals.expected_people) == (5, 5, 0)


def test_the_counts_can_be_set_for_who_actually_came(session, volunteer):
    family = book(session, adults=2, children=3)

    check_in(session, family, by=volunteer, adults=2, children=1)
    checked = CheckIn.objects.get(booking=family)
    tap(session, RegisterAction.Kind.ADJUST, target=str(checked.pk), adults=1, children=1)

    checked.refresh_from_db()
    assert (checked.adults, checked.children) == (1, 1)
    assert selectors.register_totals(session).arrived_people == 2


def test_the_same_tap_sent_again_is_applied_once(session, volunteer):
    family = book(session, adults=1, children=1)
    client_id = uuid.uuid4()

    first = check_in(session, family, by=volunteer, client_id=client_id)
    again = check_in(session, family, by=volunteer, client_id=client_id)

    assert first.applied and again.applied
    assert again.check_in.pk == first.check_in.pk
    assert CheckIn.objects.filter(booking=family).count() == 1
    assert RegisterAction.objects.filter(client_id=client_id).count() == 1


def test_a_walk_in_sent_again_is_counted_once(session, volunteer):
    client_id = uuid.uuid4()
    for _ in range(3):
        tap(
            session,
            RegisterAction.Kind.WALK_IN,
            client_id=client_id,
            adults=2,
            children=2,
            first_name="Rami",
        )

    assert CheckIn.objects.filter(session=session, booking=None).count() == 1
    assert selectors.register_totals(session).walk_in_people == 4


def test_an_undo_sent_again_is_answered_as_before_and_applied_once(session, volunteer):
    family = book(session)
    first = check_in(session, family, by=volunteer)
    undo_id = uuid.uuid4()
    undone = tap(
        session, RegisterAction.Kind.UNDO, client_id=undo_id, target=str(first.check_in.pk)
    )

    replay = tap(
        session, RegisterAction.Kind.UNDO, client_id=undo_id, target=str(first.check_in.pk)
    )

    assert undone.applied and replay.applied
    assert RegisterAction.objects.filter(kind=RegisterAction.Kind.UNDO).count() == 1


def test_a_tap_id_sent_again_as_another_kind_is_answered_as_the_first(session):
    client_id = uuid.uuid4()
    tap(session, RegisterAction.Kind.WALK_IN, client_id=client_id, adults=1, children=0)

    replay = check_in(session, book(session), client_id=client_id)

    assert replay.kind == RegisterAction.Kind.WALK_IN
    assert replay.check_in.booking is None
    assert CheckIn.objects.count() == 1


def test_a_second_tablet_is_told_who_checked_the_family_in_and_when(session, volunteer, client):
    family = book(session, first_name="Amal")
    other = user_with_role(Role.VOLUNTEERS, first_name="Noor", venues=[session.series.venue])
    at = timezone.now() - timedelta(minutes=3)
    check_in(session, family, by=volunteer, happened_at=at)

    second = check_in(session, family, by=other)

    assert second.outcome == RegisterAction.Outcome.ALREADY
    assert second.check_in.recorded_by == volunteer
    assert CheckIn.objects.filter(booking=family).count() == 1
    from attendance.views import tap_message

    message = tap_message(second, RegisterTap(client_id=uuid.uuid4(), kind="check_in"))
    local = timezone.localtime(at).strftime("%H:%M")
    assert message == f"\u2068Amal\u2069: already checked in at {local} by \u2068Vik\u2069."


def test_undo_voids_the_check_in_and_keeps_it(session, volunteer):
    family = book(session, adults=3)
    result = check_in(session, family, by=volunteer)

    undone = tap(session, RegisterAction.Kind.UNDO, by=volunteer, target=str(result.check_in.pk))

    assert undone.applied
    kept = CheckIn.objects.get(pk=result.check_in.pk)
    assert kept.voided_at is not None and kept.voided_by == volunteer
    totals = selectors.register_totals(session)
    assert (totals.arrived_people, totals.expected_people) == (0, 3)
    # The family can be checked in again.
    assert check_in(session, family, by=volunteer).applied


def test_undo_by_the_id_of_a_tap_made_offline(session, volunteer):
    family = book(session)
    offline_id = uuid.uuid4()
    check_in(session, family, client_id=offline_id)

    assert tap(session, RegisterAction.Kind.UNDO, target=str(offline_id)).applied
    assert not CheckIn.objects.filter(booking=family, voided_at__isnull=True).exists()


def test_undoing_a_tap_that_lost_to_another_tablet_undoes_nothing(session, volunteer):
    family = book(session)
    check_in(session, family)
    losing_id = uuid.uuid4()
    check_in(session, family, client_id=losing_id)

    result = tap(session, RegisterAction.Kind.UNDO, target=str(losing_id))

    assert result.outcome == RegisterAction.Outcome.REFUSED
    assert result.reason == RegisterAction.Reason.NOTHING
    assert CheckIn.objects.filter(booking=family, voided_at__isnull=True).count() == 1


def test_walk_ins_over_capacity_are_recorded_and_the_register_warns(session, volunteer):
    dropin_services.session_capacity_set(session_id=session.pk, capacity=10, actor=None)
    book(session, adults=2, children=4)  # 6 places booked, 4 left
    session.refresh_from_db()

    result = tap(session, RegisterAction.Kind.WALK_IN, by=volunteer, adults=3, children=4)

    assert result.applied
    totals = selectors.register_totals(session)
    assert totals.walk_in_people == 7
    assert totals.places_left == -3
    assert totals.over_by == 3


@pytest.mark.parametrize(
    ("adults", "children"), [(0, 0), (31, 0), (0, 31), (None, 1), (-1, 2)], ids=str
)
def test_impossible_walk_in_numbers_are_refused(session, adults, children):
    result = tap(session, RegisterAction.Kind.WALK_IN, adults=adults, children=children)

    assert result.outcome == RegisterAction.Outcome.REFUSED
    assert result.reason == RegisterAction.Reason.NUMBERS
    assert not CheckIn.objects.exists()


def test_a_booking_of_another_session_or_cancelled_is_not_on_the_register(session, series):
    later = series.sessions.order_by("starts_at")[1]
    elsewhere = book(later)
    cancelled = book(session, email="c@example.org")
    dropin_services.booking_cancel(booking_id=cancelled.pk, by=Booking.CancelledBy.BOOKER)

    for booking in (elsewhere, cancelled):
        result = check_in(session, booking)
        assert result.reason == RegisterAction.Reason.NO_BOOKING
    assert not CheckIn.objects.exists()


def test_a_tap_id_from_another_session_is_refused(session, series):
    later = series.sessions.order_by("starts_at")[1]
    client_id = uuid.uuid4()
    check_in(session, book(session), client_id=client_id)

    result = check_in(later, book(later, first_name="Other"), client_id=client_id)

    assert result.reason == RegisterAction.Reason.OTHER_SESSION
    assert CheckIn.objects.count() == 1


def test_a_queued_check_in_keeps_the_time_it_happened(session):
    at = timezone.now() - timedelta(minutes=7)
    result = check_in(session, book(session), happened_at=at)

    assert result.check_in.arrived_at == at
    assert result.check_in.recorded_at > at


def test_a_tap_time_from_a_wrong_clock_is_taken_as_now(session):
    result = check_in(session, book(session), happened_at=timezone.now() + timedelta(days=1))

    assert abs(result.check_in.arrived_at - timezone.now()) < timedelta(minutes=1)


def test_closing_records_the_numbers_on_the_session(session, volunteer):
    amal = book(session, first_name="Amal", adults=2, children=2)
    book(session, first_name="Bashir", adults=1)  # does not come
    check_in(session, amal, by=volunteer, adults=2, children=1)
    tap(session, RegisterAction.Kind.WALK_IN, adults=1, children=2)

    attendance = services.register_close(session_id=session.pk, actor=volunteer)

    assert services.attendance_numbers(attendance) == {
        "booked_people": 5,
        "attended_people": 3,
        "no_show_bookings": 1,
        "walk_in_people": 3,
        "children": 3,
    }
    assert attendance.closed_by == volunteer
    assert AuditEvent.objects.filter(action="attendance.close", object_id=str(session.pk)).exists()
    # Closing again changes nothing, and nothing more can be tapped.
    assert services.register_close(session_id=session.pk, actor=None).pk == attendance.pk
    late = tap(session, RegisterAction.Kind.WALK_IN, adults=1, children=0)
    assert late.reason == RegisterAction.Reason.CLOSED
    assert Attendance.objects.count() == 1


def test_a_tap_made_offline_before_closing_still_counts(session, volunteer):
    family = book(session, adults=2)
    before = timezone.now() - timedelta(minutes=5)
    services.register_close(session_id=session.pk, actor=volunteer)

    result = check_in(session, family, by=volunteer, happened_at=before)

    assert result.applied
    assert Attendance.objects.get(session=session).attended_people == 2


def test_a_late_tap_leaves_numbers_staff_corrected_alone(session, volunteer):
    family = book(session, adults=2)
    before = timezone.now() - timedelta(minutes=5)
    attendance = services.register_close(session_id=session.pk, actor=volunteer)
    services.attendance_correct(attendance_id=attendance.pk, actor=None, attended_people=7)

    check_in(session, family, by=volunteer, happened_at=before)

    assert Attendance.objects.get(session=session).attended_people == 7


def test_staff_corrections_are_in_the_audit_trail(session):
    staff = user_with_role(Role.PROGRAMME_STAFF)
    attendance = services.register_close(session_id=session.pk, actor=None)

    services.attendance_correct(attendance_id=attendance.pk, actor=staff, walk_in_people=4)

    attendance.refresh_from_db()
    assert attendance.walk_in_people == 4 and attendance.corrected_at is not None
    event = AuditEvent.objects.get(action="attendance.correct")
    assert event.actor == staff
    assert event.detail == {"changes": {"walk_in_people": {"old": 0, "new": 4}}}


def test_a_cancelled_session_takes_no_check_ins(session):
    booking = book(session)
    dropin_services.session_cancel(
        session_id=session.pk, reason=session.CancelReason.WEATHER, note="", actor=None
    )

    result = tap(session, RegisterAction.Kind.WALK_IN, adults=1, children=0)

    assert result.reason == RegisterAction.Reason.CANCELLED
    assert check_in(session, booking).reason == RegisterAction.Reason.CANCELLED


def test_anonymising_forgets_walk_ins_names_and_keeps_their_numbers(session, settings):
    tap(session, RegisterAction.Kind.WALK_IN, adults=2, children=1, first_name="Rami")
    later = session.ends_at + timedelta(days=settings.DROPIN_KEEP_DAYS + 1)

    services.walk_ins_anonymise(now=later)

    walk_in = CheckIn.objects.get()
    assert (walk_in.first_name, walk_in.people) == ("", 3)


@pytest.mark.parametrize("started", [False, True], ids=["still-to-come", "under-way"])
def test_the_demo_has_a_family_drop_in_today_with_families_in(db, started):
    """Whatever the time of day the demo is loaded, today's family drop-in is booked through
    the booking service (even once it has started) and keeps its own times."""
    import io
    from datetime import time

    from django.core.management import call_command

    from dropins.models import LONDON, DropInSeries, DropInSession
    from venues.models import Venue

    if started:
        # The family drop-in began at midnight: booking it has closed.
        venue = Venue.objects.create(slug="stage-two", name="Stage Two")
        dropin_services.series_save(
            series=DropInSeries(
                venue=venue,
                title_en="Family drop-in",
                weekday=timezone.localdate(timezone=LONDON).weekday(),
                start_time=time(0, 0),
                end_time=time(23, 59),
                capacity=40,
            ),
            actor=None,
        )
    call_command("demo_data", stdout=io.StringIO())

    session = DropInSession.objects.get(
        series__title_en="Family drop-in", date=timezone.localdate(timezone=LONDON)
    )
    assert session.bookings.filter(status="confirmed").count() == 14
    assert session.starts_at == session.series.times_on(session.date)[0]
    check_ins = CheckIn.objects.filter(session=session, voided_at=None)
    assert check_ins.filter(booking__isnull=False).count() == 3
    assert check_ins.filter(booking=None).count() == 1
