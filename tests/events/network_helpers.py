"""Network events built from the test clock, and the booking form as people fill it in."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from events import services
from events.models import NetworkEvent, NetworkEventDate


def make_event(*, dates: int = 1, capacity: int = 30, ticket_limit=None, **fields) -> NetworkEvent:
    """A published event at another place, its first date a week from the clock's now, 6 pm."""
    values = {
        "title_en": "City celebration",
        "title_uk": "Міське свято",
        "title_ar": "احتفال المدينة",
        "slug": "city-celebration",
        "kind": NetworkEvent.Kind.CELEBRATION,
        "organiser": "Norwich City of Sanctuary",
        "place_name": "Norwich Arts Centre",
        "place_address": "51 St Benedict's Street, Norwich NR2 4PG",
        "map_url": "https://www.openstreetmap.org/#map=19/52.6300/1.2870",
        "capacity": capacity,
        "ticket_limit": ticket_limit,
        "is_published": True,
        **fields,
    }
    event = services.network_event_save(event=NetworkEvent(**values), actor=None)
    first = timezone.localtime().replace(hour=18, minute=0, second=0, microsecond=0)
    first += timedelta(days=7)
    for index in range(dates):
        starts = first + timedelta(days=7 * index)
        services.network_date_save(
            date=NetworkEventDate(
                event=event, starts_at=starts, ends_at=starts + timedelta(hours=2, minutes=30)
            ),
            actor=None,
        )
    return event


@pytest.fixture
def event(db) -> NetworkEvent:
    return make_event()


@pytest.fixture
def date(event) -> NetworkEventDate:
    return event.dates.get()


def book(date: NetworkEventDate, **fields):
    values = {
        "date_id": date.pk,
        "name": "Olena",
        "email": "olena@example.org",
        "tickets": 1,
        "language": "en",
        **fields,
    }
    return services.network_booking_create(**values)


def booking_data(**overrides) -> dict:
    return {
        "name": "Olena Kovalenko",
        "email": "olena@example.org",
        "tickets": "2",
        "language": "uk",
        "website": "",
        **overrides,
    }


def date_url(date: NetworkEventDate, language: str = "en") -> str:
    with translation.override(language):
        return reverse("events:network_date", kwargs={"slug": date.event.slug, "pk": date.pk})
