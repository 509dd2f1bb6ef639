"""The demo's network events: the celebration at Norwich Arts Centre in about three weeks,
6–8.30 pm, the three-date training at Stage Two and the NCAN meeting, in every language, and
loading them again changes nothing."""

from datetime import time, timedelta

import pytest
from django.utils import timezone, translation

from events.demo import network
from events.models import NetworkBooking, NetworkEvent, NetworkEventDate
from tests.languages import LANGUAGES

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_celebration_the_training_and_the_meeting(venues):
    celebration = NetworkEvent.objects.get(slug="city-of-sanctuary-celebration")
    date = celebration.dates.get()
    starts = timezone.localtime(date.starts_at)
    assert (celebration.venue, celebration.place_name) == (None, "Norwich Arts Centre")
    assert celebration.place_address == "51 St Benedict's Street, Norwich NR2 4PG"
    assert (starts.time(), timezone.localtime(date.ends_at).time()) == (time(18), time(20, 30))
    assert timedelta(days=20) < date.starts_at - timezone.now() < timedelta(days=22)
    training = NetworkEvent.objects.get(slug="speak-up-for-sanctuary")
    assert (training.venue.slug, training.dates.count()) == ("stage-two", 3)
    assert NetworkEvent.objects.get(slug="ncan-partnership-meeting").organiser == "NCAN"
    for language in LANGUAGES:
        with translation.override(language):
            assert all(event.title and event.description for event in NetworkEvent.objects.all())
    assert len({e.title_ps for e in NetworkEvent.objects.all()}) == 3


def test_loading_the_demo_again_changes_nothing(venues):
    before = (
        NetworkEvent.objects.count(),
        NetworkEventDate.objects.count(),
        NetworkBooking.objects.count(),
    )

    network.demo_load()

    assert before == (3, 5, 3)
    assert (
        NetworkEvent.objects.count(),
        NetworkEventDate.objects.count(),
        NetworkBooking.objects.count(),
    ) == before
