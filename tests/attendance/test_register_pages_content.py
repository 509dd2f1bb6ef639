"""What the register shows: names, references, parties and tags, the totals, a search that
works without JavaScript, never a contact."""

import time
import uuid

import pytest

from attendance import services
from tests.attendance.helpers import contacts_absent, sync, url
from tests.dropins.conftest import book

pytestmark = pytest.mark.django_db


def test_the_register_shows_names_references_parties_and_tags_never_contacts(
    client, door_session, volunteer, family
):
    client.force_login(volunteer)

    html = client.get(url("session", door_session)).content.decode()

    assert "Amal" in html and family.reference in html
    assert "2 adults, 1 child" in html
    assert "Interpreter: Arabic" in html
    assert "Step-free entrance, please" in html
    assert "Check in all 3" in html
    contacts_absent(html)


def test_what_the_script_fetches_has_no_contacts_either(client, door_session, volunteer, family):
    client.force_login(volunteer)
    check_in = {
        "id": str(uuid.uuid4()),
        "kind": "check_in",
        "booking": family.pk,
        "at": int(time.time() * 1000),
    }

    answer = sync(client, door_session, check_in)
    changes = client.get(
        url("changes", door_session, after=0), headers={"Accept": "application/json"}
    )

    assert answer.status_code == 200 and changes.status_code == 200
    assert [row["id"] for row in changes.json()["rows"]] == [f"b-{family.pk}"]
    for response in (answer, changes):
        contacts_absent(response.content.decode())


def test_the_totals_say_booked_arrived_walk_ins_on_site_and_places_left(
    client, door_session, volunteer, family
):
    book(door_session, first_name="Bashir", adults=1)
    services.register_apply(
        session_id=door_session.pk,
        tap=services.RegisterTap(client_id=uuid.uuid4(), kind="check_in", booking_id=family.pk),
        actor=volunteer,
    )
    services.register_apply(
        session_id=door_session.pk,
        tap=services.RegisterTap(client_id=uuid.uuid4(), kind="walk_in", adults=1, children=1),
        actor=volunteer,
    )
    client.force_login(volunteer)

    html = client.get(url("session", door_session)).content.decode()

    def total(name):
        marker = f'data-total="{name}">'
        start = html.index(marker) + len(marker)
        return int(html[start : html.index("<", start)])

    assert [total(name) for name in ("booked", "arrived", "walk_ins", "on_site")] == [4, 3, 2, 5]
    assert total("places_left") == 40 - 5 - 1


def test_searching_without_javascript_narrows_by_name_or_reference(
    client, door_session, volunteer, family
):
    other = book(door_session, first_name="Bashir")
    client.force_login(volunteer)

    by_name = client.get(url("session", door_session, q="ama")).content.decode()
    spoken = family.reference.replace("-", " ").lower()
    by_reference = client.get(url("session", door_session, q=spoken)).content.decode()

    for html in (by_name, by_reference):
        assert f'id="b-{family.pk}"' in html
        assert f'id="b-{other.pk}"' not in html


def test_the_register_is_right_to_left_in_arabic(client, door_session, volunteer, family):
    client.force_login(volunteer)
    html = client.get("/ar" + url("session", door_session)[3:]).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
