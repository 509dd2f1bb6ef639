import io

import pytest
from django.core.management import CommandError, call_command

from sanctuary.models import User
from tests.languages import LANGUAGES
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
    for code in LANGUAGES:
        assert getattr(royal, f"name_{code}")
        assert getattr(royal, f"access_information_{code}")


def test_demo_data_is_refused_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo_data", stdout=io.StringIO())


def test_every_translated_word_of_the_demo_is_written_in_every_language(db):
    """Each field staff translate (venues, drop-ins, partners, funds, opportunities, decision
    templates, performances, network events) is written in every language wherever the demo
    writes it in English, so a page in any language shows the demo in that language."""
    from modeltranslation.translator import translator

    call_command("demo_data", stdout=io.StringIO())
    missing, models = [], set()
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        for row in model.objects.all():
            for field in fields:
                if not getattr(row, f"{field}_en"):
                    continue
                models.add(model.__name__)
                missing += [
                    f"{model.__name__} {row.pk} {field}_{code}"
                    for code in LANGUAGES
                    if not getattr(row, f"{field}_{code}")
                ]
    assert len(models) == 8, models
    assert missing == []
