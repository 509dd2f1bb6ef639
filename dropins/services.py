"""Every write about drop-ins: generating sessions, booking, changing and cancelling, the
waiting list, reminders, and forgetting people once their drop-in is long past.

Anything that takes or frees places locks the session row first (SELECT … FOR UPDATE), then
counts, in one transaction: two people can never both get the last place.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, F, Q, Sum, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dropins.models import (
    LONDON,
    MAX_WALK_IN,
    Attendance,
    Booking,
    CheckIn,
    DropInSeries,
    DropInSession,
    RegisterAction,
)
from sanctuary.codes import reference_new, token_new
from sanctuary.models import OutgoingMessage, User
from sanctuary.services import audit_record, message_queue, messages_forget


class BookingError(Exception):
    """A booking cannot be made or changed. The message is for the person booking."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class DuplicateContactError(Exception):
    """This email or phone number already has a live booking for the session.

    The caller must answer exactly as if a booking had been made, so that nobody can find out
    whether someone else is booked (see dropins.views.session_detail).
    """

    def __init__(self, booking: Booking):
        super().__init__(booking.reference)
        self.booking = booking


# Sessions -----------------------------------------------------------------------------------


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
    old = None if created else DropInSeries.objects.select_for_update().get(pk=series.pk)
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
                detail={"fields": sorted(changed)},
            )
        _series_follow(series=series, old=old)
    sessions_generate(series=series)
    return series


def _series_follow(*, series: DropInSeries, old: DropInSeries) -> None:
    future = DropInSession.objects.filter(
        series=series, status=DropInSession.Status.SCHEDULED, starts_at__gt=timezone.now()
    )
    # Nobody booked and nobody checked in (walk-ins come to a session that has started).
    unbooked = future.filter(bookings__isnull=True, check_ins__isnull=True)
    if old.weekday != series.weekday:
        unbooked.exclude(date__week_day=(series.weekday + 1) % 7 + 1).delete()
    if (old.start_time, old.end_time) != (series.start_time, series.end_time):
        for session in unbooked.select_for_update(of=("self",)):
            session.starts_at, session.ends_at = series.times_on(session.date)
            session.save(update_fields=["starts_at", "ends_at"])
    if old.capacity != series.capacity:
        for session in future.filter(capacity=old.capacity):
            session_capacity_set(session_id=session.pk, capacity=series.capacity, actor=None)


def _locked_session(session_id: int) -> DropInSession:
    # Only the session's row: locking its series too would queue every booking of a series
    # behind one row, and deadlock with staff saving the series.
    return (
        DropInSession.objects.select_for_update(of=("self",))
        .select_related("series")
        .get(pk=session_id)
    )


def _people_booked(session: DropInSession) -> int:
    total = session.bookings.filter(status=Booking.Status.CONFIRMED).aggregate(
        people=Sum("adults") + Sum("children")
    )["people"]
    return total or 0


def _places_left(session: DropInSession) -> int:
    return max(session.capacity - _people_booked(session), 0)


def session_is_bookable(session: DropInSession, *, now=None) -> bool:
    """Open for booking: scheduled, not yet started, and within its series' booking window."""
    now = now or timezone.now()
    opens = session.starts_at - timedelta(days=session.series.booking_opens_days)
    return session.status == DropInSession.Status.SCHEDULED and opens <= now < session.starts_at


@transaction.atomic
def session_capacity_set(*, session_id: int, capacity: int, actor: User | None) -> DropInSession:
    """Change how many people one session takes. More places go to the waiting list; fewer
    places never cancel anyone already booked."""
    session = _locked_session(session_id)
    before = session.capacity
    if before == capacity:
        return session
    session.capacity = capacity
    session.full_clean()
    session.save(update_fields=["capacity"])
    audit_record(
        actor=actor,
        action="dropin_session.capacity",
        obj=session,
        detail={"from": before, "to": capacity},
    )
    _waitlist_promote(session)
    return session


