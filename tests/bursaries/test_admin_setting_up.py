"""Setting the bursaries up in the admin: funds and their budgets, decision templates in
every language."""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from bursaries import services
from bursaries.models import Application, DecisionTemplate
from sanctuary.models import AuditEvent
from tests.languages import LANGUAGES


def test_the_fund_page_in_the_admin_shows_budget_awarded_and_what_is_left(
    client, programme_staff, in_review, fund
):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("250"),
        message="Yes",
    )
    in_review(email="o@example.org", amount_requested=Decimal("75"))
    client.force_login(programme_staff)
    html = client.get(reverse("admin:bursaries_fund_changelist")).content.decode()
    for figure in ["£1,000.00", "£250.00", "£750.00", "£75.00"]:
        assert figure in html
    change = client.get(reverse("admin:bursaries_fund_change", args=[fund.pk])).content.decode()
    assert "£750.00" in change


def fund_form(fund, **changes):
    data = {
        "slug": fund.slug,
        "budget": str(fund.budget),
        "opens_on": fund.opens_on.isoformat(),
        "closes_on": fund.closes_on.isoformat(),
    }
    for field in ("name", "description", "covers", "how_decided"):
        for code in LANGUAGES:
            data[f"{field}_{code}"] = getattr(fund, f"{field}_{code}") or ""
    return {**data, **changes}


def test_staff_cannot_cut_a_budget_below_what_is_awarded(client, programme_staff, in_review, fund):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("250"),
        message="Yes",
    )
    client.force_login(programme_staff)
    url = reverse("admin:bursaries_fund_change", args=[fund.pk])
    response = client.post(url, fund_form(fund, budget="200"))
    assert response.status_code == 200
    assert "This fund has already awarded £250.00." in response.content.decode()
    response = client.post(url, fund_form(fund, budget="2000", how_decided_fa="دو داور"))
    assert response.status_code == 302
    fund.refresh_from_db()
    assert fund.budget == Decimal("2000.00")
    assert fund.how_decided_fa == "دو داور"
    event = AuditEvent.objects.get(action="fund.update")
    assert event.detail["fields"] == ["budget", "how_decided_fa"]
    assert event.detail["changes"] == {
        "budget": {"old": "1000.00", "new": "2000.00"},
        "how_decided_fa": {"old": "", "new": "دو داور"},
    }


def test_staff_write_decision_templates_in_every_language(client, programme_staff):
    client.force_login(programme_staff)
    data = {"outcome": "declined", "name": "Decline", "position": "0", "is_active": "on"}
    for code in LANGUAGES:
        data[f"body_{code}"] = f"{code}: {{name}}"
    response = client.post(reverse("admin:bursaries_decisiontemplate_add"), data)
    assert response.status_code == 302
    template = DecisionTemplate.objects.get()
    with translation.override("ps"):
        assert template.body == "ps: {name}"
    assert AuditEvent.objects.filter(action="decision_template.create").exists()
