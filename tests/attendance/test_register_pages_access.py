"""Who may open the register's pages: volunteers at their own venues, programme staff
at any; everyone else is sent to sign in or refused."""

import uuid

import pytest
from django.urls import reverse

from attendance.models import Attendance, CheckIn
from dropins.models import DropInSession
from sanctuary.roles import Role
from tests.attendance.helpers import sync, url
from tests.dropins.conftest import make_series
from tests.factories import VenueFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_anonymous_people_are_sent_to_sign_in(client, door_session):
    for name in ("session", "close"):
        response = client.get(url(name, door_session))
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]
    assert client.get(reverse("register:today")).status_code == 302


def test_a_signed_out_tablet_gets_an_answer_it_can_act_on(client, door_session):
    response = sync(client, door_session)
    assert response.status_code == 401
    assert response.json()["error"] == "signed_out"
    changes = client.get(url("changes", door_session), headers={"Accept": "application/json"})
    assert changes.status_code == 401


@pytest.mark.parametrize("role", [None, Role.BURSARY_REVIEWERS])
def test_people_without_the_volunteer_role_are_refused(client, door_session, role):
    user = user_with_role(role) if role else user_with_role(Role.VOLUNTEERS)
    if role is None:
        user.groups.clear()
    client.force_login(user)

    assert client.get(reverse("register:today")).status_code == 403
    assert client.get(url("session", door_session)).status_code == 403
    assert sync(client, door_session).status_code == 403
    assert client.post(url("tap", door_session), {"walk_in": "1"}).status_code == 403


def test_a_volunteer_sees_only_their_venues_today(client, door_session, volunteer, series):
    elsewhere = make_series(venue=VenueFactory(name="Playhouse"))
    other_session = elsewhere.sessions.order_by("starts_at").first()
    DropInSession.objects.filter(pk=other_session.pk).update(date=door_session.date)
    not_today = series.sessions.exclude(pk=door_session.pk).order_by("starts_at").first()
    client.force_login(volunteer)

    today = client.get(reverse("register:today")).content.decode()

    assert url("session", door_session) in today
    assert url("session", other_session) not in today
    assert client.get(url("session", other_session)).status_code == 404
    assert client.get(url("session", not_today)).status_code == 404
    assert sync(client, other_session).status_code == 404


def test_a_volunteer_cannot_tap_or_close_another_venues_register(client, door_session, volunteer):
    elsewhere = make_series(venue=VenueFactory(name="Playhouse"))
    other = elsewhere.sessions.order_by("starts_at").first()
    DropInSession.objects.filter(pk=other.pk).update(date=door_session.date)
    client.force_login(volunteer)

    walk_in = {"form_key": str(uuid.uuid4()), "walk_in": "1", "adults": "1", "children": "0"}
    assert client.post(url("tap", other), walk_in).status_code == 404
    assert client.post(url("close", other)).status_code == 404
    assert client.get(url("changes", other)).status_code == 404
    assert not CheckIn.objects.exists() and not Attendance.objects.exists()


def test_a_signed_out_form_tap_signs_in_back_to_the_register(client, door_session):
    response = client.post(url("tap", door_session), {"walk_in": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith("?next=" + url("session", door_session))


def test_a_volunteer_lands_on_todays_drop_ins_and_cannot_open_the_admin(client, volunteer):
    client.force_login(volunteer)

    assert client.get(reverse("team_home"))["Location"] == reverse("register:today")
    for path in (
        reverse("admin:index"),
        reverse("admin:bursaries_application_changelist"),
        reverse("admin:dropins_booking_changelist"),
        reverse("admin:attendance_attendance_changelist"),
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert reverse("admin:login") in response["Location"]


def test_programme_staff_can_open_any_session_register(client, series, door_session):
    staff = user_with_role(Role.PROGRAMME_STAFF)
    later = series.sessions.exclude(pk=door_session.pk).order_by("starts_at").first()
    client.force_login(staff)

    assert client.get(url("session", later)).status_code == 200
    assert url("session", door_session) in client.get(reverse("register:today")).content.decode()
