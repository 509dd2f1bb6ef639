"""A booker's name and words keep their own direction wherever the team or the booker read
them, and cannot reorder the words around them."""

import uuid

import pytest
from django.urls import reverse

from attendance.services import RegisterTap, register_apply
from sanctuary.outbox import render_message
from tests.bursaries.conftest import assert_in_its_own_direction
from tests.dropins.conftest import book
from tests.dropins.helpers import booking_data, session_url

pytestmark = pytest.mark.django_db

NAME = "مریم"
NEEDS = "صندلی چرخدار\nو جای آرام"


def test_the_booking_list_and_page_in_the_admin_isolate_the_name_and_access_needs(
    client, session, programme_staff
):
    booking = book(session, first_name=NAME, access_needs=NEEDS)
    client.force_login(programme_staff)

    listing = client.get(reverse("admin:dropins_booking_changelist")).content.decode()
    page = client.get(reverse("admin:dropins_booking_change", args=[booking.pk])).content.decode()

    assert f"<bdi>{NAME}</bdi>" in listing
    assert_in_its_own_direction(listing, NAME)
    assert_in_its_own_direction(page, NAME)
    assert_in_its_own_direction(page, "و جای آرام")


def test_a_walk_ins_name_from_a_tablet_is_cleaned_and_isolated_in_the_admin(
    client, door_session, programme_staff
):
    tap = RegisterTap(
        client_id=uuid.uuid4(), kind="walk_in", adults=1, children=0, first_name=f"\u202e{NAME}\x00"
    )
    walk_in = register_apply(session_id=door_session.pk, tap=tap, actor=None).check_in
    assert walk_in.first_name == NAME
    client.force_login(programme_staff)

    listing = client.get(reverse("admin:attendance_checkin_changelist")).content.decode()
    page = client.get(reverse("admin:attendance_checkin_change", args=[walk_in.pk]))

    assert_in_its_own_direction(listing, NAME)
    assert_in_its_own_direction(page.content.decode(), NAME)


def test_the_thank_you_after_booking_isolates_the_name(client, session):
    response = client.post(session_url(session), booking_data(first_name=NAME), follow=True)

    assert f"<bdi>{NAME}</bdi>" in response.content.decode()


def test_messages_isolate_the_name_with_unicode_isolates(session):
    booking = book(session, first_name=NAME)

    _subject, body = render_message(
        template="dropin_booking_confirmed",
        channel="email",
        language="en",
        context={"booking_id": booking.pk},
    )

    assert f"Hello \u2068{NAME}\u2069," in body
