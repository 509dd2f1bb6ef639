"""Deciding one application in the admin: only those who decide may, with a message
prefilled in the applicant's language, within what is left in the fund."""

from decimal import Decimal

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.utils import translation

from bursaries.models import Application, DecisionTemplate
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.bursaries.helpers import CHANGELIST, change_url, move_url


def test_a_reviewer_cannot_decide_in_the_admin(client, in_review, reviewer, decision_templates):
    application = in_review()
    client.force_login(reviewer)
    assert client.get(move_url(application, "approved")).status_code == 403
    response = client.post(
        move_url(application, "approved"), {"amount_awarded": "100", "message": "Yes"}
    )
    assert response.status_code == 403
    assert client.get(CHANGELIST).context["action_form"] is None  # no bulk decisions, no export
    # A complete bulk approval, as programme staff would send it, still changes nothing.
    client.post(
        CHANGELIST,
        {
            "action": "approve_selected",
            ACTION_CHECKBOX_NAME: [application.pk],
            "confirm": "1",
            "template": decision_templates["approved"].pk,
        },
    )
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW


def test_staff_approve_with_a_message_prefilled_in_the_applicants_language(
    client, in_review, programme_staff, decision_templates, fund, django_capture_on_commit_callbacks
):
    application = in_review(language="fa")
    client.force_login(programme_staff)
    page = client.get(move_url(application, "approved"))
    draft = page.context["form"]["message"].value()
    # The amount goes in once staff confirm how much they award.
    assert draft == "Maryam عزیز، approved {amount}."
    assert '<bdi dir="ltr">£1,000.00</bdi> left' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            move_url(application, "approved"),
            {"amount_awarded": "100", "message": draft},
            follow=True,
        )
    application.refresh_from_db()
    assert application.status == Application.Status.APPROVED
    assert application.amount_awarded == Decimal("100.00")
    assert application.decided_by == programme_staff
    assert "£900.00 is left" in response.content.decode()
    message = OutgoingMessage.objects.get(template="bursary_decision")
    assert message.language == "fa"
    assert message.status == OutgoingMessage.Status.SENT
    assert application.messages.get().body == "Maryam عزیز، approved \u2066£100.00\u2069."


def test_another_template_can_be_chosen_to_start_from(
    client, in_review, programme_staff, decision_templates
):
    application = in_review(language="en")
    other = DecisionTemplate.objects.create(
        outcome="declined", name="Next round", body="{name}, try the next round."
    )
    client.force_login(programme_staff)
    page = client.get(move_url(application, "declined"), {"template": other.pk})
    assert page.context["form"]["message"].value() == "Maryam, try the next round."


def test_the_admin_refuses_an_award_bigger_than_what_is_left(client, in_review, programme_staff):
    application = in_review()
    client.force_login(programme_staff)
    with translation.override("uk"):
        url = move_url(application, "approved")
        expected = translation.gettext(
            "That is more than is left in %(fund)s: %(left)s of %(budget)s."
        )
    assert url.startswith("/uk/")
    response = client.post(url, {"amount_awarded": "1000.01", "message": "Так"})
    assert response.status_code == 200
    html = response.content.decode()
    assert expected.split("%(fund)s")[0] in html
    assert "That is more than is left" not in html
    assert response.context["form"].errors["amount_awarded"]
    assert response.context["form"]["message"].value() == "Так"
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    assert application.amount_awarded is None
    assert not application.messages.exists()
    assert not OutgoingMessage.objects.filter(template="bursary_decision").exists()
    assert not AuditEvent.objects.filter(action="application.approved").exists()


def test_a_move_the_rules_do_not_allow_is_not_offered(client, submit, programme_staff):
    application = submit()
    client.force_login(programme_staff)
    html = client.get(change_url(application)).content.decode()
    assert move_url(application, "approved") not in html  # not before a review
    assert move_url(application, "in_review") in html
    assert client.get(move_url(application, "approved")).status_code == 404
