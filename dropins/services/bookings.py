"""Bookings: making one (or a place on the waiting list), changing how many are coming, and
cancelling. Each asks the waiting list's rule (dropins.rules.may_take_places) before it takes
places, under the session's lock.

A contact (email or mobile number) may hold several bookings for one session: a booking made
with a contact that already has one is a booking like any other, so nothing the person at the
form sees tells whether that contact has booked. The contact's owner hears of it in the new
booking's own confirmation (dropins.messages), and staff see it flagged in the admin.
"""

import uuid

from django.db import IntegrityError, connection, transaction
from django.db.models import BigIntegerField, Func, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dropins import rules
from dropins.messages import booking_messages
from dropins.models import Booking, DropInSeries, DropInSession
from dropins.services.sessions import session_lock
from dropins.services.waitlist import session_counts_add, waitlist_promote, waitlist_settle
from partners.models import PartnerOrganisation
from sanctuary.codes import reference_from_number, reference_new, token_new
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.prepared import PreparedQuery
from sanctuary.services import audit_record, messages_queue

# New references come from this sequence (made by migration 0009), one number per booking.
REFERENCE_SEQUENCE = "dropins_booking_reference"
# How many times a booking is made again after it clashed on a unique value: the same form sent
# twice at once, or (once in hundreds of millions) a reference made at random before references
# came from the sequence.
CLASH_TRIES = 3