@transaction.atomic
def session_cancel(
    *, session_id: int, reason: str, note: str = "", actor: User | None
) -> DropInSession:
    """Cancel a session and tell everyone booked or waiting, each in their own language."""
    session = _locked_session(session_id)
    if session.is_cancelled:
        return session
    if reason not in DropInSession.CancelReason.values:
        raise ValidationError({"cancel_reason": _("Choose a reason.")})
    session.status = DropInSession.Status.CANCELLED
    session.cancel_reason = reason
    session.cancel_note = note
    session.cancelled_at = timezone.now()
    session.cancelled_by = actor
    session.full_clean()
    session.save()
    audit_record(
        actor=actor,
        action="dropin_session.cancel",
        obj=session,
        detail={"reason": reason, "note": note} if note else {"reason": reason},
    )
    live = list(session.bookings.exclude(status=Booking.Status.CANCELLED))
    Booking.objects.filter(pk__in=[booking.pk for booking in live]).update(
        status=Booking.Status.CANCELLED,
        cancelled_at=session.cancelled_at,
        cancelled_by=Booking.CancelledBy.SESSION,
        updated_at=session.cancelled_at,
    )
    for booking in live:
        _tell(booking, "dropin_session_cancelled")
    return session


# Bookings -----------------------------------------------------------------------------------


def _new_reference() -> str:
    while True:
        reference = reference_new(prefix="D")
        if not Booking.objects.filter(reference=reference).exists():
            return reference


def _contact_clash(session: DropInSession, *, email: str, phone: str, exclude_pk=None):
    contact = Q()
    if email:
        contact |= Q(email=email)
    if phone:
        contact |= Q(phone=phone)
    if not contact:
        return None
    return (
        session.bookings.exclude(status=Booking.Status.CANCELLED)
        .exclude(pk=exclude_pk)
        .filter(contact)
        .first()
    )


@transaction.atomic
def booking_create(
    *,
    session_id: int,
    first_name: str,
    adults: int,
    children: int,
    language: str,
    email: str = "",
    phone: str = "",
    interpreter_language: str = "",
    access_needs: str = "",
) -> Booking:
    """Book places, or a place on the waiting list when there are not enough left.

    Raises BookingError when the session cannot be booked, and DuplicateContactError when this
    email or phone already holds a booking for it.
    """
    session = _locked_session(session_id)
    if not session_is_bookable(session):
        raise BookingError(_("Sorry, this drop-in cannot be booked any more."))
    email = email.strip().lower()
    clash = _contact_clash(session, email=email, phone=phone)
    if clash is not None:
        raise DuplicateContactError(clash)
    booking = Booking(
        session=session,
        reference=_new_reference(),
        token=token_new(),
        first_name=first_name.strip(),
        adults=adults,
        children=children,
        email=email,
        phone=phone,
        language=language,
        interpreter_language=interpreter_language,
        access_needs=access_needs.strip(),
    )
    now = timezone.now()
    if _places_left(session) >= booking.people:
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
    else:
        booking.status = Booking.Status.WAITLISTED
    booking.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        # The constraints say the same as the check above; this is the last line of defence.
        clash = _contact_clash(session, email=email, phone=phone)
        if clash is None:
            raise
        raise DuplicateContactError(clash) from None
    _tell(
        booking,
        "dropin_booking_confirmed"
        if booking.status == Booking.Status.CONFIRMED
        else "dropin_booking_waitlisted",
    )
    return booking


def booking_decoy(*, session: DropInSession, adults: int, children: int, **fields) -> Booking:
    """An unsaved booking that looks like a new one, for the answer to a repeated contact."""
    status = (
        Booking.Status.CONFIRMED
        if _places_left(session) >= adults + children
        else Booking.Status.WAITLISTED
    )
    return Booking(
        session=session,
        reference=reference_new(prefix="D"),
        token=token_new(),
        adults=adults,
        children=children,
        status=status,
        **fields,
    )


def booking_duplicate_notify(*, booking: Booking) -> None:
    """Someone tried to book again with this booking's contact: remind its owner of the booking
    they have (at most once a day), rather than tell the person at the form."""
    day = timezone.localdate(timezone=LONDON).isoformat()
    with transaction.atomic():
        _tell(booking, "dropin_booking_again", key=f"{booking.pk}:{day}")


