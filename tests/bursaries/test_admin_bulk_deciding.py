"""Deciding many applications at once in the admin: all of them or none."""

from decimal import Decimal

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse
from django.utils import translation

from bursaries.models import Application
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.bursaries.helpers import CHANGELIST, bulk


def test_bulk_approval_asks_for_confirmation_then_approves(
    client, in_review, programme_staff, decision_templates
):
    applications = [
        in_review(email=f"p{n}@example.org", amount_requested=Decimal("400")) for n in range(2)
    ]
    client.force_login(programme_staff)

    confirm = bulk(client, "approve_selected", applications)
    assert confirm.status_code == 200
    assert (
        'these ask for <bdi dir="ltr">£800.00</bdi>; <bdi dir="ltr">£1,000.00</bdi> is left'
        in confirm.content.decode()
    )
    assert not Application.objects.filter(status="approved").exists()

    template = decision_templates["approved"]
    response = bulk(client, "approve_selected", applications, confirm="1", template=template.pk)
    assert response.status_code == 302
    statuses = [Application.objects.get(pk=a.pk).status for a in applications]
    assert statuses == ["approved", "approved"]
    approved = Application.objects.filter(status="approved").first()
    assert approved.messages.get().body == "Maryam عزیز، approved \u2066£400.00\u2069."
    assert AuditEvent.objects.filter(action="application.approved").count() == 2


def test_a_bulk_approval_over_budget_changes_nothing_and_says_why_in_the_pages_language(
    client, in_review, programme_staff, decision_templates, fund
):
    applications = [
        in_review(email=f"p{n}@example.org", amount_requested=Decimal("400")) for n in range(3)
    ]
    client.force_login(programme_staff)
    with translation.override("uk"):
        changelist = reverse("admin:bursaries_application_changelist")
    response = client.post(
        changelist,
        {
            "action": "approve_selected",
            ACTION_CHECKBOX_NAME: [a.pk for a in applications],
            "confirm": "1",
            "template": decision_templates["approved"].pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    [message] = [str(m) for m in response.context["messages"]]
    with translation.override("uk"):
        nothing = translation.gettext("Nothing was changed.")
    assert message.startswith(nothing)
    assert fund.name in message
    assert not Application.objects.filter(status="approved").exists()
    assert not AuditEvent.objects.filter(action="application.approved").exists()
    assert not OutgoingMessage.objects.filter(template="bursary_decision").exists()
    assert not any(a.messages.exists() for a in applications)


def test_a_bulk_decision_with_one_application_that_cannot_be_decided_changes_nothing(
    client, in_review, submit, programme_staff, decision_templates
):
    reviewed_one = in_review()
    not_reviewed = submit(email="new@example.org")  # cannot be approved before a review
    client.force_login(programme_staff)
    response = bulk(
        client,
        "approve_selected",
        [reviewed_one, not_reviewed],
        confirm="1",
        template=decision_templates["approved"].pk,
    )
    assert response.status_code == 302
    reviewed_one.refresh_from_db()
    assert reviewed_one.status == Application.Status.IN_REVIEW
    messages = [str(m) for m in client.get(CHANGELIST).context["messages"]]
    assert any(not_reviewed.reference in m for m in messages), messages


def test_bulk_decline_sends_each_person_the_template_in_their_language(
    client, in_review, programme_staff, decision_templates
):
    persian = in_review(language="fa")
    english = in_review(language="en", email="e@example.org")
    client.force_login(programme_staff)
    bulk(
        client,
        "decline_selected",
        [persian, english],
        confirm="1",
        template=decision_templates["declined"].pk,
    )
    persian.refresh_from_db()
    english.refresh_from_db()
    assert persian.messages.get().body == "Maryam عزیز، declined ."
    assert english.messages.get().body == "Dear Maryam, declined ."
