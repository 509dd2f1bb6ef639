"""Demo register for `make run`: at today's family drop-in at Stage Two (see dropins/demo.py),
three families are checked in already, and one walk-in."""

import uuid

from django.db import transaction

from attendance import services
from attendance.models import CheckIn, RegisterAction
from dropins.demo import family_session_today
from sanctuary.models import User


@transaction.atomic
def demo_load() -> None:
    session = family_session_today()
    if session is None or CheckIn.objects.filter(session=session).exists():
        return
    volunteer = User.objects.filter(email="volunteer@example.org").first()
    for booking in session.bookings.order_by("first_name")[:3]:
        services.register_apply(
            session_id=session.pk,
            tap=services.RegisterTap(
                client_id=uuid.uuid4(), kind=RegisterAction.Kind.CHECK_IN, booking_id=booking.pk
            ),
            actor=volunteer,
        )
    services.register_apply(
        session_id=session.pk,
        tap=services.RegisterTap(
            client_id=uuid.uuid4(), kind=RegisterAction.Kind.WALK_IN, adults=1, children=1
        ),
        actor=None,
    )