@transaction.atomic
def booking_change(*, booking_id: int, adults: int, children: int) -> Booking:
    """Change how many people are coming. More people need free places; fewer free places for
    the waiting list."""
    booking = Booking.objects.select_related("session").get(pk=booking_id)
    session = _locked_session(booking.session_id)
    booking = Booking.objects.select_for_update().get(pk=booking_id)
    booking.session = session
    if not booking.is_live or not session_is_bookable(session):
        raise BookingError(_("Sorry, this booking cannot be changed any more."))
    if (adults, children) == (booking.adults, booking.children):
        return booking
    more = adults + children - booking.people
    if booking.status == Booking.Status.CONFIRMED and more > 0:
        free = _places_left(session)
        if free < more:
            raise BookingError(
                ngettext(
                    "Sorry, there is only %(count)s more place.",
                    "Sorry, there are only %(count)s more places.",
                    free,
                )
                % {"count": free}
                if free
                else _("Sorry, there are no more places.")
            )
    booking.adults, booking.children = adults, children
    booking.full_clean(validate_unique=False, validate_constraints=False)
    booking.save(update_fields=["adults", "children", "updated_at"])
    _waitlist_promote(session)
    booking.refresh_from_db()
    return booking


@transaction.atomic
def booking_cancel(
    *, booking_id: int, by: str = Booking.CancelledBy.BOOKER, actor: User | None = None
) -> Booking:
    """Cancel a booking; its places go to the waiting list."""
    booking = Booking.objects.select_related("session").get(pk=booking_id)
    session = _locked_session(booking.session_id)
    booking = Booking.objects.select_for_update().get(pk=booking_id)
    booking.session = session
    if not booking.is_live:
        return booking
    if by == Booking.CancelledBy.BOOKER and session.starts_at <= timezone.now():
        # Too late to free the place; and the register keeps who came.
        raise BookingError(_("This drop-in has started, so the booking cannot be cancelled now."))
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
    if actor is not None:
        audit_record(actor=actor, action="booking.cancel", obj=booking)
    _tell(booking, "dropin_booking_cancelled")
    if session.starts_at > timezone.now():
        _waitlist_promote(session)
    return booking


def _waitlist_promote(session: DropInSession) -> list[Booking]:
    """Confirm the earliest waiting bookings that fit in the places left. Call with the session
    row locked."""
    if session.is_cancelled or session.starts_at <= timezone.now():
        return []
    free = _places_left(session)
    promoted = []
    waiting = session.bookings.select_for_update().filter(status=Booking.Status.WAITLISTED)
    for booking in waiting.order_by("created_at", "pk"):
        if free <= 0:
            break
        if booking.people > free:
            continue
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = timezone.now()
        booking.save(update_fields=["status", "confirmed_at", "updated_at"])
        free -= booking.people
        promoted.append(booking)
        _tell(booking, "dropin_booking_promoted")
    return promoted


# Messages -----------------------------------------------------------------------------------


def _tell(booking: Booking, template: str, *, key: str = "") -> list[OutgoingMessage]:
    """Queue `template` to each way this booking can be reached, once per event."""
    messages = []
    for channel, recipient in (
        (OutgoingMessage.Channel.EMAIL, booking.email),
        (OutgoingMessage.Channel.SMS, str(booking.phone) if booking.phone else ""),
    ):
        if not recipient:
            continue
        messages.append(
            message_queue(
                channel=channel,
                recipient=recipient,
                template=template,
                dedupe_key=f"{template}:booking:{booking.pk}:{key or 'once'}:{channel}",
                language=booking.language,
                context={"booking_id": booking.pk},
                subject=booking,
            )
        )
    return messages


@dataclass
class ReminderScan:
    bookings: int
    messages: int


def reminders_queue(*, now=None) -> ReminderScan:
    """Queue the day-before reminder for confirmed bookings whose session is due.

    Run by beat every few minutes. A booking made or confirmed inside the reminder window has
    just had its confirmation and gets no reminder. Overlapping scans skip each other's rows,
    and each reminder's dedupe key means it is queued once, whatever happens.
    """
    now = now or timezone.now()
    lead = timedelta(hours=settings.DROPIN_REMINDER_HOURS_BEFORE)
    bookings = messages = 0
    with transaction.atomic():
        due = (
            Booking.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=Booking.Status.CONFIRMED,
                reminder_queued_at__isnull=True,
                session__status=DropInSession.Status.SCHEDULED,
                session__starts_at__gt=now,
                session__starts_at__lte=now + lead,
                confirmed_at__lte=F("session__starts_at") - lead,
            )
            .exclude(email="", phone="")
            .order_by("pk")[: settings.DROPIN_REMINDER_BATCH]
        )
        for booking in due:
            messages += len(_tell(booking, "dropin_booking_reminder"))
            booking.reminder_queued_at = now
            booking.save(update_fields=["reminder_queued_at", "updated_at"])
            bookings += 1
    return ReminderScan(bookings=bookings, messages=messages)


