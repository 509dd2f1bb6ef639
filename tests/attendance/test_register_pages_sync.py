"""The endpoints the register's script uses: queued taps applied in order and once, the
tablet's clock corrected, and changes since a cursor."""

import json
import time
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from attendance import services
from attendance.models import CheckIn
from tests.attendance.helpers import sync, url
from tests.dropins.conftest import book

pytestmark = pytest.mark.django_db


def test_sync_applies_queued_taps_in_order_and_once(client, door_session, volunteer, family):
    client.force_login(volunteer)
    check_in_id = str(uuid.uuid4())
    taps = [
        {
            "id": check_in_id,
            "kind": "check_in",
            "booking": family.pk,
            "at": int(time.time() * 1000),
        },
        {
            "id": str(uuid.uuid4()),
            "kind": "adjust",
            "target": check_in_id,
            "adults": 1,
            "children": 1,
        },
    ]

    first = sync(client, door_session, *taps).json()["results"]
    again = sync(client, door_session, *taps).json()["results"]

    assert [result["outcome"] for result in first] == ["applied", "applied"]

    def outcomes(results):
        return [(result["id"], result["outcome"], result["check_in"]) for result in results]

    assert outcomes(again) == outcomes(first)
    live = CheckIn.objects.get(booking=family)
    assert (live.adults, live.children) == (1, 1)


def test_the_tablet_clock_is_corrected_by_when_it_says_it_sent(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)
    wrong_clock = int(time.time() * 1000) + 3_600_000  # an hour fast
    body = {
        "sent_at": wrong_clock,
        "taps": [
            {
                "id": str(uuid.uuid4()),
                "kind": "check_in",
                "booking": family.pk,
                "at": wrong_clock - 120_000,
            }
        ],
    }

    client.post(url("sync", door_session), json.dumps(body), content_type="application/json")

    arrived = CheckIn.objects.get(booking=family).arrived_at
    assert abs((timezone.now() - arrived).total_seconds() - 120) < 30


def test_changes_bring_only_what_changed_since_the_cursor(
    client, door_session, volunteer, family, clock
):
    book(door_session, first_name="Bashir")
    client.force_login(volunteer)
    page = client.get(url("session", door_session)).content.decode()
    after = page.split('data-after="')[1].split('"')[0]
    since = page.split('data-since="')[1].split('"')[0]
    clock.shift(timedelta(milliseconds=10))
    walk_in = services.register_apply(
        session_id=door_session.pk,
        tap=services.RegisterTap(client_id=uuid.uuid4(), kind="walk_in", adults=1, children=0),
        actor=volunteer,
    )

    changes = client.get(
        url("changes", door_session),
        {"after": after, "since": since},
        headers={"Accept": "application/json"},
    ).json()

    ids = [row["id"] for row in changes["rows"]]
    assert f"w-{walk_in.check_in.pk}" in ids
    assert 'data-total="walk_ins">1<' in changes["totals"]
