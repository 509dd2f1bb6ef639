"""Hostile input to the register's endpoints: a 4xx with a message the volunteer can read, never
a server error, and nothing of a refused request applied."""

import json
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from attendance.models import CheckIn, RegisterAction
from tests.attendance.helpers import url
from tests.dropins.conftest import book, make_series

pytestmark = pytest.mark.django_db

UNREADABLE = "The register could not read what was sent. Please reload the page."


def walk_in_tap(**fields):
    return {"id": str(uuid.uuid4()), "kind": "walk_in", "adults": 1, "children": 0, **fields}


def post_sync(client, session, body, content_type="application/json"):
    client.raise_request_exception = True
    return client.post(
        url("sync", session),
        body,
        content_type=content_type,
        headers={"Accept": "application/json"},
    )


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def raw_tap(fragment: str) -> str:
    """A batch of one walk-in, written by hand: JSON the standard library would not write."""
    return '{"taps": [{"id": "' + str(uuid.uuid4()) + '", "kind": "walk_in", ' + fragment + "}]}"


BAD_BODIES = {
    "nested-top": nested(20_000),
    "nested-in-a-tap": raw_tap('"adults": ' + nested(20_000)),
    "nested-objects": '{"a":' * 10_000 + "1" + "}" * 10_000,
    "nan": '{"taps": [], "sent_at": NaN}',
    "infinity": raw_tap('"at": Infinity'),
    "float-overflow": raw_tap('"adults": 1e400'),
    "too-many-digits": '{"taps": [], "sent_at": ' + "9" * 5000 + "}",
    "huge-booking": json.dumps({"taps": [{**walk_in_tap(kind="check_in"), "booking": 10**40}]}),
    "huge-adults": json.dumps({"taps": [walk_in_tap(adults=10**40)]}),
    "huge-time": json.dumps({"taps": [walk_in_tap(at=10**30)]}),
    "bool-adults": json.dumps({"taps": [walk_in_tap(adults=True)]}),
    "float-adults": json.dumps({"taps": [walk_in_tap(adults=1.5)]}),
    "string-adults": json.dumps({"taps": [walk_in_tap(adults="2")]}),
    "string-booking": json.dumps({"taps": [{**walk_in_tap(kind="check_in"), "booking": "1"}]}),
    "list-name": json.dumps({"taps": [walk_in_tap(first_name=["A"])]}),
    "object-station": json.dumps({"taps": [walk_in_tap()], "station": {"a": 1}}),
    "id-missing": json.dumps({"taps": [{"kind": "walk_in", "adults": 1}]}),
    "id-a-number": json.dumps({"taps": [walk_in_tap(id=12345)]}),
    "kind-a-list": json.dumps({"taps": [walk_in_tap(kind=["walk_in"])]}),
    "taps-missing": json.dumps({"station": "t1"}),
    "body-a-list": json.dumps([walk_in_tap()]),
    "body-a-string": json.dumps("taps"),
    "blank": "   ",
    "not-utf-8": b'{"taps": [], "station": "\xff\xfe"}',
    "half-good": json.dumps({"taps": [walk_in_tap(), walk_in_tap(adults="x")]}),
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_a_hostile_sync_body_is_refused_whole_with_a_message(client, door_session, volunteer, body):
    client.force_login(volunteer)

    response = post_sync(client, door_session, body)

    assert response.status_code == 400
    assert response.json() == {"error": "bad_request", "message": UNREADABLE}
    assert not RegisterAction.objects.exists()


def test_a_sync_body_larger_than_any_batch_is_refused(client, door_session, volunteer):
    client.force_login(volunteer)
    body = json.dumps({"taps": [walk_in_tap(first_name="A" * 70_000)]})

    response = post_sync(client, door_session, body)

    assert response.status_code == 413
    assert response.json()["message"] == "Too much was sent at once. Please reload the page."
    assert not RegisterAction.objects.exists()


def test_a_full_batch_of_long_names_fits_under_the_limit(client, door_session, volunteer):
    client.force_login(volunteer)
    taps = [walk_in_tap(first_name="ب" * 60, at=1, target="x" * 40) for _ in range(50)]

    response = post_sync(client, door_session, json.dumps({"station": "t" * 40, "taps": taps}))

    assert response.status_code == 200
    assert CheckIn.objects.count() == 50


def test_a_sync_body_that_is_not_json_by_its_type_is_refused(client, door_session, volunteer):
    client.force_login(volunteer)

    response = post_sync(client, door_session, {"taps": "x"}, content_type="text/plain")

    assert response.status_code == 415
    assert response.json()["message"] == UNREADABLE


@pytest.mark.parametrize(
    ("method", "name"),
    [("get", "sync"), ("put", "sync"), ("post", "changes"), ("delete", "changes")],
)
def test_the_scripts_endpoints_answer_a_wrong_method_in_json(
    client, door_session, volunteer, method, name
):
    client.force_login(volunteer)

    response = getattr(client, method)(url(name, door_session))

    assert response.status_code == 405
    assert response.json()["message"] == UNREADABLE


def test_opening_the_tap_address_shows_the_register(client, door_session, volunteer):
    client.force_login(volunteer)

    response = client.get(url("tap", door_session))

    assert response.status_code == 302
    assert response.url == url("session", door_session)


def test_a_booking_of_another_session_is_refused_by_its_reason(client, door_session, volunteer):
    other = book(make_series().sessions.first(), first_name="Noor")
    client.force_login(volunteer)

    response = post_sync(
        client, door_session, json.dumps({"taps": [walk_in_tap(kind="check_in", booking=other.pk)]})
    )

    assert response.json()["results"][0]["outcome"] == RegisterAction.Outcome.REFUSED
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize(
    ("method", "name"),
    [("get", "session"), ("post", "tap"), ("post", "sync"), ("get", "changes"), ("post", "close")],
)
def test_a_session_number_past_any_row_is_not_found(client, volunteer, method, name):
    client.force_login(volunteer)
    path = reverse(f"register:{name}", kwargs={"pk": 10**30})

    response = getattr(client, method)(path, headers={"Accept": "application/json"})

    assert response.status_code == 404


@pytest.mark.parametrize(
    "form",
    [
        {"check_in": "9" * 40},
        {"check_in": "-3"},
        {"adjust": "9" * 40, "adults-" + "9" * 40: "1", "children-" + "9" * 40: "0"},
        {"walk_in": "1", "adults": "9" * 30, "children": "0"},
        {"walk_in": "1", "adults": "1e3", "children": "NaN"},
        {"undo": "\x00" * 10},
        {"nothing": "at all"},
    ],
    ids=[
        "huge-booking",
        "negative-booking",
        "huge-target",
        "huge-adults",
        "odd-numbers",
        "nul-undo",
        "no-action",
    ],
)
def test_a_hostile_form_is_answered_with_a_message_on_the_register(
    client, door_session, volunteer, form
):
    client.force_login(volunteer)
    client.raise_request_exception = True

    response = client.post(url("tap", door_session), {"form_key": str(uuid.uuid4()), **form})

    assert response.status_code == 302
    page = client.get(response.url)
    assert page.status_code == 200
    assert 'class="notice' in page.content.decode()
    assert not CheckIn.objects.exists()


def test_a_walk_in_named_in_junk_is_added_without_hidden_chars(client, door_session, volunteer):
    client.force_login(volunteer)
    client.raise_request_exception = True
    form = {"walk_in": "1", "adults": "1", "children": "0", "first_name": "\u202e\x00\ufdd0" * 50}

    response = client.post(url("tap", door_session), {"form_key": str(uuid.uuid4()), **form})

    assert response.status_code == 302
    assert CheckIn.objects.get().first_name == "\ufdd0" * 30


def test_a_refusal_is_in_the_volunteers_language(client, door_session, volunteer):
    client.force_login(volunteer)
    with translation.override("uk"):
        response = post_sync(client, door_session, nested(20_000))

    assert response.status_code == 400
    assert response.json()["message"].startswith("Реєстр не зміг прочитати надіслане.")