def bookings_anonymise(*, now=None) -> int:
    """Forget who booked once their session is DROPIN_KEEP_DAYS past: the name, contact and
    access needs go, and the private link stops working. Counts stay, for reports."""
    now = now or timezone.now()
    old = Booking.objects.filter(
        anonymised_at__isnull=True,
        session__ends_at__lt=now - timedelta(days=settings.DROPIN_KEEP_DAYS),
    )
    booking_ids = list(old.values_list("pk", flat=True)[:5000])
    # Their messages forget the address too (they would otherwise keep it OUTBOX_KEEP_DAYS).
    messages_forget(subjects=Booking.objects.filter(pk__in=booking_ids))
    # Walk-ins' names go at the same time; their numbers stay.
    CheckIn.objects.filter(
        booking__isnull=True,
        session__ends_at__lt=now - timedelta(days=settings.DROPIN_KEEP_DAYS),
    ).exclude(first_name="").update(first_name="")
    return Booking.objects.filter(pk__in=booking_ids).update(
        first_name="",
        email="",
        phone="",
        access_needs="",
        # Still unique, and never a working link: far shorter than any token_new().
        token=Concat(Value("gone-"), Cast("pk", CharField())),
        anonymised_at=now,
        updated_at=now,
    )


# Attendance at the door -----------------------------------------------------------------------
#
# Every tap on a tablet (check-in, walk-in, changed numbers, undo) carries an id the tablet made
# up. register_apply locks the session's row, so taps on one session are applied one at a time,
# and answers a tap it has seen before from its RegisterAction row instead of applying it again.
# That is what makes a tap sent twice after a Wi-Fi drop-out harmless, and what lets the first
# of two tablets checking in one family win.

# How far before a session a tablet's clock may say a tap happened; anything earlier is a clock
# that is wrong, and the tap is recorded as happening now.
TAP_EARLIEST_BEFORE_START = timedelta(hours=6)


@dataclass(frozen=True)
class RegisterTap:
    """What a tablet sends for one tap."""

    client_id: uuid.UUID
    kind: str
    booking_id: int | None = None
    # The check-in to undo or change: its id, or the client id of the tap that made it (a
    # tablet that was offline knows only that).
    target: str = ""
    adults: int | None = None
    children: int | None = None
    first_name: str = ""
    happened_at: datetime | None = None


@dataclass(frozen=True)
class TapResult:
    client_id: uuid.UUID
    kind: str
    outcome: str
    check_in: CheckIn | None
    reason: str = ""

    @property
    def applied(self) -> bool:
        return self.outcome == RegisterAction.Outcome.APPLIED


def _tap_time(session: DropInSession, happened_at: datetime | None, now: datetime) -> datetime:
    if happened_at is None or happened_at > now:
        return now
    if happened_at < session.starts_at - TAP_EARLIEST_BEFORE_START:
        return now
    return happened_at


def _tap_target(session: DropInSession, target: str) -> CheckIn | None:
    """The check-in a tap means, by id or by the client id of the tap that created it."""
    target = (target or "").strip()
    if target.isascii() and target.isdigit():
        return session.check_ins.filter(pk=int(target)).first()
    try:
        client_id = uuid.UUID(target)
    except ValueError:
        return None
    action = (
        session.register_actions.filter(
            client_id=client_id,
            outcome=RegisterAction.Outcome.APPLIED,
            kind__in=[RegisterAction.Kind.CHECK_IN, RegisterAction.Kind.WALK_IN],
        )
        .select_related("check_in")
        .first()
    )
    return action.check_in if action else None


def _numbers_ok(adults, children) -> bool:
    return (
        adults is not None
        and children is not None
        and 0 <= adults <= MAX_WALK_IN
        and 0 <= children <= MAX_WALK_IN
        and adults + children > 0
    )


def _tap_result(action: RegisterAction) -> TapResult:
    return TapResult(
        client_id=action.client_id,
        kind=action.kind,
        outcome=action.outcome,
        check_in=action.check_in,
        reason=action.reason,
    )


