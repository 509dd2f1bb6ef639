"""Properties of the register's endpoints, over generated input: nothing sent gets a server
error; a tap sent many times counts once; distinct walk-ins count one each."""

import json
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from attendance.models import CheckIn
from tests.attendance.helpers import url

pytestmark = pytest.mark.django_db

# Each example is a request or a few against PostgreSQL: enough to find what breaks, quickly.
EXAMPLES = settings(max_examples=60)
FEWER = settings(max_examples=25)

# Text as a tablet or an attacker might send it: control characters, right-to-left marks,
# characters outside the Basic Multilingual Plane.
junk_text = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from("\x00\x1b\u202e\n"),
    max_size=80,
)
numbers = st.integers() | st.integers(min_value=-(10**40), max_value=10**40) | st.floats()
scalars = st.none() | st.booleans() | numbers | junk_text | st.uuids().map(str)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(junk_text, inner, max_size=4),
    max_leaves=20,
)
TAP_FIELDS = ["id", "kind", "booking", "target", "adults", "children", "first_name", "at"]
tap_like = st.fixed_dictionaries(
    {},
    optional={
        **dict.fromkeys(TAP_FIELDS, json_values),
        "kind": st.sampled_from(["check_in", "walk_in", "adjust", "undo"]) | json_values,
        "id": st.uuids().map(str) | json_values,
        "adults": st.integers(-5, 40) | json_values,
    },
)
deeply_nested = st.integers(1, 30_000).map(lambda depth: "[" * depth + "]" * depth)
sync_bodies = (
    st.fixed_dictionaries(
        {"taps": st.lists(tap_like, max_size=5) | json_values},
        optional={"station": json_values, "sent_at": numbers | json_values},
    ).map(json.dumps)
    | json_values.map(json.dumps)
    | deeply_nested
    | st.binary(max_size=200)
)
# What a volunteer may type into the walk-in form: any name, numbers the form allows.
walk_ins = st.tuples(
    junk_text.map(lambda name: name.replace("\x00", "")[:60].strip()),
    st.integers(0, 30),
    st.integers(0, 30),
).filter(lambda party: party[1] + party[2] > 0)


def post_sync(client, session, body):
    return client.post(
        url("sync", session),
        body,
        content_type="application/json",
        headers={"Accept": "application/json"},
    )


def walk_in_tap(party):
    name, adults, children = party
    return {
        "id": str(uuid.uuid4()),
        "kind": "walk_in",
        "first_name": name,
        "adults": adults,
        "children": children,
    }


def walk_in_form(key, party):
    name, adults, children = party
    return {
        "form_key": key,
        "walk_in": "1",
        "first_name": name,
        "adults": str(adults),
        "children": str(children),
    }


@EXAMPLES
@given(body=sync_bodies)
def test_no_sync_body_gets_a_server_error(client, door_session, volunteer, body):
    client.force_login(volunteer)
    assert post_sync(client, door_session, body).status_code < 500


@EXAMPLES
@given(
    form=st.dictionaries(
        st.sampled_from(
            [
                "form_key",
                "check_in",
                "undo",
                "adjust",
                "walk_in",
                "first_name",
                "adults",
                "children",
            ]
        )
        | junk_text.filter(lambda name: "\x00" not in name),
        junk_text | st.uuids().map(str) | st.integers().map(str),
        max_size=6,
    )
)
def test_no_form_gets_a_server_error(client, door_session, volunteer, form):
    client.force_login(volunteer)
    response = client.post(url("tap", door_session), form)
    assert response.status_code == 302


@FEWER
@given(
    query=st.fixed_dictionaries(
        {},
        optional={
            "after": junk_text | st.integers().map(str),
            "since": junk_text
            | st.datetimes(timezones=st.timezones()).map(lambda at: at.isoformat()),
            "q": junk_text,
        },
    )
)
def test_no_cursor_or_search_gets_a_server_error(client, door_session, volunteer, query):
    client.force_login(volunteer)
    query = {name: value.replace("\x00", "") for name, value in query.items()}
    assert client.get(url("changes", door_session), query).status_code in {200, 400}
    assert client.get(url("session", door_session), query).status_code == 200
    assert client.get(url("close", door_session), query).status_code == 200


@EXAMPLES
@given(
    form=st.dictionaries(junk_text.filter(lambda name: "\x00" not in name), junk_text, max_size=4)
)
def test_closing_with_any_form_gets_no_server_error(client, door_session, volunteer, form):
    client.force_login(volunteer)
    assert client.post(url("close", door_session), form).status_code == 302


@FEWER
@given(party=walk_ins, times=st.integers(2, 3), one_batch=st.booleans())
def test_a_tap_sent_many_times_counts_once(
    client, door_session, volunteer, party, times, one_batch
):
    client.force_login(volunteer)
    tap = walk_in_tap(party)

    if one_batch:
        post_sync(client, door_session, json.dumps({"taps": [tap] * times}))
    else:
        for _ in range(times):
            post_sync(client, door_session, json.dumps({"taps": [tap]}))

    assert CheckIn.objects.filter(client_id=tap["id"]).count() == 1


@FEWER
@given(party=walk_ins, times=st.integers(2, 3))
def test_a_form_sent_many_times_counts_once(client, door_session, volunteer, party, times):
    client.force_login(volunteer)
    form = walk_in_form(str(uuid.uuid4()), party)
    before = CheckIn.objects.count()

    for _ in range(times):
        client.post(url("tap", door_session), form)

    assert CheckIn.objects.count() == before + 1


@FEWER
@given(parties=st.lists(walk_ins, min_size=1, max_size=5))
def test_distinct_walk_ins_from_the_script_count_one_each(client, door_session, volunteer, parties):
    client.force_login(volunteer)
    before = CheckIn.objects.count()

    response = post_sync(
        client, door_session, json.dumps({"taps": [walk_in_tap(p) for p in parties]})
    )

    assert response.status_code == 200
    assert CheckIn.objects.count() == before + len(parties)


@FEWER
@given(parties=st.lists(walk_ins, min_size=1, max_size=5, unique=True))
def test_distinct_walk_ins_from_one_page_load_count_one_each(
    client, door_session, volunteer, parties
):
    client.force_login(volunteer)
    key = str(uuid.uuid4())
    before = CheckIn.objects.count()

    for party in parties:
        client.post(url("tap", door_session), walk_in_form(key, party))

    assert CheckIn.objects.count() == before + len(parties)
