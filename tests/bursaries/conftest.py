from datetime import timedelta
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from bursaries import services
from bursaries.models import (
    Application,
    DecisionTemplate,
    Fund,
    Opportunity,
)
from partners.models import PartnerOrganisation
from tests.factories import VenueFactory


@pytest.fixture
def fund(db):
    today = timezone.localdate()
    return Fund.objects.create(
        name="Learning and participation bursaries",
        name_fa="کمک‌هزینه‌های آموزش و مشارکت",
        slug="learning",
        budget=Decimal("1000.00"),
        opens_on=today - timedelta(days=10),
        closes_on=today + timedelta(days=30),
        covers="Most bursaries are between £50 and £300.",
        how_decided="Two reviewers read each application.",
    )


@pytest.fixture
def closed_fund(db):
    today = timezone.localdate()
    return Fund.objects.create(
        name="Summer bursaries",
        slug="summer",
        budget=Decimal("500.00"),
        opens_on=today - timedelta(days=100),
        closes_on=today - timedelta(days=40),
    )


@pytest.fixture
def opportunity(db):
    today = timezone.localdate()
    return Opportunity.objects.create(
        kind=Opportunity.Kind.YOUTH_THEATRE,
        title="Youth theatre",
        title_fa="تئاتر جوانان",
        venue=VenueFactory(name="Stage Two"),
        starts_on=today,
        ends_on=today + timedelta(days=90),
    )


@pytest.fixture
def partner(db):
    return PartnerOrganisation.objects.create(name="New Routes")


@pytest.fixture
def decision_templates(db):
    return {
        outcome: DecisionTemplate.objects.create(
            outcome=outcome,
            name=f"{outcome} words",
            body=f"Dear {{name}}, {outcome} {{amount}}.",
            body_fa=f"{{name}} عزیز، {outcome} {{amount}}.",
        )
        for outcome in DecisionTemplate.Outcome.values
    }


def application_fields(**overrides) -> dict:
    """What services.application_submit takes, for one person applying by email."""
    return {
        "name": "Maryam",
        "contact_method": Application.Contact.EMAIL,
        "email": "maryam@example.org",
        "language": "fa",
        "support": ["course_fee", "travel"],
        "amount_requested": Decimal("120.00"),
        "statement": "I would love to be on a stage again.",
        "own_words": "",
        "privacy_consent": True,
        **overrides,
    }


@pytest.fixture
def submit(fund, opportunity):
    """Submit an application to the open fund, as the public form does."""

    def submit(**overrides) -> Application:
        fields = application_fields(**overrides)
        fields.setdefault("opportunity", opportunity)
        return services.application_submit(fund=fields.pop("fund", fund), **fields)

    return submit


def reviewed(application: Application, reviewer, **scores) -> Application:
    """A reviewer opens and scores it, which puts it in review."""
    services.review_open(application_id=application.pk, reviewer=reviewer)
    services.review_submit(
        application_id=application.pk,
        reviewer=reviewer,
        **{"need": 4, "benefit": 4, "fit": 4, "recommendation": "yes", **scores},
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def in_review(submit, reviewer):
    """An application one reviewer has scored."""

    def in_review(**overrides) -> Application:
        return reviewed(submit(**overrides), reviewer)

    return in_review


class _Directions(HTMLParser):
    """Where each piece of text sits: the direction of the nearest element that sets one."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}

    def __init__(self, text: str):
        super().__init__()
        self.text = text
        self.stack: list[str | None] = []
        self.found: list[str | None] = []

    def _direction(self, tag, attrs) -> str | None:
        attrs = dict(attrs)
        return "auto" if tag == "bdi" and "dir" not in attrs else attrs.get("dir")

    def handle_starttag(self, tag, attrs):
        values = [value or "" for name, value in attrs if name == "value"]
        if tag == "input" and any(self.text in value for value in values):
            self.found.append(self._direction(tag, attrs) or self._nearest())
        if tag not in self.VOID:
            self.stack.append(self._direction(tag, attrs))

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.text in data:
            self.found.append(self._nearest())

    def _nearest(self) -> str | None:
        return next((d for d in reversed(self.stack) if d), None)


def assert_in_its_own_direction(html: str, text: str) -> None:
    """Every place `text` (written by an applicant or a reviewer) appears lets the browser
    find its direction from the text itself: dir="auto" on the nearest element that sets one."""
    parser = _Directions(text)
    parser.feed(html)
    assert parser.found, f"{text!r} is not on the page"
    assert set(parser.found) == {"auto"}, f"{text!r}: {parser.found}"