# The related rows and the id of a tap or a check-in, which register_apply has already loaded
# or looked up.
TAP_ROWS = ["session", "booking", "check_in", "recorded_by", "voided_by", "client_id"]


@transaction.atomic
def register_apply(
    *, session_id: int, tap: RegisterTap, actor: User | None, station: str = "", now=None
) -> TapResult:
    """Apply one tap from a tablet to a session's register, at most once.

    A check-in of a booking that already has a live check-in is not an error: the answer says
    who checked them in and when ("already"), and nothing is written but the tap itself.
    """
    now = now or timezone.now()
    session = _locked_session(session_id)
    seen = (
        RegisterAction.objects.select_related(
            "check_in", "check_in__recorded_by", "check_in__booking"
        )
        .filter(client_id=tap.client_id)
        .first()
    )
    if seen is not None:
        if seen.session_id != session.pk:
            return TapResult(
                client_id=tap.client_id,
                kind=tap.kind,
                outcome=RegisterAction.Outcome.REFUSED,
                check_in=None,
                reason=RegisterAction.Reason.OTHER_SESSION,
            )
        return _tap_result(seen)

    happened_at = _tap_time(session, tap.happened_at, now)
    action = RegisterAction(
        client_id=tap.client_id,
        session=session,
        kind=tap.kind,
        happened_at=happened_at,
        recorded_at=now,
        recorded_by=actor,
        station=station.replace("\x00", "")[:40],
        outcome=RegisterAction.Outcome.APPLIED,
    )
    refusal = ""
    attendance = Attendance.objects.filter(session=session).first()
    if attendance is not None and happened_at > attendance.closed_at:
        refusal = RegisterAction.Reason.CLOSED
    elif session.is_cancelled:
        refusal = RegisterAction.Reason.CANCELLED
    elif tap.kind == RegisterAction.Kind.CHECK_IN:
        refusal = _check_in(action, tap)
    elif tap.kind == RegisterAction.Kind.WALK_IN:
        refusal = _walk_in(action, tap)
    elif tap.kind == RegisterAction.Kind.ADJUST:
        refusal = _adjust(action, tap)
    elif tap.kind == RegisterAction.Kind.UNDO:
        refusal = _undo(action, tap, now=now)
    else:
        raise ValueError(f"Unknown kind of tap: {tap.kind!r}")
    if refusal:
        action.outcome = RegisterAction.Outcome.REFUSED
        action.reason = refusal
    # The rows it points to were loaded under the lock just now, and its id was looked up above:
    # checking the fields is enough (the database still holds every constraint).
    action.full_clean(exclude=TAP_ROWS, validate_unique=False, validate_constraints=False)
    action.save()
    if attendance is not None and not refusal:
        # A tablet that was offline when the register closed sends what happened before: the
        # numbers follow, unless staff have already corrected them by hand.
        _attendance_recount(attendance)
    return _tap_result(action)


def _check_in(action: RegisterAction, tap: RegisterTap) -> str:
    session = action.session
    booking = (
        session.bookings.exclude(status=Booking.Status.CANCELLED).filter(pk=tap.booking_id).first()
    )
    if booking is None:
        return RegisterAction.Reason.NO_BOOKING
    live = (
        CheckIn.objects.select_related("recorded_by", "booking")
        .filter(booking=booking, voided_at__isnull=True)
        .first()
    )
    if live is not None:
        action.outcome = RegisterAction.Outcome.ALREADY
        action.check_in = live
        return ""
    adults = booking.adults if tap.adults is None else tap.adults
    children = booking.children if tap.children is None else tap.children
    if not _numbers_ok(adults, children):
        return RegisterAction.Reason.NUMBERS
    action.check_in = _check_in_create(action, booking=booking, adults=adults, children=children)
    action.detail = {"booking": booking.reference, "adults": adults, "children": children}
    return ""


def _walk_in(action: RegisterAction, tap: RegisterTap) -> str:
    if not _numbers_ok(tap.adults, tap.children):
        return RegisterAction.Reason.NUMBERS
    action.check_in = _check_in_create(
        action,
        booking=None,
        adults=tap.adults,
        children=tap.children,
        first_name=tap.first_name.replace("\x00", "").strip()[:60],
    )
    action.detail = {"adults": tap.adults, "children": tap.children}
    return ""


