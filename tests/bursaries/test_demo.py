import io

from django.core.management import call_command

from bursaries.models import Application, DecisionTemplate, Fund, Opportunity, PartnerOrganisation


def load_demo():
    call_command("demo_data", stdout=io.StringIO())


def test_the_demo_can_be_loaded_twice_without_doubling(db):
    load_demo()
    load_demo()
    assert PartnerOrganisation.objects.count() == 5
    assert Fund.objects.count() == 2
    assert Opportunity.objects.count() == 4
    assert DecisionTemplate.objects.count() == 3
    assert Application.objects.count() == 5


def test_the_demo_has_the_five_partners_an_open_and_a_closed_fund(db):
    load_demo()
    assert set(PartnerOrganisation.objects.values_list("name", flat=True)) == {
        "The Bridge Plus+",
        "New Routes",
        "GYROS",
        "Dereham Ukraine Aid Centre",
        "Norwich City of Sanctuary",
    }
    states = {fund.name: fund.state for fund in Fund.objects.all()}
    assert states["Learning and participation bursaries 2026–27"] == Fund.State.OPEN
    assert list(states.values()).count(Fund.State.CLOSED) == 1
    assert Fund.objects.get(slug="learning-and-participation-2026-27").budget == 5000


def test_demo_opportunities_are_at_stage_two_and_the_theatre_royal_in_every_language(db):
    load_demo()
    for opportunity in Opportunity.objects.select_related("venue"):
        assert opportunity.venue.slug in {"stage-two", "theatre-royal"}
        for code in ["en", "uk", "ar", "fa", "ps"]:
            assert getattr(opportunity, f"title_{code}"), (opportunity, code)
            assert getattr(opportunity, f"description_{code}"), (opportunity, code)
    for template in DecisionTemplate.objects.all():
        for code in ["en", "uk", "ar", "fa", "ps"]:
            assert "{name}" in getattr(template, f"body_{code}"), (template, code)


def test_demo_applications_are_in_different_states_within_the_budget(db):
    load_demo()
    assert set(Application.objects.values_list("status", flat=True)) == {
        "submitted",
        "in_review",
        "approved",
        "declined",
        "more_information",
    }
    assert set(Application.objects.values_list("language", flat=True)) == {"fa", "uk", "ps", "ar"}
