"""Drop-in series and their sessions: generating the dated sessions, saving a series as staff
edit it, the places of one session, and cancelling a session.

Anything that takes or frees places locks the session row first (SELECT … FOR UPDATE), then
counts, in one transaction: two people can never both get the last place.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dropins import rules
from dropins.messages import booking_messages
from dropins.models import LONDON, Booking, DropInSeries, DropInSession
from dropins.services.waitlist import waitlist_promote
from sanctuary.audit import values
from sanctuary.locks import lock_row, lock_rows
from sanctuary.models import User
from sanctuary.services import audit_record, messages_queue

# What the audit trail keeps of a series staff change, each field's old and new value (its
# words in every language among them; nothing personal).
SERIES_AUDITED = [
    field.name
    for field in DropInSeries._meta.concrete_fields
    if field.name not in {"id", "created_at"}
]


def _session_dates(series: DropInSeries, *, start: date, end: date) -> list[date]:
    first = start + timedelta(days=(series.weekday - start.weekday()) % 7)
    dates = []
    while first <= end:
        dates.append(first)
        first += timedelta(days=7)
    return dates


def sessions_generate(*, series: DropInSeries | None = None, today: date | None = None) -> int:
    """Make the sessions of active series up to DROPIN_GENERATE_DAYS ahead, one per date.

    Safe to run at any time and as often as you like, also at the same time as another run:
    the unique (series, date) constraint keeps each date once. Returns how many were made.
    """
    today = today or timezone.localdate(timezone=LONDON)
    end = today + timedelta(days=settings.DROPIN_GENERATE_DAYS)
    all_series = [series] if series is not None else DropInSeries.objects.filter(is_active=True)
    sessions = []
    for one in all_series:
        if not one.is_active:
            continue
        for day in _session_dates(one, start=today, end=end):
            starts_at, ends_at = one.times_on(day)
            sessions.append(
                DropInSession(
                    series=one,
                    date=day,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    capacity=one.capacity,
                )
            )
    before = DropInSession.objects.count()
    DropInSession.objects.bulk_create(sessions, ignore_conflicts=True)
    return DropInSession.objects.count() - before


@transaction.atomic
def series_save(
    *, series: DropInSeries, actor: User | None, changed: Iterable[str] = ()
) -> DropInSeries:
    """Save a series as staff edit it, and bring its future sessions in line.

    Future sessions that nobody has booked follow a new day or time (and disappear from a day
    the series no longer meets on); sessions with bookings keep their date and time, which
    people were told, so staff decide about them. A new number of places applies to future
    sessions; places freed go to the waiting list.
    """
    created = series.pk is None
    old = None if created else lock_row(DropInSeries, series.pk)
    series.full_clean()
    series.save()
    if created:
        audit_record(actor=actor, action="dropin_series.create", obj=series)
    else:
        if changed:
            audit_record(
                actor=actor,
                action="dropin_series.update",
                obj=series,
                before=values(old, SERIES_AUDITED),
                after=values(series, SERIES_AUDITED),
            )
        _series_follow(series=series, old=old)
    sessions_generate(series=series)
    return series


def _series_follow(*, series: DropInSeries, old: DropInSeries) -> None:
    future = DropInSession.objects.filter(rules.still_to_come_q(timezone.now()), series=series)
    unbooked = future.filter(bookings__isnull=True)
    if old.weekday != series.weekday:
        for session in unbooked.exclude(date__week_day=(series.weekday + 1) % 7 + 1):
            try:
                with transaction.atomic():
                    session.delete()
            except ProtectedError:
                # Something else holds on to it (its register was opened early): staff decide.
                pass
    if (old.start_time, old.end_time) != (series.start_time, series.end_time):
        for session in lock_rows(DropInSession, unbooked.values_list("pk", flat=True)).values():
            session.starts_at, session.ends_at = series.times_on(session.date)
            session.save(update_fields=["starts_at", "ends_at"])
    if old.capacity != series.capacity:
        for session in future.filter(capacity=old.capacity):
            session_capacity_set(session_id=session.pk, capacity=series.capacity, actor=None)


def session_lock(session_id: int) -> DropInSession:
    # Only the session's row: locking its series too would queue every booking of a series
    # behind one row, and deadlock with staff saving the series.
    return lock_row(DropInSession.objects.select_related("series"), session_id)


def waitlists_fill(*, now=None) -> int:
    """Give out the places kept empty for a waiting family once its session's waiting list stops
    going strictly in order (DROPIN_WAITLIST_STRICT_HOURS before the start): whoever fits then
    goes in, earliest first. Run by beat every few minutes; each session under its own lock, in
    its own transaction. Returns how many bookings were confirmed."""
    now = now or timezone.now()
    due = (
        DropInSession.objects.filter(rules.still_to_come_q(now), waiting_bookings__gt=0)
        .exclude(rules.waitlist_in_order_q(now))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    confirmed = 0
    for session_id in due:
        with transaction.atomic():
            confirmed += len(waitlist_promote(session_lock(session_id)))
    return confirmed


@transaction.atomic
def session_capacity_set(*, session_id: int, capacity: int, actor: User | None) -> DropInSession:
    """Change how many people one session takes. More places go to the waiting list; fewer
    places never cancel anyone already booked."""
    session = session_lock(session_id)
    if session.capacity == capacity:
        return session
    before = values(session, ["capacity"])
    session.capacity = capacity
    session.full_clean()
    session.save(update_fields=["capacity"])
    audit_record(
        actor=actor,
        action="dropin_session.capacity",
        obj=session,
        before=before,
        after=values(session, ["capacity"]),
    )
    waitlist_promote(session)
    return session


@transaction.atomic
def session_cancel(
    *, session_id: int, reason: str, note: str = "", actor: User | None
) -> DropInSession:
    """Cancel a session and tell everyone booked or waiting, each in their own language."""
    session = session_lock(session_id)
    if session.is_cancelled:
        return session
    if not rules.may_cancel_session(session, timezone.now()):
        raise ValidationError(_("This drop-in has started, so it cannot be cancelled."))
    if reason not in DropInSession.CancelReason.values:
        raise ValidationError({"cancel_reason": _("Choose a reason.")})
    session.status = DropInSession.Status.CANCELLED
    session.cancel_reason = reason
    session.cancel_note = note
    session.cancelled_at = timezone.now()
    session.cancelled_by = actor
    # Everyone booked or waiting is cancelled below.
    session.booked_people = session.waiting_bookings = 0
    session.full_clean()
    session.save()
    audit_record(
        actor=actor,
        action="dropin_session.cancel",
        obj=session,
        detail={"reason": reason, "note": note} if note else {"reason": reason},
    )
    live = list(session.bookings.filter(rules.live_q()).select_related("booked_by"))
    Booking.objects.filter(pk__in=[booking.pk for booking in live]).update(
        status=Booking.Status.CANCELLED,
        cancelled_at=session.cancelled_at,
        cancelled_by=Booking.CancelledBy.SESSION,
        updated_at=session.cancelled_at,
    )
    messages_queue(
        [
            message
            for booking in live
            for message in booking_messages(booking, "dropin_session_cancelled")
        ]
    )
    return session
