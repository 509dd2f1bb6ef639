"""The door's pages and the figures take as many queries for 60 tickets as for 5."""

import uuid

import pytest
from django.urls import reverse

from attendance.models import RegisterAction
from tests.attendance.door_helpers import QUOTAS, apply, check_in, make_performance, ticket

pytestmark = pytest.mark.django_db

PARTNERS = [*QUOTAS, None]


def _fill(night, start, count):
    """Tickets named by every partner and the theatre, every other one checked in, and a
    walk-up for every five."""
    for index in range(start, start + count):
        one = ticket(
            night, partner=PARTNERS[index % 4], first_name=f"Person {index:03}", guests=1, hosts=0
        )
        if index % 2:
            check_in(night, one, client_id=uuid.uuid4())
        if index % 5 == 0:
            apply(night, RegisterAction.Kind.WALK_IN, guests=1, hosts=1)


@pytest.mark.parametrize("page", ["door", "figures", "door_changes"])
def test_a_page_of_60_tickets_takes_as_many_queries_as_of_5(
    client, night, programme_staff, django_assert_max_num_queries, page
):
    url = reverse(f"register:{page}", kwargs={"pk": night.pk})
    if page == "door_changes":
        url += "?after=0"
    client.force_login(programme_staff)
    _fill(night, 0, 5)
    client.get(url)  # permissions and the session warm up
    with django_assert_max_num_queries(20) as few:
        client.get(url, headers={"Accept": "application/json"})

    _fill(night, 5, 55)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, headers={"Accept": "application/json"})
    assert response.status_code == 200
    if page == "door":
        html = response.content.decode()
        assert (html.count('<li id="t-'), html.count('<li id="w-')) == (60, 12)


def test_today_with_performances_takes_a_bounded_number_of_queries(
    client, night, door_keeper, django_assert_max_num_queries
):
    client.force_login(door_keeper)
    client.get(reverse("register:today"))
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("register:today"))
    for index in range(4):
        more = make_performance(title=f"More {index}", venue=night.venue)
        _fill(more, 0, 3)

    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(reverse("register:today")).content.decode()
    assert html.count('class="register-session"') == 5
