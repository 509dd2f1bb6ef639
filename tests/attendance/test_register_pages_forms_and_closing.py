"""Checking in with the form that works without JavaScript, closing the register, and
correcting its numbers in the admin."""

import uuid

import pytest
from django.urls import reverse

from attendance import services
from attendance.models import Attendance, CheckIn
from sanctuary.models import AuditEvent
from sanctuary.roles import Role
from tests.attendance.helpers import url
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_a_form_tap_checks_in_and_sending_it_again_changes_nothing(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)
    form = {"form_key": str(uuid.uuid4()), "check_in": str(family.pk)}

    first = client.post(url("tap", door_session), form, follow=True)
    client.post(url("tap", door_session), form)

    assert "\u2068Amal\u2069: 3 people checked in." in first.content.decode()
    assert CheckIn.objects.filter(booking=family).count() == 1


def test_closing_the_register_records_the_numbers_and_stops_taps(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)
    client.post(
        url("tap", door_session), {"form_key": str(uuid.uuid4()), "check_in": str(family.pk)}
    )

    confirm = client.get(url("close", door_session)).content.decode()
    client.post(url("close", door_session))

    assert "Booked people who came" in confirm
    attendance = Attendance.objects.get(session=door_session)
    assert (attendance.booked_people, attendance.attended_people, attendance.closed_by) == (
        3,
        3,
        volunteer,
    )
    page = client.get(url("session", door_session)).content.decode()
    assert "The register is closed" in page
    assert "register.js" not in page


def test_staff_correct_closed_numbers_in_the_admin_with_an_audit_event(client, door_session):
    staff = user_with_role(Role.PROGRAMME_STAFF)
    attendance = services.register_close(session_id=door_session.pk, actor=None)
    client.force_login(staff)

    response = client.post(
        reverse("admin:attendance_attendance_change", args=[attendance.pk]),
        {
            "booked_people": 0,
            "attended_people": 0,
            "no_show_bookings": 0,
            "walk_in_people": 6,
            "children": 2,
        },
    )

    assert response.status_code == 302
    attendance.refresh_from_db()
    assert (attendance.walk_in_people, attendance.children) == (6, 2)
    event = AuditEvent.objects.get(action="attendance.correct")
    assert event.actor == staff and event.detail == {
        "changes": {"walk_in_people": {"old": 0, "new": 6}, "children": {"old": 0, "new": 2}}
    }