class BookingError(Exception):
    """A booking cannot be made or changed. The message is for the person booking."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _locked_with_reference(pk: int):
    """The session's row, locked, with the next reference's number from the sequence."""
    number = Func(Value(REFERENCE_SEQUENCE), function="nextval", output_field=BigIntegerField())
    return (
        DropInSession.objects.filter(pk=pk)
        .select_for_update(of=("self",))
        .annotate(reference_number=number)
        .values_list(*_SESSION_FIELDS, "series__booking_opens_days", "reference_number")
    )


_SESSION_FIELDS = tuple(field.attname for field in DropInSession._meta.concrete_fields)
# The one row a booking locks, with the new reference's number: a statement compiled once per
# session in each process (sanctuary.prepared), as the lock is the only thing bookings of one
# session wait for.
_LOCKED = PreparedQuery(_locked_with_reference)


def _session_lock_for_booking(session_id: int) -> tuple[DropInSession, str]:
    """Lock the session's row and take the new booking's reference, in one query. The session
    comes with the one thing of its series the booking rules read (its booking window). Where
    the database has no sequences (the embedded default: one writer at a time), the reference
    is made at random."""
    if connection.vendor != "postgresql":
        return session_lock(session_id), reference_new(prefix="D")
    rows = _LOCKED.rows(session_id)
    if not rows:
        raise DropInSession.DoesNotExist(f"No session with pk {session_id!r}.")
    *values, opens_days, number = rows[0]
    session = DropInSession.from_db(connection.alias, _SESSION_FIELDS, values)
    session.series = DropInSeries.from_db(
        connection.alias, ["id", "booking_opens_days"], [session.series_id, opens_days]
    )
    return session, reference_from_number(number, prefix="D")


def _clashed_on(error: IntegrityError) -> str:
    """Which unique value a failed INSERT of a booking clashed on, if one we make again."""
    text = str(error)
    for name in ("submission_key", "reference"):
        if name in text:
            return name
    return ""


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
    submission_key: uuid.UUID | None = None,
    partner_organisation: PartnerOrganisation | None = None,
    booked_by: User | None = None,
    client_consent: bool = False,
) -> Booking:
    """Book places, or a place on the waiting list when there are not enough left.

    A form sent again with the same `submission_key` gets the booking the first one made: no
    second booking, no second message. Raises BookingError when the session cannot be booked.

    A partner worker booking on a client's behalf passes their organisation and themselves
    (`partner_organisation`, `booked_by`) and `client_consent`: the client agreed that we may
    book for them and keep these details. Without it nothing is booked; with it, its time is
    recorded and the booking audited.

    All of it happens in one transaction, under the session's row lock, in a fixed number of
    queries however many are booked: the session keeps its count of people booked, the
    reference comes with the lock, and the messages are written in one statement.
    """
    if partner_organisation is not None and not client_consent:
        raise BookingError(_("Tick the box to say the client agreed that we may book for them."))
    fields = {
        "first_name": first_name.strip(),
        "adults": adults,
        "children": children,
        "email": email.strip().lower(),
        "phone": phone,
        "language": language,
        "interpreter_language": interpreter_language,
        "access_needs": access_needs.strip(),
        "partner_organisation": partner_organisation,
        "booked_by": booked_by if partner_organisation is not None else None,
    }
    # Checked before the lock, which is then held only for what needs it.
    Booking(**fields).full_clean(
        exclude=["session", "reference", "token", "status"],
        validate_unique=False,
        validate_constraints=False,
    )
    for attempt in range(CLASH_TRIES):
        try:
            with transaction.atomic():
                return _booking_make(
                    session_id=session_id,
                    submission_key=submission_key,
                    # A form sent twice at once clashes on its key: the second time round, the
                    # first one's booking is found under the lock instead.
                    find_repeat=attempt > 0,
                    fields=fields,
                )
        except IntegrityError as error:
            if attempt == CLASH_TRIES - 1 or not _clashed_on(error):
                raise
    raise AssertionError("unreachable")


def _booking_make(
    *, session_id: int, submission_key: uuid.UUID | None, find_repeat: bool, fields: dict
) -> Booking:
    session, reference = _session_lock_for_booking(session_id)
    if submission_key is not None and find_repeat:
        first = Booking.objects.filter(submission_key=submission_key).first()
        if first is not None and first.session_id == session.pk:
            return first
        if first is not None:
            submission_key = None  # a key made for another session's form: not this one's
    now = timezone.now()
    if not rules.is_bookable(session, now):
        raise BookingError(_("Sorry, this drop-in cannot be booked any more."))
    booking = Booking(
        session=session,
        reference=reference,
        token=token_new(),
        submission_key=submission_key,
        **fields,
    )
    if booking.partner_organisation is not None:
        booking.consent_recorded_at = booking.created_at
    # Whoever the waiting list lets in now comes before a newcomer (the list may have stopped
    # going strictly in order since the last change).
    _promoted, waiting = waitlist_settle(session)
    if rules.may_take_places(
        session,
        now,
        people=booking.people,
        free=rules.places_left(session.capacity, session.booked_people),
        passes_someone=any(rules.waits_for_places(other, session) for other in waiting),
    ):
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
    else:
        booking.status = Booking.Status.WAITLISTED
    # Its fields were checked before the lock; the database checks the constraints.
    booking.save(force_insert=True)
    if rules.holds_places(booking):
        session_counts_add(session, booked=booking.people)
    else:
        session_counts_add(session, waiting=1)
    if booking.partner_organisation is not None:
        audit_record(
            actor=booking.booked_by,
            action="booking.create_for_client",
            obj=booking,
            detail={"organisation": booking.partner_organisation.pk},
        )
    messages_queue(
        booking_messages(
            booking,
            "dropin_booking_confirmed"
            if rules.holds_places(booking)
            else "dropin_booking_waitlisted",
        )
    )
    return booking


@transaction.atomic
def booking_change(*, booking_id: int, adults: int, children: int) -> Booking:
    """Change how many people are coming. More people need places the waiting list's rule lets
    them take, as a newcomer would; fewer free places for the waiting list."""
    booking = Booking.objects.select_related("session").get(pk=booking_id)
    session = session_lock(booking.session_id)
    booking = lock_row(Booking, booking_id)
    booking.session = session
    if not rules.may_change_booking(booking, timezone.now()):
        raise BookingError(_("Sorry, this booking cannot be changed any more."))
    if (adults, children) == (booking.adults, booking.children):
        return booking
    more = rules.people_of(adults=adults, children=children) - booking.people
    if rules.holds_places(booking) and more > 0:
        _grow_or_refuse(session, more=more)
    booking.adults, booking.children = adults, children
    booking.full_clean(validate_unique=False, validate_constraints=False)
    booking.save(update_fields=["adults", "children", "updated_at"])
    if rules.holds_places(booking):
        session_counts_add(session, booked=more)
    waitlist_promote(session)
    booking.refresh_from_db()
    return booking


def _grow_or_refuse(session: DropInSession, *, more: int) -> None:
    """A confirmed booking may take `more` places only as a newcomer could: places the waiting
    list is owed are not free for it."""
    _promoted, waiting = waitlist_settle(session)
    free = rules.places_left(session.capacity, session.booked_people)
    passes_someone = any(rules.waits_for_places(other, session) for other in waiting)
    if rules.may_take_places(
        session, timezone.now(), people=more, free=free, passes_someone=passes_someone
    ):
        return
    if free >= more:
        raise BookingError(
            _("Sorry, the places left are kept for people on the waiting list, who asked first.")
        )
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


@transaction.atomic
def booking_cancel(
    *, booking_id: int, by: str = Booking.CancelledBy.BOOKER, actor: User | None = None
) -> Booking:
    """Cancel a booking; its places go to the waiting list."""
    booking = Booking.objects.select_related("session").get(pk=booking_id)
    session = session_lock(booking.session_id)
    booking = lock_row(Booking, booking_id)
    booking.session = session
    if not rules.is_live(booking):
        return booking
    if by == Booking.CancelledBy.BOOKER and not rules.may_booker_cancel(booking, timezone.now()):
        raise BookingError(_("This drop-in has started, so the booking cannot be cancelled now."))
    held = rules.holds_places(booking)
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
    if held:
        session_counts_add(session, booked=-booking.people)
    else:
        session_counts_add(session, waiting=-1)
    if actor is not None:
        audit_record(actor=actor, action="booking.cancel", obj=booking)
    messages_queue(booking_messages(booking, "dropin_booking_cancelled"))
    waitlist_promote(session)
    return booking
