"""Every write about drop-ins: generating sessions, booking, changing and cancelling, the
waiting list, reminders, and forgetting people once their drop-in is long past.

Anything that takes or frees places locks the session row first (SELECT … FOR UPDATE), then
counts, in one transaction: two people can never both get the last place.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CharField, F, ProtectedError, Q, Sum, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dropins.models import LONDON, Booking, DropInSeries, DropInSession
from sanctuary.codes import reference_new, token_new
from sanctuary.models import OutgoingMessage, User
from sanctuary.services import audit_record, message_queue


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
        for session in unbooked.select_for_update(of=("self",)):
            session.starts_at, session.ends_at = series.times_on(session.date)
            session.save(update_fields=["starts_at", "ends_at"])
    if old.capacity != series.capacity:
        for session in future.filter(capacity=old.capacity):
            session_capacity_set(session_id=session.pk, capacity=series.capacity, actor=None)


def session_lock(session_id: int) -> DropInSession:
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
    session = session_lock(session_id)
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
    session = session_lock(session_id)
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
    session = session_lock(session_id)
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
    session = session_lock(booking.session_id)
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
    session = session_lock(booking.session_id)
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
    messages = OutgoingMessage.objects.filter(
        template__startswith="dropin_", context__booking_id__in=booking_ids
    )
    messages.filter(status=OutgoingMessage.Status.PENDING).update(
        status=OutgoingMessage.Status.NOT_NEEDED, updated_at=now
    )
    messages.update(recipient="", context={}, last_error="", updated_at=now)
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
