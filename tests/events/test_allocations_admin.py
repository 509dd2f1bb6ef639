"""Staff set up performances and share their guest seats in the admin."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from events import rules
from events.models import GuestAllocation, Performance
from sanctuary.models import AuditEvent
from tests.events.helpers import name_party, partner, quota_of
from tests.factories import VenueFactory

pytestmark = pytest.mark.django_db

DEREHAM, BRIDGE = "Dereham Ukraine Aid Centre", "The Bridge Plus+"


def change_url(allocation):
    return reverse("admin:events_guestallocation_change", args=[allocation.pk])


def test_doors_after_the_start_are_refused_with_a_clear_error(staff_client):
    starts = timezone.now() + timedelta(days=5)
    response = staff_client.post(
        reverse("admin:events_performance_add"),
        {
            "title_en": "Swan Lake",
            "slug": "swan-lake",
            "venue": VenueFactory().pk,
            "starts_at_0": starts.strftime("%Y-%m-%d"),
            "starts_at_1": "19:30",
            "doors_at_0": starts.strftime("%Y-%m-%d"),
            "doors_at_1": "20:00",
            "running_minutes": "120",
        },
    )
    assert response.status_code == 200
    assert "Doors open before the performance starts." in response.content.decode()
    assert not Performance.objects.exists()


def test_the_allocation_page_shows_seats_named_and_free_per_quota(staff_client, allocation):
    name_party(allocation, quota_of(allocation, DEREHAM), guests=4, hosts=1)
    html = " ".join(staff_client.get(change_url(allocation)).content.decode().split())
    assert '<td class="field-named"> <p>4</p> </td>' in html
    assert '<td class="field-free"> <p>56</p> </td>' in html
    assert "seats: 0 · named or offered: 0 · free: 0 · waiting: 0" in html
    assert reverse("admin:events_guestallocation_move", args=[allocation.pk]) in html


def _inline(allocation, seats_by_name, extra=None):
    quotas = list(allocation.quotas.order_by("pk"))
    data = {
        "seats": allocation.seats,
        "companion_seats": allocation.companion_seats,
        "release_at_0": allocation.release_at.strftime("%Y-%m-%d"),
        "release_at_1": allocation.release_at.strftime("%H:%M"),
        "quotas-TOTAL_FORMS": len(quotas) + (1 if extra else 0),
        "quotas-INITIAL_FORMS": len(quotas),
        "quotas-MIN_NUM_FORMS": 0,
        "quotas-MAX_NUM_FORMS": 1000,
    }
    for index, quota in enumerate(quotas):
        data[f"quotas-{index}-id"] = quota.pk
        data[f"quotas-{index}-allocation"] = allocation.pk
        data[f"quotas-{index}-organisation"] = quota.organisation_id or ""
        data[f"quotas-{index}-seats"] = seats_by_name.get(str(quota), quota.seats)
    if extra:
        index = len(quotas)
        data[f"quotas-{index}-allocation"] = allocation.pk
        data[f"quotas-{index}-organisation"] = extra[0].pk
        data[f"quotas-{index}-seats"] = extra[1]
    return data


def test_quotas_adding_up_to_more_than_the_allocation_are_refused(staff_client, allocation):
    response = staff_client.post(change_url(allocation), _inline(allocation, {DEREHAM: 61}))
    assert response.status_code == 200
    assert "more than the 150 guest seats" in response.content.decode()
    assert quota_of(allocation, DEREHAM).seats == 60


def test_a_quota_below_what_is_named_is_refused(staff_client, allocation):
    for _ in range(3):
        name_party(allocation, quota_of(allocation, BRIDGE), guests=10)
    response = staff_client.post(change_url(allocation), _inline(allocation, {BRIDGE: 29}))
    assert "30 guests are named" in response.content.decode()
    assert quota_of(allocation, BRIDGE).seats == 40


def test_a_new_partner_quota_from_seats_given_back(staff_client, allocation):
    response = staff_client.post(
        change_url(allocation),
        _inline(allocation, {DEREHAM: 50}, extra=(partner("GYROS"), 10)),
    )
    assert response.status_code == 302
    assert quota_of(allocation, "GYROS").seats == 10
    assert AuditEvent.objects.filter(action="guest_allocation.save").exists()


def test_staff_move_seats_to_the_pool(staff_client, allocation):
    url = reverse("admin:events_guestallocation_move", args=[allocation.pk])
    assert staff_client.get(url).status_code == 200
    dereham = quota_of(allocation, DEREHAM)
    response = staff_client.post(url, {"source": dereham.pk, "target": "pool", "seats": 5})
    assert response.status_code == 302
    assert rules.pool_seats(GuestAllocation.objects.get(pk=allocation.pk)) == 5


def test_moving_more_than_is_free_is_a_clear_error(staff_client, allocation):
    url = reverse("admin:events_guestallocation_move", args=[allocation.pk])
    response = staff_client.post(
        url, {"source": "pool", "target": quota_of(allocation, BRIDGE).pk, "seats": 1}
    )
    assert response.status_code == 200
    assert "move that many at most" in response.content.decode()


def test_staff_release_early(staff_client, allocation):
    url = reverse("admin:events_guestallocation_release", args=[allocation.pk])
    assert staff_client.get(url).status_code == 200
    staff_client.post(url)
    assert GuestAllocation.objects.get(pk=allocation.pk).released_at is not None


def test_volunteers_cannot_move_seats(client, volunteer, allocation):
    client.force_login(volunteer)
    url = reverse("admin:events_guestallocation_move", args=[allocation.pk])
    assert client.post(url, {"source": "pool", "target": "pool", "seats": 1}).status_code in (
        302,
        403,
    )
    assert rules.pool_seats(GuestAllocation.objects.get(pk=allocation.pk)) == 0


def test_staff_give_a_performance_its_guest_seats_and_quotas(staff_client, allocation):
    performance = Performance.objects.create(
        title="Swan Lake",
        slug="swan-lake",
        venue=allocation.performance.venue,
        starts_at=allocation.performance.starts_at + timedelta(days=7),
        doors_at=allocation.performance.starts_at + timedelta(days=7, minutes=-30),
        running_minutes=130,
    )
    assert staff_client.get(reverse("admin:events_guestallocation_add")).status_code == 200
    release = timezone.localtime(timezone.now() + timedelta(days=5))
    response = staff_client.post(
        reverse("admin:events_guestallocation_add"),
        {
            "performance": performance.pk,
            "seats": 30,
            "companion_seats": 10,
            "release_at_0": release.strftime("%Y-%m-%d"),
            "release_at_1": "12:00",
            "quotas-TOTAL_FORMS": 2,
            "quotas-INITIAL_FORMS": 0,
            "quotas-MIN_NUM_FORMS": 0,
            "quotas-MAX_NUM_FORMS": 1000,
            "quotas-0-organisation": partner(DEREHAM).pk,
            "quotas-0-seats": 20,
            "quotas-1-organisation": "",
            "quotas-1-seats": 6,
        },
    )
    assert response.status_code == 302
    created = GuestAllocation.objects.get(performance=performance)
    assert sorted(created.quotas.values_list("seats", flat=True)) == [6, 20]
    assert rules.pool_seats(created) == 4
    assert AuditEvent.objects.filter(action="guest_allocation.create").exists()


class Boxes(HTMLParser):
    """The form boxes of a page, each with whether it sits inside a label."""

    def __init__(self):
        super().__init__()
        self.depth, self.found = 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label":
            self.depth += 1
        elif tag in ("input", "select") and attrs.get("type") != "hidden":
            self.found.append((attrs["name"], self.depth > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self.depth -= 1


def test_every_box_in_the_quota_table_has_a_name_and_every_column_heading_text(
    staff_client, allocation
):
    html = staff_client.get(change_url(allocation)).content.decode()
    table = html[html.index('id="quotas-group"') :]
    table = table[: table.index("</table>")]

    boxes = Boxes()
    boxes.feed(table)
    assert {name.split("-")[-1] for name, _labelled in boxes.found} == {"organisation", "seats"}
    assert all(labelled for _name, labelled in boxes.found)
    assert re.findall(r"<th[^>]*>\s*</th>", table) == []
