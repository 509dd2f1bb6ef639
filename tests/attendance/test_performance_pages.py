"""The door's pages: what a volunteer sees, finding a party by door code, the forms without
JavaScript (one-time keys), the script's sync and changes, and the figures page."""

import json
import time
import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from attendance.models import CheckIn
from events.models import Performance
from sanctuary.models import AuditEvent
from tests.attendance.door_helpers import check_in, ticket

pytestmark = pytest.mark.django_db

EMAIL = "olena.private@example.org"


def door_url(name, performance, **query):
    path = reverse(f"register:{name}", kwargs={"pk": performance.pk})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def door_sync(client, performance, *taps):
    body = {"station": "t1", "sent_at": int(time.time() * 1000), "taps": list(taps)}
    return client.post(
        door_url("door_sync", performance),
        json.dumps(body),
        content_type="application/json",
        headers={"Accept": "application/json"},
    )


@pytest.fixture
def tablet(client, door_keeper):
    client.force_login(door_keeper)
    return client


def test_today_lists_the_performance_at_the_volunteers_venue(tablet, night, olena):
    html = tablet.get(reverse("register:today")).content.decode()

    assert door_url("door", night) in html
    assert "0 here, 5 named" in html


def test_the_door_shows_the_party_and_never_its_contacts(tablet, night):
    family = ticket(night, partner="Dereham Ukraine Aid Centre", email=EMAIL, access_needs="Lift")

    html = tablet.get(door_url("door", night)).content.decode()

    assert "Olena" in html and family.door_code in html and family.reference in html
    assert "Dereham Ukraine Aid Centre" in html
    assert "4 guests, 1 host" in html
    assert "Check in all 5" in html
    assert EMAIL not in html


@pytest.mark.parametrize("how", ["code", "lower code", "reference", "name"])
def test_search_finds_a_party_by_door_code_reference_or_name(tablet, night, olena, how):
    ticket(night, partner="New Routes", first_name="Somebody")
    query = {
        "code": olena.door_code,
        "lower code": olena.door_code.lower(),
        "reference": olena.reference,
        "name": "olen",
    }[how]

    html = tablet.get(door_url("door", night, q=query)).content.decode()

    assert html.count('<li id="t-') == 1
    assert f'<li id="t-{olena.pk}"' in html


def test_the_same_form_sent_twice_checks_in_once(tablet, night, olena):
    form = {"form_key": str(uuid.uuid4()), "check_in": str(olena.pk)}

    first = tablet.post(door_url("door_tap", night), form, follow=True)
    tablet.post(door_url("door_tap", night), form)

    assert "Olena\u2069: 5 people checked in." in first.content.decode()
    assert CheckIn.objects.filter(ticket=olena).count() == 1


def test_two_walk_ups_from_one_form_count_twice_the_same_one_once(tablet, night):
    key = str(uuid.uuid4())
    one = {"form_key": key, "walk_in": "1", "first_name": "", "guests": "2", "hosts": "0"}
    other = {**one, "hosts": "1"}

    for form in (one, one, other):
        tablet.post(door_url("door_tap", night), form)

    walk_ups = CheckIn.objects.filter(performance=night, ticket__isnull=True)
    assert sorted((w.guests, w.hosts) for w in walk_ups) == [(2, 0), (2, 1)]


def test_undo_and_new_numbers_from_the_forms(tablet, night, olena):
    done = check_in(night, olena).check_in
    key = str(uuid.uuid4())
    tablet.post(
        door_url("door_tap", night),
        {
            "form_key": key,
            "adjust": str(done.pk),
            f"guests-{done.pk}": "3",
            f"hosts-{done.pk}": "0",
        },
    )
    done.refresh_from_db()
    assert (done.guests, done.hosts) == (3, 0)

    tablet.post(door_url("door_tap", night), {"form_key": key, "undo": str(done.pk)})

    done.refresh_from_db()
    assert done.voided_at is not None


