"""Forgetting who booked once their drop-in is long past; the counts stay."""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from dropins import rules
from dropins.models import Booking
from sanctuary.services import messages_forget


def bookings_anonymise(*, now=None) -> int:
    """Forget who booked once their session is DROPIN_KEEP_DAYS past: the name, contact and
    access needs go, and the private link stops working. Counts stay, for reports."""
    now = now or timezone.now()
    old = Booking.objects.filter(
        anonymised_at__isnull=True,
    ).filter(rules.past_keeping_q(now, prefix="session__"))
    booking_ids = list(old.values_list("pk", flat=True)[:5000])
    # Their messages forget the address too (they would otherwise keep it OUTBOX_KEEP_DAYS).
    messages_forget(subjects=Booking.objects.filter(pk__in=booking_ids))
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
