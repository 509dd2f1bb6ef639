"""Odd forms, taps, searches and cursors sent to the register get an answer, never a
server error."""

import json
import uuid

import pytest
from django.utils import timezone

from attendance.models import CheckIn, RegisterAction
from tests.attendance.helpers import url

pytestmark = pytest.mark.django_db


def test_a_walk_in_form_with_impossible_numbers_says_why(client, door_session, volunteer):
    client.force_login(volunteer)
    form = {"form_key": str(uuid.uuid4()), "walk_in": "1", "adults": "0", "children": "0"}

    response = client.post(url("tap", door_session), form, follow=True)

    assert "Check the numbers" in response.content.decode()
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    "form",
    [
        {"form_key": "nope", "walk_in": "1"},
        {"walk_in": "1", "adults": "1"},
        {"form_key": "x" * 5000},
    ],
    ids=["malformed-key", "missing-key", "long-key"],
)
def test_a_form_tap_without_a_good_key_is_refused_with_a_message(
    client, door_session, volunteer, form
):
    client.force_login(volunteer)
    response = client.post(url("tap", door_session), form, follow=True)
    assert response.status_code == 200
    assert "This page was out of date, so nothing was recorded." in response.content.decode()
    assert not RegisterAction.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps({"taps": "x"}),
        json.dumps({"taps": [{"id": "nope", "kind": "check_in"}]}),
        json.dumps({"taps": [{"id": str(uuid.uuid4()), "kind": "explode"}]}),
        json.dumps({"taps": [{"id": str(uuid.uuid4()), "kind": "walk_in"}] * 51}),
    ],
    # Named, not shown: the random ids would differ between pytest-xdist's workers.
    ids=["not-json", "taps-not-a-list", "id-not-a-uuid", "unknown-kind", "too-many-taps"],
)
def test_bad_sync_requests_get_a_clear_answer(client, door_session, volunteer, body):
    client.force_login(volunteer)
    response = client.post(
        url("sync", door_session),
        body,
        content_type="application/json",
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
    assert not RegisterAction.objects.exists()


@pytest.mark.parametrize(
    "tap",
    [
        "x",
        {"id": str(uuid.uuid4()), "kind": "undo", "target": "²"},
        {
            "id": str(uuid.uuid4()),
            "kind": "walk_in",
            "adults": 1,
            "children": 0,
            "first_name": "A\x00",
        },
        {"id": str(uuid.uuid4()), "kind": "check_in", "booking": "1e400"},
    ],
    ids=["not-an-object", "odd-digit", "nul", "huge"],
)
def test_odd_taps_are_refused_or_applied_never_a_server_error(client, door_session, volunteer, tap):
    client.force_login(volunteer)
    client.raise_request_exception = True
    response = client.post(
        url("sync", door_session),
        json.dumps({"taps": [tap], "station": "x\x00"}),
        content_type="application/json",
    )
    assert response.status_code in {200, 400}


@pytest.mark.parametrize(
    "query",
    [{"q": "\x00"}, {"q": "a" * 500}],
    ids=["nul", "long"],
)
def test_odd_searches_are_answered(client, door_session, volunteer, query):
    client.force_login(volunteer)
    assert client.get(url("session", door_session), query).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        {"since": "2024-02-30T10:00:00+00:00"},
        {"since": "nope"},
        {"since": "2026-11-10T10:00:00"},
        {"since": "0001-01-01T00:00:00+14:00"},
        {"since": "9999-12-31T23:59:59-14:00"},
        {"after": "99999999999999999999999"},
        {"after": "-5"},
        {"after": ""},
    ],
    ids=[
        "impossible-date",
        "not-a-date",
        "no-offset",
        "year-one",
        "far-ahead",
        "huge",
        "negative",
        "empty",
    ],
)
def test_odd_change_cursors_are_refused_with_a_message(client, door_session, volunteer, query):
    client.force_login(volunteer)
    response = client.get(
        url("changes", door_session), query, headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["message"] == (
        "The register could not read what was sent. Please reload the page."
    )


def test_a_cursor_as_the_server_gave_it_is_answered(client, door_session, volunteer):
    client.force_login(volunteer)
    since = timezone.now().isoformat()
    response = client.get(
        url("changes", door_session),
        {"after": "0", "since": since},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200


def test_an_odd_undo_from_the_form_is_answered(client, door_session, volunteer):
    client.force_login(volunteer)
    response = client.post(
        url("tap", door_session), {"form_key": str(uuid.uuid4()), "undo": "²"}, follow=True
    )
    assert response.status_code == 200
    assert "nothing to undo" in response.content.decode()
