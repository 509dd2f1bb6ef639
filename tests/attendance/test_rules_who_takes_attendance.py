"""Who takes attendance, and where: the register's pages ask attendance.rules, one function
each, never the permissions or venues again themselves."""

import pytest
from django.urls import reverse

from attendance import rules
from tests.factories import VenueFactory, user_with_role

pytestmark = [pytest.mark.django_db, pytest.mark.instants]

NO_VENUE = "You have not been given a venue yet."
NO_SESSION = "There is no drop-in at your venues today."


@pytest.mark.parametrize(
    ("role", "with_venue", "may", "has_venue"),
    [
        ("Volunteers", False, True, False),
        ("Volunteers", True, True, True),
        ("Programme staff", False, True, True),
        ("Bursary reviewers", False, False, False),
    ],
)
def test_who_takes_attendance_and_where(role, with_venue, may, has_venue):
    user = user_with_role(role)
    if with_venue:
        user.venues.add(VenueFactory())

    assert rules.may_take_attendance(user) is may
    assert rules.has_a_venue(user) is has_venue


@pytest.mark.parametrize(
    ("role", "with_venue", "says"),
    [
        ("Volunteers", False, NO_VENUE),
        ("Volunteers", True, NO_SESSION),
        ("Programme staff", False, NO_SESSION),
    ],
)
def test_the_day_page_says_why_it_is_empty(client, role, with_venue, says):
    user = user_with_role(role)
    if with_venue:
        user.venues.add(VenueFactory())
    client.force_login(user)

    page = client.get(reverse("register:today"), headers={"Accept-Language": "en"})

    assert says in page.content.decode()
    assert ({NO_VENUE, NO_SESSION} - {says}).pop() not in page.content.decode()
