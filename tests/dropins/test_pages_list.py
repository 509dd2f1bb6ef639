"""The public list of drop-ins: places left in plain words, only sessions open for booking,
right to left in Arabic."""

import re

import pytest

from dropins import services
from dropins.models import DropInSession
from tests.dropins.conftest import book

pytestmark = pytest.mark.instants


def test_the_list_says_how_many_places_are_left_in_plain_words(client, series, session):
    later = list(series.sessions.filter(starts_at__gt=session.starts_at).order_by("starts_at"))
    services.session_capacity_set(session_id=later[0].pk, capacity=6, actor=None)
    book(later[0], adults=2)
    services.session_capacity_set(session_id=later[1].pk, capacity=2, actor=None)
    book(later[1], adults=2)
    services.session_cancel(
        session_id=later[2].pk, reason=DropInSession.CancelReason.HOLIDAY, actor=None
    )

    html = client.get("/en/drop-in/").content.decode()

    assert "40 places left" in html
    assert "Few places left: 4" in html
    assert "Full: join the waiting list" in html
    assert "Cancelled" in html


def test_the_list_shows_only_sessions_whose_booking_has_opened(client, series):
    html = client.get("/en/drop-in/").content.decode()

    shown = len(re.findall(r'class="session-list__item', html))
    assert 0 < shown < series.sessions.count()


def test_the_list_in_arabic_is_right_to_left(client, session):
    html = client.get("/ar/drop-in/").content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert "لقاء الترحيب" in html
    assert '<bdi class="ltr">10:30–13:00</bdi>' in html
