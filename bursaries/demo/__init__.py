"""Demo bursaries for `make run`: an open and a closed fund, things to take part in at Stage
Two and the Theatre Royal in every UI language, decision templates, and a few applications in
different states (their referrers come from partners/demo.py). Safe to run again: it updates
what is there. The words are in funds.py and letters.py beside this file, and in words.py for
five of the languages."""

from datetime import timedelta

from django.utils import timezone

from bursaries import services
from bursaries.demo import words
from bursaries.demo.funds import CLOSED_FUND, OPEN_FUND, OPPORTUNITIES
from bursaries.demo.letters import APPLICATIONS, TEMPLATES
from bursaries.models import (
    DecisionTemplate,
    Fund,
    Opportunity,
)
from partners.models import PartnerOrganisation
from sanctuary.models import User
from venues.models import Venue


def demo_load() -> None:
    today = timezone.localdate()
    open_fund = _fund(OPEN_FUND, today)
    _fund(CLOSED_FUND, today)
    opportunities = [_opportunity(data, today) for data in OPPORTUNITIES]
    templates = {
        data["outcome"]: DecisionTemplate.objects.update_or_create(
            outcome=data["outcome"],
            name=data["name"],
            defaults={
                f"body_{code}": text
                for code, text in {**data["body"], **words.TEMPLATES[data["name"]]}.items()
            },
        )[0]
        for data in TEMPLATES
    }
    if not open_fund.applications.exists():
        _applications(open_fund, opportunities, templates)


def _translated(text: dict) -> dict:
    return {
        f"{field}_{code}": value for code, fields in text.items() for field, value in fields.items()
    }


def _fund(data: dict, today) -> Fund:
    """The fund with fresh dates and words. Its budget is set only when it is created: an
    existing fund keeps the budget staff gave it, which is never less than it has awarded."""
    defaults = {
        "opens_on": today + timedelta(days=data["opens_in_days"]),
        "closes_on": today + timedelta(days=data["closes_in_days"]),
        **_translated({**data["text"], **words.FUNDS[data["slug"]]}),
    }
    fund, _created = Fund.objects.update_or_create(
        slug=data["slug"],
        defaults=defaults,
        create_defaults={**defaults, "budget": data["budget"]},
    )
    return fund


def _opportunity(data: dict, today) -> Opportunity:
    opportunity, _created = Opportunity.objects.update_or_create(
        title_en=data["text"]["en"]["title"],
        defaults={
            "kind": data["kind"],
            "venue": Venue.objects.get(slug=data["venue"]),
            "starts_on": today + timedelta(days=data["starts_in_days"]),
            "ends_on": today + timedelta(days=data["ends_in_days"]),
            "is_active": True,
            **_translated({**data["text"], **words.OPPORTUNITIES[data["text"]["en"]["title"]]}),
        },
    )
    return opportunity


def _applications(fund: Fund, opportunities: list[Opportunity], templates: dict) -> None:
    staff = User.objects.get(email="staff@example.org")
    reviewer = User.objects.get(email="reviewer@example.org")
    for data in APPLICATIONS:
        referrer = data.get("referrer")
        application = services.application_submit(
            fund=fund,
            name=data["name"],
            contact_method=data["contact_method"],
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            language=data["language"],
            opportunity=opportunities[data["opportunity"]] if "opportunity" in data else None,
            own_words=data.get("own_words", ""),
            support=data["support"],
            amount_requested=data["amount_requested"],
            statement=data["statement"],
            referrer_organisation=PartnerOrganisation.objects.get(name=referrer)
            if referrer
            else None,
            referrer_name=data.get("referrer_name", ""),
            referrer_email=data.get("referrer_email", ""),
            referrer_consent=bool(referrer),
            privacy_consent=True,
        )
        # Decisions go through the services, like staff's: an award never passes the budget.
        for step in data["then"]:
            if step == "review":
                services.review_open(application_id=application.pk, reviewer=reviewer)
                services.review_submit(
                    application_id=application.pk,
                    reviewer=reviewer,
                    need=4,
                    benefit=4,
                    fit=5,
                    recommendation="yes",
                    comment="Clear need; a good fit.",
                )
                continue
            application.refresh_from_db()
            services.application_transition(
                application_id=application.pk,
                to_status=step,
                actor=staff,
                amount_awarded=application.amount_requested,
                message=services.decision_message_draft(
                    application=application, template=templates[step]
                ),
            )
