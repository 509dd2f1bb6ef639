"""The register's first load and its change feed stay small on the wire (compressed) and in
queries, at 200 and at 1,000 bookings: a tablet on patchy Wi-Fi downloads the whole list."""

import gzip
import json
import secrets
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from attendance import services
from attendance.selectors.changes import CHANGES_OVERLAP
from dropins import selectors
from dropins.models import Booking, DropInSession
from tests.attendance.helpers import url

pytestmark = pytest.mark.postgres

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


def _bookings_add(session: DropInSession, count: int) -> None:
    """`count` bookings written in bulk (the booking service would take minutes for 1,000),
    with any count the session keeps of its booked people brought in step."""
    now = timezone.now()
    Booking.objects.bulk_create(
        Booking(
            session=session,
            reference=f"W{index:09d}",
            token=secrets.token_urlsafe(48)[:64],
            first_name=f"Guest {index}",
            adults=1,
            children=index % 3,
            language=("en", "uk", "ar", "fa", "ps")[index % 5],
            interpreter_language=("", "ar")[index % 2],
            status=Booking.Status.CONFIRMED,
            created_at=now,
            confirmed_at=now,
        )
        for index in range(count)
    )
    if "booked_people" in {field.name for field in DropInSession._meta.get_fields()}:
        counted = selectors.sessions_with_counts().get(pk=session.pk)
        DropInSession.objects.filter(pk=session.pk).update(booked_people=counted.people_booked)


def _check_in_half(session: DropInSession, volunteer) -> None:
    for booking_id in session.bookings.order_by("pk").values_list("pk", flat=True)[::2]:
        services.register_apply(
            session_id=session.pk,
            tap=services.RegisterTap(
                client_id=uuid.uuid4(), kind="check_in", booking_id=booking_id
            ),
            actor=volunteer,
        )


def _json(response):
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return json.loads(body)


@pytest.mark.parametrize(
    ("bookings", "most_bytes"),
    [(200, 40_000), (1000, 160_000)],
    ids=["200 bookings", "1,000 bookings"],
)
def test_the_registers_first_load_is_small_on_the_wire(
    client, door_session, volunteer, bookings, most_bytes, django_assert_max_num_queries
):
    DropInSession.objects.filter(pk=door_session.pk).update(capacity=bookings * 2)
    _bookings_add(door_session, bookings)
    _check_in_half(door_session, volunteer)
    client.force_login(volunteer)

    with django_assert_max_num_queries(15):
        response = client.get(url("session", door_session), headers=GZIP)

    assert response["Content-Encoding"] == "gzip"
    assert len(response.content) <= most_bytes
    html = gzip.decompress(response.content).decode()
    assert html.count('<li id="b-') == bookings


@pytest.mark.parametrize(
    ("bookings", "most_bytes"),
    [(200, 30_000), (1000, 120_000)],
    ids=["200 bookings", "1,000 bookings"],
)
def test_the_change_feed_is_small_on_the_wire(
    client,
    door_session,
    volunteer,
    bookings,
    most_bytes,
    django_assert_max_num_queries,
    time_machine,
):
    DropInSession.objects.filter(pk=door_session.pk).update(capacity=bookings * 2)
    _bookings_add(door_session, bookings)
    _check_in_half(door_session, volunteer)
    client.force_login(volunteer)
    headers = {**GZIP, "Accept": "application/json"}

    with django_assert_max_num_queries(15):
        first = client.get(url("changes", door_session, after=0), headers=headers)
    found = first_found = _json(first)
    # The tablet asks every four seconds; once what just changed is past the feed's overlap
    # (each answer repeats what changed shortly before it), an answer is a few hundred bytes.
    time_machine.move_to(timezone.now() + CHANGES_OVERLAP + timedelta(seconds=4))
    for _ in range(2):
        since = found["since"].replace("+", "%2B")
        steady = client.get(
            url("changes", door_session, after=found["after"]) + f"&since={since}",
            headers=headers,
        )
        found = _json(steady)

    assert first["Content-Encoding"] == "gzip"
    assert len(first.content) <= most_bytes
    assert len(first_found["rows"]) >= bookings // 2
    assert found["rows"] == []
    # Nothing changed since: the answer says so in a few hundred bytes.
    assert len(steady.content) < 1_000
