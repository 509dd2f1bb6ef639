"""The register's forms without JavaScript: each carries its own one-time key, so the same form
sent twice is applied once, and two actions (one after another, or both from one page) count
twice; the volunteer is told which."""

import re

import pytest

from attendance.models import CheckIn, RegisterAction
from tests.attendance.helpers import url

pytestmark = pytest.mark.django_db

KEY = re.compile(
    r'<form[^>]* id="(register-form|register-walk-in)"[^>]*>.*?name="form_key" value="([^"]+)"',
    re.S,
)


def form_keys(page) -> dict[str, str]:
    """The one-time key of each form on a register page, by the form's id."""
    return dict(KEY.findall(page.content.decode()))


def walk_in(client, session, key, *, first_name="", adults=1, children=0):
    form = {
        "form_key": key,
        "walk_in": "1",
        "first_name": first_name,
        "adults": str(adults),
        "children": str(children),
    }
    return client.post(url("tap", session), form, follow=True)


def adjust(client, session, key, check_in, *, adults, children):
    form = {
        "form_key": key,
        "adjust": str(check_in.pk),
        f"adults-{check_in.pk}": str(adults),
        f"children-{check_in.pk}": str(children),
    }
    return client.post(url("tap", session), form, follow=True)


def walk_in_people(session) -> int:
    return sum(one.people for one in CheckIn.objects.filter(session=session, booking=None))


def test_each_form_has_its_own_key_and_every_page_new_ones(client, door_session, volunteer):
    client.force_login(volunteer)

    first = form_keys(client.get(url("session", door_session)))
    second = form_keys(client.get(url("session", door_session)))

    assert set(first) == {"register-form", "register-walk-in"}
    assert len({*first.values(), *second.values()}) == 4


def test_walk_ins_added_one_after_another_each_count(client, door_session, volunteer):
    client.force_login(volunteer)
    page = client.get(url("session", door_session))

    for name in ("Amal", "Bashir", "Chen"):
        page = walk_in(client, door_session, form_keys(page)["register-walk-in"], first_name=name)
        assert "Walk-in added: 1 person." in page.content.decode()

    assert walk_in_people(door_session) == 3


def test_walk_ins_sent_from_one_page_load_each_count(client, door_session, volunteer):
    """The back button (or a second tab) then another walk-in: the same key, another action."""
    client.force_login(volunteer)
    key = form_keys(client.get(url("session", door_session)))["register-walk-in"]

    walk_in(client, door_session, key, first_name="Amal")
    walk_in(client, door_session, key, first_name="Bashir", adults=2)
    last = walk_in(client, door_session, key, first_name="", adults=1, children=2)

    assert "Walk-in added: 3 people." in last.content.decode()
    assert walk_in_people(door_session) == 6


def test_the_same_walk_in_form_sent_twice_counts_once_and_says_so(client, door_session, volunteer):
    client.force_login(volunteer)
    key = form_keys(client.get(url("session", door_session)))["register-walk-in"]

    walk_in(client, door_session, key, first_name="Amal", adults=2)
    again = walk_in(client, door_session, key, first_name="Amal", adults=2).content.decode()

    assert re.search(r"This walk-in was already added at \d\d:\d\d, so nothing was changed", again)
    assert "Walk-in added" not in again
    assert walk_in_people(door_session) == 2


def test_numbers_changed_twice_from_one_page_are_two_changes(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)
    key = form_keys(client.get(url("session", door_session)))["register-form"]
    client.post(url("tap", door_session), {"form_key": key, "check_in": str(family.pk)})
    check_in = CheckIn.objects.get(booking=family)

    adjust(client, door_session, key, check_in, adults=2, children=0)
    last = adjust(client, door_session, key, check_in, adults=1, children=0)

    assert "Changed: 1 person came." in last.content.decode()
    check_in.refresh_from_db()
    assert (check_in.adults, check_in.children) == (1, 0)
    changes = RegisterAction.objects.filter(kind=RegisterAction.Kind.ADJUST)
    assert changes.filter(outcome=RegisterAction.Outcome.APPLIED).count() == 2


def test_the_same_numbers_form_sent_twice_is_one_change(client, door_session, volunteer, family):
    client.force_login(volunteer)
    key = form_keys(client.get(url("session", door_session)))["register-form"]
    client.post(url("tap", door_session), {"form_key": key, "check_in": str(family.pk)})
    check_in = CheckIn.objects.get(booking=family)

    adjust(client, door_session, key, check_in, adults=1, children=1)
    again = adjust(client, door_session, key, check_in, adults=1, children=1).content.decode()

    assert re.search(r"That was already recorded at \d\d:\d\d, so nothing was changed", again)
    assert RegisterAction.objects.filter(kind=RegisterAction.Kind.ADJUST).count() == 1


def test_a_check_in_form_sent_twice_is_not_told_it_was_done_twice(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)
    key = form_keys(client.get(url("session", door_session)))["register-form"]
    form = {"form_key": key, "check_in": str(family.pk)}

    client.post(url("tap", door_session), form, follow=True)
    again = client.post(url("tap", door_session), form, follow=True).content.decode()

    assert "people checked in" not in again
    assert "already recorded" in again
    assert CheckIn.objects.filter(booking=family).count() == 1