def _check_in_create(action: RegisterAction, *, booking, adults, children, first_name=""):
    check_in = CheckIn(
        session=action.session,
        booking=booking,
        first_name=first_name,
        adults=adults,
        children=children,
        arrived_at=action.happened_at,
        recorded_at=action.recorded_at,
        recorded_by=action.recorded_by,
        station=action.station,
        client_id=action.client_id,
    )
    # As for the tap: its rows are loaded and locked, its numbers checked, its booking has no
    # live check-in (all under the session lock); the database still holds the constraints.
    check_in.full_clean(exclude=TAP_ROWS, validate_unique=False, validate_constraints=False)
    check_in.save()
    return check_in


def _adjust(action: RegisterAction, tap: RegisterTap) -> str:
    check_in = _tap_target(action.session, tap.target)
    action.check_in = check_in
    if check_in is None or not check_in.is_live:
        return RegisterAction.Reason.GONE
    if not _numbers_ok(tap.adults, tap.children):
        return RegisterAction.Reason.NUMBERS
    action.detail = {
        "from": [check_in.adults, check_in.children],
        "to": [tap.adults, tap.children],
    }
    check_in.adults, check_in.children = tap.adults, tap.children
    check_in.full_clean()
    check_in.save(update_fields=["adults", "children"])
    return ""


def _undo(action: RegisterAction, tap: RegisterTap, *, now) -> str:
    check_in = _tap_target(action.session, tap.target)
    action.check_in = check_in
    if check_in is None:
        return RegisterAction.Reason.NOTHING
    if not check_in.is_live:
        action.outcome = RegisterAction.Outcome.ALREADY
        return ""
    check_in.voided_at = now
    check_in.voided_by = action.recorded_by
    check_in.save(update_fields=["voided_at", "voided_by"])
    return ""


@transaction.atomic
def register_close(*, session_id: int, actor: User | None) -> Attendance:
    """Record the session's numbers and close its register. Closing twice changes nothing."""
    from dropins.selectors import register_totals

    session = _locked_session(session_id)
    existing = Attendance.objects.filter(session=session).first()
    if existing is not None:
        return existing
    attendance = Attendance(session=session, closed_at=timezone.now(), closed_by=actor)
    _attendance_count(attendance, register_totals(session))
    attendance.full_clean()
    attendance.save()
    audit_record(
        actor=actor, action="attendance.close", obj=session, detail=attendance_numbers(attendance)
    )
    return attendance


def _attendance_count(attendance: Attendance, totals) -> None:
    attendance.booked_people = totals.booked_people
    attendance.attended_people = totals.arrived_people
    attendance.no_show_bookings = totals.no_show_bookings
    attendance.walk_in_people = totals.walk_in_people
    attendance.children = totals.children


def _attendance_recount(attendance: Attendance) -> None:
    from dropins.selectors import register_totals

    if attendance.corrected_at is not None:
        return
    _attendance_count(attendance, register_totals(attendance.session))
    attendance.save(update_fields=list(ATTENDANCE_NUMBERS))


ATTENDANCE_NUMBERS = (
    "booked_people",
    "attended_people",
    "no_show_bookings",
    "walk_in_people",
    "children",
)


def attendance_numbers(attendance: Attendance) -> dict[str, int]:
    return {name: getattr(attendance, name) for name in ATTENDANCE_NUMBERS}


@transaction.atomic
def attendance_correct(*, attendance_id: int, actor: User | None, **numbers: int) -> Attendance:
    """Staff correct a closed register's numbers; each change is in the audit trail."""
    attendance = Attendance.objects.select_for_update().get(pk=attendance_id)
    before = attendance_numbers(attendance)
    for name, value in numbers.items():
        if name not in ATTENDANCE_NUMBERS:
            raise TypeError(f"Not an attendance number: {name}")
        setattr(attendance, name, value)
    attendance.full_clean()
    after = attendance_numbers(attendance)
    changes = {
        name: [before[name], after[name]]
        for name in ATTENDANCE_NUMBERS
        if before[name] != after[name]
    }
    if not changes:
        return attendance
    attendance.corrected_at = timezone.now()
    attendance.save()
    audit_record(actor=actor, action="attendance.correct", obj=attendance.session, detail=changes)
    return attendance
