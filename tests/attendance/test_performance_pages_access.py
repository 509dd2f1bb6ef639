"""Who may reach a performance's door and its figures: a volunteer at the venue on the day;
not a volunteer elsewhere or on another day, not a partner worker, nobody signed out."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse

from events.models import Performance
from sanctuary.roles import Role
from tests.attendance.door_helpers import door_volunteer, make_performance
from tests.factories import VenueFactory, user_with_role

# Which day a door belongs to is a matter of the clock: these run at the awkward instants.
pytestmark = [pytest.mark.django_db, pytest.mark.instants]

PAGES = ["door", "door_tap", "door_changes", "figures"]


def _url(name, performance):
    return reverse(f"register:{name}", kwargs={"pk": performance.pk})


def _json_post(client, performance):
    return client.post(
        _url("door_sync", performance),
        json.dumps({"taps": []}),
        content_type="application/json",
        headers={"Accept": "application/json"},
    )


def test_a_volunteer_at_another_venue_finds_nothing(client, night):
    elsewhere = make_performance(title="Playhouse night", venue=VenueFactory(name="Playhouse"))
    client.force_login(door_volunteer(elsewhere))

    for name in ["door", "door_tap", "door_changes"]:
        assert client.get(_url(name, night)).status_code == 404, name
    assert _json_post(client, night).status_code == 404
    assert night.title not in client.get(reverse("register:today")).content.decode()


def test_a_volunteer_at_the_venue_finds_nothing_on_another_day(client, night, door_keeper):
    Performance.objects.filter(pk=night.pk).update(starts_at=night.starts_at + timedelta(days=1))
    client.force_login(door_keeper)

    assert client.get(_url("door", night)).status_code == 404
    assert _json_post(client, night).status_code == 404


def test_volunteers_do_not_see_the_figures(client, night, door_keeper):
    client.force_login(door_keeper)

    assert client.get(_url("figures", night)).status_code == 403
    assert client.post(_url("figures", night), {"total": "5"}).status_code == 403


def test_a_partner_worker_is_refused_everywhere(client, night):
    client.force_login(user_with_role(Role.PARTNER_WORKERS))

    for name in PAGES:
        assert client.get(_url(name, night)).status_code == 403, name
    assert client.get(reverse("register:today")).status_code == 403


def test_signed_out_people_are_sent_to_sign_in_and_the_script_told(client, night):
    for name in PAGES:
        response = client.get(_url(name, night))
        assert response.status_code == 302 and "login" in response["Location"], name
    posted = client.post(_url("door_tap", night), {"check_in": "1"})
    assert posted["Location"].endswith("?next=" + _url("door", night))
    assert _json_post(client, night).status_code == 401


def test_programme_staff_open_any_door_any_day(client, night, programme_staff):
    Performance.objects.filter(pk=night.pk).update(
        starts_at=night.starts_at - timedelta(days=3), doors_at=night.doors_at - timedelta(days=3)
    )
    client.force_login(programme_staff)

    assert client.get(_url("door", night)).status_code == 200
    assert client.get(_url("figures", night)).status_code == 200
