from django.urls import reverse

from sanctuary.models import AuditEvent
from tests.languages import LANGUAGES
from venues.models import Venue


def venue_form(venue: Venue, **changes) -> dict:
    data = {
        "slug": venue.slug,
        "address": venue.address,
        "postcode": venue.postcode,
        "position": venue.position,
        "is_active": "on",
    }
    for field in ("name", "description", "access_information", "getting_there"):
        for code in LANGUAGES:
            data[f"{field}_{code}"] = getattr(venue, f"{field}_{code}") or ""
    return {**data, **changes}


def test_programme_staff_edit_a_venues_translations_and_the_change_is_audited(
    client, programme_staff, venues
):
    playhouse = Venue.objects.get(slug="playhouse")
    old_words = playhouse.access_information_uk
    client.force_login(programme_staff)
    response = client.post(
        reverse("admin:venues_venue_change", args=[playhouse.pk]),
        venue_form(playhouse, access_information_uk="Вхід без сходинок."),
    )
    assert response.status_code == 302
    playhouse.refresh_from_db()
    assert playhouse.access_information_uk == "Вхід без сходинок."
    event = AuditEvent.objects.get(action="venue.update", actor=programme_staff)
    assert event.detail == {
        "changes": {
            "access_information_uk": {
                "old": old_words,
                "new": "Вхід без сходинок.",
            }
        }
    }


def test_a_venue_cannot_be_deleted_only_retired(client, programme_staff, venues):
    client.force_login(programme_staff)
    playhouse = Venue.objects.get(slug="playhouse")
    assert client.get(reverse("admin:venues_venue_delete", args=[playhouse.pk])).status_code == 403
