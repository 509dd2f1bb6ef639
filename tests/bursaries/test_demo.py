import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from bursaries import services
from bursaries.models import Application, DecisionTemplate, Fund, Opportunity
from bursaries.selectors import fund_list_with_totals
from partners.models import PartnerOrganisation
from sanctuary.models import User
from tests.languages import LANGUAGES

pytestmark = pytest.mark.instants


def load_demo():
    call_command("demo_data", stdout=io.StringIO())


def test_the_demo_can_be_loaded_twice_without_doubling(db):
    load_demo()
    load_demo()
    assert PartnerOrganisation.objects.count() == 8
    assert Fund.objects.count() == 2
    assert Opportunity.objects.count() == 4
    assert DecisionTemplate.objects.count() == 3
    # The bursaries demo's own (the portal's demo adds a referral of its own).
    assert Application.objects.filter(portal_organisation=None).count() == 5


def test_the_demo_has_the_five_referring_partners_an_open_and_a_closed_fund(db):
    load_demo()
    assert set(PartnerOrganisation.objects.values_list("name", flat=True)) >= {
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
        for code in LANGUAGES:
            assert getattr(opportunity, f"title_{code}"), (opportunity, code)
            assert getattr(opportunity, f"description_{code}"), (opportunity, code)
    for template in DecisionTemplate.objects.all():
        for code in LANGUAGES:
            assert "{name}" in getattr(template, f"body_{code}"), (template, code)


def test_demo_applications_are_in_different_states(db):
    load_demo()
    assert set(Application.objects.values_list("status", flat=True)) == {
        "submitted",
        "in_review",
        "approved",
        "declined",
        "more_information",
    }
    assert set(Application.objects.values_list("language", flat=True)) == {"fa", "uk", "ps", "ar"}


def assert_every_fund_within_budget():
    for fund in fund_list_with_totals():
        assert fund.awarded <= fund.budget, fund


def test_the_demo_awards_within_each_funds_budget(db):
    load_demo()
    assert_every_fund_within_budget()
    assert fund_list_with_totals().get(slug="learning-and-participation-2026-27").awarded > 0


def test_loading_the_demo_again_never_cuts_a_budget_below_what_it_has_awarded(db):
    load_demo()
    fund = Fund.objects.get(slug="learning-and-participation-2026-27")
    staff = User.objects.get(email="staff@example.org")
    fund.budget = Decimal("8000.00")
    services.fund_save(fund=fund, actor=staff, changed=["budget"])
    olena = Application.objects.get(status="in_review")
    services.application_decide(
        application_id=olena.pk,
        outcome=Application.Status.APPROVED,
        actor=staff,
        amount_awarded=Decimal("6000.00"),
        message="Yes",
    )

    load_demo()

    assert_every_fund_within_budget()
    fund.refresh_from_db()
    assert fund.budget == Decimal("8000.00")  # staff's figure stands
