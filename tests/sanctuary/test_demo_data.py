import io

import pytest
from django.core.management import CommandError, call_command

from sanctuary.models import User
from venues.models import Venue

pytestmark = pytest.mark.instants


def test_demo_data_can_be_loaded_twice_without_doubling(db):
    for _ in range(2):
        output = io.StringIO()
        call_command("demo_data", stdout=output)
    assert Venue.objects.count() == 3
    assert User.objects.filter(partner_worker__isnull=True).count() == 3
    assert "staff@example.org" in output.getvalue()
    assert "sanctuary-demo" in output.getvalue()


def test_demo_venues_are_translated_into_every_language(db):
    call_command("demo_data", stdout=io.StringIO())
    royal = Venue.objects.get(slug="theatre-royal")
    assert royal.postcode == "NR2 1RL"
    for code in ["en", "uk", "ar", "fa", "ps"]:
        assert getattr(royal, f"name_{code}")
        assert getattr(royal, f"access_information_{code}")


def test_demo_data_is_refused_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo_data", stdout=io.StringIO())
