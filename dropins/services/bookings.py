"""Bookings: making one (or a place on the waiting list), changing how many are coming, and
cancelling. Each asks the waiting list's rule (dropins.rules.may_take_places) before it takes
places, under the session's lock.

A contact (email or mobile number) may hold several bookings for one session: a booking made
with a contact that already has one is a booking like any other, so nothing the person at the
form sees tells whether that contact has booked. The contact's owner hears of it in the new
booking's own confirmation (dropins.messages), and staff see it flagged in the admin.
"""

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from dropins import rules
from dropins.messages import booking_message_queue
from dropins.models import Booking, DropInSession
from dropins.services.sessions import session_lock
from dropins.services.waitlist import waitlist_promote
from partners.models import PartnerOrganisation
from sanctuary.codes import reference_new, token_new
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.services import audit_record


class BookingError(Exception):
    """A booking cannot be made or changed. The message is for the person booking."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _new_reference() -> str:
    while True:
        reference = reference_new(prefix="D")
        if not Booking.objects.filter(reference=reference).exists():
            return reference


def _someone_waits(session: DropInSession) -> bool:
    return session.bookings.filter(rules.waits_for_places_q(capacity=session.capacity)).exists()


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
    """
    if partner_organisation is not None and not client_consent:
        raise BookingError(_("Tick the box to say the client agreed that we may book for them."))
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
    booking = Booking(
        session=session,
        reference=_new_reference(),
        token=token_new(),
        first_name=first_name.strip(),
        adults=adults,
        children=children,
        email=email.strip().lower(),
        phone=phone,
        language=language,
        interpreter_language=interpreter_language,
        access_needs=access_needs.strip(),
        submission_key=submission_key,
        partner_organisation=partner_organisation,
        booked_by=booked_by if partner_organisation is not None else None,
    )
    now = timezone.now()
    if partner_organisation is not None:
        booking.consent_recorded_at = booking.created_at
    # Whoever the waiting list lets in now comes before a newcomer (the list may have stopped
    # going strictly in order since the last change).
    waitlist_promote(session)
    if rules.may_take_places(
        session,
        now,
        people=booking.people,
        free=rules.places_left(session.capacity, rules.people_booked(session)),
        passes_someone=_someone_waits(session),
    ):
        booking.status = Booking.Status.CONFIRMED
        booking.confirmed_at = now
    else:
        booking.status = Booking.Status.WAITLISTED
    # Its session is loaded and locked; the database checks the constraints.
    booking.full_clean(exclude=["session"], validate_unique=False, validate_constraints=False)
    booking.save()
    if partner_organisation is not None:
        audit_record(
            actor=booked_by,
            action="booking.create_for_client",
            obj=booking,
            detail={"organisation": partner_organisation.pk},
        )
    booking_message_queue(
        booking,
        "dropin_booking_confirmed" if rules.holds_places(booking) else "dropin_booking_waitlisted",
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
    waitlist_promote(session)
    booking.refresh_from_db()
    return booking


def _grow_or_refuse(session: DropInSession, *, more: int) -> None:
    """A confirmed booking may take `more` places only as a newcomer could: places the waiting
    list is owed are not free for it."""
    waitlist_promote(session)
    free = rules.places_left(session.capacity, rules.people_booked(session))
    if rules.may_take_places(
        session, timezone.now(), people=more, free=free, passes_someone=_someone_waits(session)
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
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "updated_at"])
    if actor is not None:
        audit_record(actor=actor, action="booking.cancel", obj=booking)
    booking_message_queue(booking, "dropin_booking_cancelled")
    waitlist_promote(session)
    return booking
