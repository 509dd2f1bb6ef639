"""The demo volunteer can open the door of a demo performance with guest seats at the Theatre
Royal on its day: the venues `make run` gives her are where performances are."""

import pytest
from django.utils import timezone

from attendance import rules, selectors
from dropins.models import LONDON
from events.models import Performance
from sanctuary.models import User
from tests.attendance.door_helpers import make_performance
from venues.models import Venue

pytestmark = pytest.mark.django_db


def test_the_demo_volunteer_opens_every_demo_door_at_the_theatre_royal_on_its_day(demo):
    demo()
    volunteer = User.objects.get(email="volunteer@example.org")
    # Besides whatever the demo holds, one tonight at the Theatre Royal.
    make_performance(venue=Venue.objects.get(slug="theatre-royal"))
    nights = Performance.objects.filter(venue__slug="theatre-royal", allocation__isnull=False)

    assert nights
    for night in nights:
        day = timezone.localdate(night.starts_at, LONDON)
        assert rules.may_open_door(volunteer, night, day)
        assert selectors.door_performance_get(user=volunteer, pk=night.pk, today=day) == night
