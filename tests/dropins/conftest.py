from datetime import time, timedelta

import pytest
from django.utils import timezone

from dropins import services
from dropins.models import DropInSeries, DropInSession, Weekday
from tests.factories import PASSWORD, VenueFactory


def make_series(**overrides) -> DropInSeries:
    """A weekly series whose sessions fall tomorrow's weekday, so the first is bookable now."""
    tomorrow = timezone.localdate() + timedelta(days=1)
    fields = {
        "venue": overrides.pop("venue", None) or VenueFactory(name="Theatre Royal"),
        "title_en": "Welcome drop-in",
        "title_ar": "لقاء الترحيب",
        "weekday": Weekday(tomorrow.weekday()),
        "start_time": time(10, 30),
        "end_time": time(13, 0),
        "capacity": 40,
        "booking_opens_days": 28,
        "interpreter_languages": ["ar", "fa"],
        **overrides,
    }
    return services.series_save(series=DropInSeries(**fields), actor=None)


@pytest.fixture
def series(db):
    return make_series()


@pytest.fixture
def session(series) -> DropInSession:
    """Tomorrow's session, open for booking."""
    return series.sessions.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()


def book(session: DropInSession, **fields):
    values = {
        "session_id": session.pk,
        "first_name": "Amina",
        "adults": 1,
        "children": 0,
        "language": "en",
        **fields,
    }
    return services.booking_create(**values)


def starting_soon_today(session: DropInSession) -> DropInSession:
    """Moves a session to today, starting in half an hour: still bookable, its register open."""
    from dropins.models import LONDON

    now = timezone.now()
    DropInSession.objects.filter(pk=session.pk).update(
        date=timezone.localdate(now, LONDON),
        starts_at=now + timedelta(minutes=30),
        ends_at=now + timedelta(hours=3),
    )
    session.refresh_from_db()
    return session


@pytest.fixture
def door_session(session) -> DropInSession:
    """A session today, starting in half an hour: still bookable, and its register open."""
    return starting_soon_today(session)


@pytest.fixture
def staff_client(client, programme_staff):
    """The test client, signed in as programme staff (for the admin)."""
    client.login(email=programme_staff.email, password=PASSWORD)
    return client
