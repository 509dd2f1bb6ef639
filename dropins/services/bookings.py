"""Bookings: making one (or a place on the waiting list), changing how many are coming, and
cancelling; and the answer to someone booking again with a contact that already has a booking.
"""

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dropins import rules
from dropins.messages import booking_message_queue
from dropins.models import LONDON, Booking, DropInSession
from dropins.services.sessions import session_lock
from dropins.services.waitlist import waitlist_promote
from sanctuary.codes import reference_new, token_new
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record


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
    return session.bookings.filter(rules.live_q()).exclude(pk=exclude_pk).filter(contact).first()


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
    submission_key: uuid.UUID | None = None,
) -> Booking:
    """Book places, or a place on the waiting list when there are not enough left.

    A form sent again with the same `submission_key` gets the booking the first one made: no
    second booking, no second message. Raises BookingError when the session cannot be booked,
    and DuplicateContactError when this email or phone already holds a booking for it.
    """
    session = session_lock(session_id)
    if submission_key is not None:
        # Under the session's lock: a repeat sent at the same moment waits for the first.
        first = Booking.objects.filter(submission_key=submission_key).first()
        if first is not None and first.session_id == session.pk:
            return first
        if first is not None:
            submission_key = None  # a key made for another session's form: not this one's
    if not rules.is_bookable(session, timezone.now()):
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
        submission_key=submission_key,
    )
    now = timezone.now()
    if rules.places_left(session.capacity, rules.people_booked(session)) >= booking.people:
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
    else:
        booking.status = Booking.Status.WAITLISTED
    # Its session is loaded and locked; the constraints are checked above and by the database.
    booking.full_clean(exclude=["session"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        # The constraints say the same as the check above; this is the last line of defence.
        clash = _contact_clash(session, email=email, phone=phone)
        if clash is None:
            raise
        raise DuplicateContactError(clash) from None
    booking_message_queue(
        booking,
        "dropin_booking_confirmed" if rules.holds_places(booking) else "dropin_booking_waitlisted",
    )
    return booking


def booking_decoy(*, session: DropInSession, adults: int, children: int, **fields) -> Booking:
    """An unsaved booking that looks like a new one, for the answer to a repeated contact."""
    status = (
        Booking.Status.CONFIRMED
        if rules.places_left(session.capacity, rules.people_booked(session))
        >= rules.people_of(adults=adults, children=children)
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
        booking_message_queue(booking, "dropin_booking_again", key=f"{booking.pk}:{day}")


@transaction.atomic
def booking_change(*, booking_id: int, adults: int, children: int) -> Booking:
    """Change how many people are coming. More people need free places; fewer free places for
    the waiting list."""
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
        free = rules.places_left(session.capacity, rules.people_booked(session))
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
    waitlist_promote(session)
    booking.refresh_from_db()
    return booking


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
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
    if actor is not None:
        audit_record(actor=actor, action="booking.cancel", obj=booking)
    booking_message_queue(booking, "dropin_booking_cancelled")
    waitlist_promote(session)
    return booking