def test_a_form_without_its_key_is_refused_kindly(tablet, night, olena):
    response = tablet.post(door_url("door_tap", night), {"check_in": str(olena.pk)}, follow=True)

    assert response.status_code == 200
    assert "This page was out of date" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_script_checks_in_and_the_changes_bring_the_row_and_totals(tablet, night, olena):
    tap_id = str(uuid.uuid4())
    answer = door_sync(tablet, night, {"id": tap_id, "kind": "check_in", "ticket": olena.pk})
    again = door_sync(tablet, night, {"id": tap_id, "kind": "check_in", "ticket": olena.pk})

    assert answer.json()["results"][0]["outcome"] == "applied"
    assert again.json()["results"][0]["outcome"] == "applied"
    assert CheckIn.objects.filter(ticket=olena).count() == 1
    changes = tablet.get(
        door_url("door_changes", night, after=0), headers={"Accept": "application/json"}
    ).json()
    assert [row["id"] for row in changes["rows"]] == [f"t-{olena.pk}"]
    assert 'data-total="guests">4<' in changes["totals"]
    assert 'data-total="hosts">1<' in changes["totals"]


def test_the_script_adds_walk_ups_with_guests_and_hosts(tablet, night):
    door_sync(tablet, night, {"id": str(uuid.uuid4()), "kind": "walk_in", "guests": 1, "hosts": 2})

    walk_up = CheckIn.objects.get(performance=night)
    assert (walk_up.guests, walk_up.hosts, walk_up.ticket) == (1, 2, None)


def test_staff_see_the_figures_and_record_the_donations(client, programme_staff, night, olena):
    client.force_login(programme_staff)
    check_in(night, olena)
    page = client.get(door_url("figures", night)).content.decode()
    assert "Dereham Ukraine Aid Centre" in page and "No-shows" in page
    dereham = olena.organisation

    done = client.post(
        door_url("figures", night), {"total": "2512.50", "partner": dereham.pk}, follow=True
    )

    night.refresh_from_db()
    assert (night.donations_total, night.donations_partner) == (Decimal("2512.50"), dereham)
    raised = '<bdi dir="ltr">£2,512.50</bdi> raised for Dereham Ukraine Aid Centre.'
    assert raised in done.content.decode()
    assert AuditEvent.objects.filter(action="performance.donations_record").count() == 1


@pytest.mark.parametrize(
    "form", [{"total": "-5"}, {"total": "lots"}, {"total": "10"}, {"total": "1e99"}]
)
def test_bad_donations_get_a_clear_error(client, programme_staff, night, form):
    client.force_login(programme_staff)

    response = client.post(door_url("figures", night), form)

    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    night.refresh_from_db()
    assert night.donations_total is None


@pytest.mark.parametrize(
    "one",
    [
        {"kind": "check_in", "ticket": "seven"},
        {"kind": "check_in", "ticket": 2**70},
        {"kind": "walk_in", "guests": True, "hosts": 0},
        {"kind": "walk_in", "guests": 1.5, "hosts": 0},
        {"kind": "check_in", "ticket": -1},
    ],
)
def test_what_the_script_never_sends_is_refused_and_nothing_applied(tablet, night, olena, one):
    response = door_sync(tablet, night, {"id": str(uuid.uuid4()), **one})

    assert response.status_code == 400
    assert "error" in response.json()
    assert not CheckIn.objects.exists()


def test_a_performance_without_guest_seats_has_no_door(client, programme_staff, night):
    bare = Performance.objects.create(
        title="No seats",
        slug="no-seats",
        venue=night.venue,
        starts_at=night.starts_at,
        doors_at=night.doors_at,
        running_minutes=60,
    )
    client.force_login(programme_staff)

    assert client.get(door_url("door", bare)).status_code == 404
    assert client.get(door_url("figures", bare)).status_code == 404
