"""Team members' names are cleaned when staff type them in the admin, and shown isolated."""

import pytest
from django.urls import reverse

from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

NAME = "Олена"
SURNAME = "رضایی"


def test_a_team_members_name_is_stored_without_hidden_characters(client, programme_staff):
    volunteer = user_with_role("Volunteers")
    client.force_login(programme_staff)

    response = client.post(
        reverse("admin:sanctuary_user_change", args=[volunteer.pk]),
        {
            "email": volunteer.email,
            "first_name": f"\u202e{NAME}\u200b",
            "last_name": f"{SURNAME}\x07",
            "language": "en",
            "is_active": "on",
            "groups": [group.pk for group in volunteer.groups.all()],
        },
    )

    assert response.status_code == 302
    volunteer.refresh_from_db()
    assert (volunteer.first_name, volunteer.last_name) == (NAME, SURNAME)


def test_team_members_names_are_isolated_in_the_list_and_on_their_page(client, programme_staff):
    volunteer = user_with_role("Volunteers", first_name=NAME, last_name=SURNAME)
    client.force_login(programme_staff)

    listing = client.get(reverse("admin:sanctuary_user_changelist")).content.decode()
    page = client.get(reverse("admin:sanctuary_user_change", args=[volunteer.pk])).content.decode()

    assert f"<bdi>{NAME}</bdi>" in listing and f"<bdi>{SURNAME}</bdi>" in listing
    assert f"<h2><bdi>{NAME} {SURNAME}</bdi></h2>" in page
