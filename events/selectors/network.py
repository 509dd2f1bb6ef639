"""Reads about network events for the public pages: each in a fixed number of queries,
whatever the number of events, dates or bookings."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from events import rules
from events.models import NetworkBooking, NetworkEvent, NetworkEventDate

# At or below this many places left, a date says "few places left".
FEW_PLACES = 5


@dataclass(frozen=True)
class Availability:
    kind: str  # "open", "few", "full", "cancelled" or "closed"
    places_left: int


def dates_with_counts() -> QuerySet[NetworkEventDate]:
    """Dates with `taken`: the tickets their confirmed bookings hold."""
    return NetworkEventDate.objects.select_related("event", "event__venue").annotate(
        taken=Coalesce(
            Sum("bookings__tickets", filter=rules.network_holds_tickets_q("bookings__")), 0
        )
    )


def availability(date: NetworkEventDate, *, now=None) -> Availability:
    """What the public is told about a date's places. `date` comes from dates_with_counts."""
    now = now or timezone.now()
    left = rules.network_places_left(capacity=date.event.capacity, taken=date.taken)
    if date.is_cancelled:
        return Availability("cancelled", 0)
    if not rules.is_network_date_bookable(date, now):
        return Availability("closed", 0)
    if left == 0:
        return Availability("full", 0)
    return Availability("few" if left <= FEW_PLACES else "open", left)


def _listed_dates(now) -> Prefetch:
    dates = dates_with_counts().filter(rules.network_date_listed_q(now)).order_by("starts_at")
    return Prefetch("dates", queryset=dates, to_attr="listed_dates")


def events_upcoming_public(*, now=None) -> list[NetworkEvent]:
    """Published events with a date still to come, soonest first, each with `listed_dates`
    (with their counts) and `next_date`. Two queries."""
    now = now or timezone.now()
    events = (
        NetworkEvent.objects.filter(rules.network_date_listed_q(now, prefix="dates__"))
        .select_related("venue")
        .prefetch_related(_listed_dates(now))
        .distinct()
    )
    listed = [event for event in events if event.listed_dates]
    for event in listed:
        event.next_date = event.listed_dates[0]
    return sorted(listed, key=lambda event: (event.next_date.starts_at, event.pk))


def event_get_public(*, slug: str, now=None) -> NetworkEvent | None:
    """A published event with `listed_dates` (dates not yet over, with counts). Two queries."""
    now = now or timezone.now()
    return (
        NetworkEvent.objects.filter(slug=slug, is_published=True)
        .select_related("venue")
        .prefetch_related(_listed_dates(now))
        .first()
    )


def date_get_public(*, slug: str, pk: int) -> NetworkEventDate | None:
    """A date of a published event, with its counts (also once it is over, for the .ics)."""
    return dates_with_counts().filter(pk=pk, event__slug=slug, event__is_published=True).first()


def date_with_counts(*, pk: int) -> NetworkEventDate:
    return dates_with_counts().get(pk=pk)


def booking_get_by_token(*, token: str) -> NetworkBooking | None:
    if not token or len(token) < 20:
        return None  # the anonymised "gone-…" keys never open anything
    return (
        NetworkBooking.objects.select_related("date__event__venue")
        .filter(token=token, anonymised_at__isnull=True)
        .first()
    )


def booking_get_just_made(*, pk: int) -> NetworkBooking | None:
    return (
        NetworkBooking.objects.select_related("date__event__venue")
        .filter(pk=pk, anonymised_at__isnull=True)
        .first()
    )
