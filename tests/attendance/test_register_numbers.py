"""Numbers on the register read the same way in every language: a negative "places left"
keeps its minus on the left of its digits on a right-to-left page."""

import re
import uuid

import pytest
from django.utils import translation

from attendance import services
from dropins import services as dropin_services
from tests.attendance.helpers import url
from tests.dropins.conftest import book
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db


def over_capacity_by_three(session, volunteer):
    dropin_services.session_capacity_set(session_id=session.pk, capacity=10, actor=None)
    book(session, adults=2, children=4)
    services.register_apply(
        session_id=session.pk,
        tap=services.RegisterTap(client_id=uuid.uuid4(), kind="walk_in", adults=3, children=4),
        actor=volunteer,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_negative_places_left_is_isolated_left_to_right(
    client, door_session, volunteer, language
):
    over_capacity_by_three(door_session, volunteer)
    client.force_login(volunteer)
    with translation.override(language):
        page = url("session", door_session)

    html = client.get(page).content.decode()

    assert '<bdi dir="ltr" data-total="places_left">-3</bdi>' in html
    # Every total is isolated the same way, and none is left bare in its cell.
    assert not re.search(r'<dd data-total="\w+">', html)


def test_what_the_script_fetches_isolates_the_totals_too(client, door_session, volunteer):
    over_capacity_by_three(door_session, volunteer)
    client.force_login(volunteer)
    with translation.override("ar"):
        changes = url("changes", door_session, after=0)

    totals = client.get(changes, headers={"Accept": "application/json"}).json()["totals"]

    assert '<bdi dir="ltr" data-total="places_left">-3</bdi>' in totals
