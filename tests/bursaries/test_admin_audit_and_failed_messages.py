"""Reading, previewing and exporting are audited, staff read the audit trail in their
language, and messages that failed show in the admin."""

from decimal import Decimal

from django.urls import reverse
from django.utils import translation

from bursaries import services
from bursaries.models import Application
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.bursaries.helpers import CHANGELIST, bulk, change_url, move_url, open_url, review_url


def test_reading_an_application_on_its_page_or_its_review_page_is_audited(client, submit, reviewer):
    application = submit()
    client.force_login(reviewer)
    client.post(open_url(application), {"open": "1"})
    client.get(change_url(application))
    client.get(review_url(application))
    views = AuditEvent.objects.filter(action="application.view", actor=reviewer)
    assert sorted(event.detail.get("page") for event in views) == ["details", "review"]
    assert {event.object_id for event in views} == {str(application.pk)}


def test_previewing_a_decision_message_is_audited(
    client, in_review, programme_staff, decision_templates
):
    application = in_review()
    client.force_login(programme_staff)
    client.get(move_url(application, "declined"))
    event = AuditEvent.objects.get(action="application.preview_message")
    assert event.actor == programme_staff
    assert event.object_id == str(application.pk)
    assert event.detail == {
        "outcome": "declined",
        "template": decision_templates["declined"].pk,
    }


def test_an_export_is_audited_with_what_was_exported(client, in_review, programme_staff):
    first, second = in_review(), in_review(email="o@example.org")
    client.force_login(programme_staff)
    bulk(client, "export_csv", [first, second])
    event = AuditEvent.objects.get(action="application.export")
    assert event.actor == programme_staff
    assert event.detail == {
        "count": 2,
        "references": sorted([first.reference, second.reference]),
    }


def test_staff_see_the_audit_trail_of_an_application_in_their_language(
    client, in_review, programme_staff, reviewer
):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("120"),
        message="Yes",
    )
    client.force_login(programme_staff)
    with translation.override("uk"):
        page = client.get(change_url(application))
        labels = [
            translation.gettext("Sent the application"),
            translation.gettext("The applicant"),
            translation.gettext("Said they have no conflict of interest and opened it"),
            translation.gettext("Submitted a review recommending “%(recommendation)s”")
            % {"recommendation": translation.gettext("Yes")},
            translation.gettext("Put in review"),
            translation.gettext("Approved: %(amount)s") % {"amount": "£120.00"},
        ]
    html = page.content.decode()
    for label in labels:
        assert label in html, label
    assert "Sent the application" not in html
    for action in ["application.submit", "review.submit", "application.in_review"]:
        assert action not in html, action
    assert AuditEvent.objects.filter(actor=programme_staff, action="application.view").exists()

    client.force_login(reviewer)
    page = client.get(change_url(application))
    assert page.status_code == 200
    assert "Sent the application" not in page.content.decode()  # the trail is for staff


def test_every_bursary_action_in_the_audit_trail_has_a_label():
    from bursaries.admin.display import AUDIT_LABELS

    actions = {f"application.{status}" for status in Application.Status.values} - {
        "application.submitted"
    }
    actions |= {
        "application.submit",
        "application.view",
        "application.open",
        "application.conflict",
        "application.preview_message",
        "application.anonymise",
        "review.submit",
    }
    assert actions <= set(AUDIT_LABELS)


def test_a_failed_decision_message_is_visible_in_the_admin(
    client, in_review, programme_staff, django_capture_on_commit_callbacks
):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="Sorry.",
    )
    OutgoingMessage.objects.filter(template="bursary_decision").update(
        status=OutgoingMessage.Status.FAILED, last_error="SMTPRecipientsRefused: 550 no such user"
    )
    client.force_login(programme_staff)
    html = client.get(CHANGELIST).content.decode()
    outbox = reverse("admin:sanctuary_outgoingmessage_changelist")
    assert f"{outbox}?q=bursary%3Aapplication%3A{application.pk}%3A" in html
    assert "Not sent" in html
    change = client.get(change_url(application)).content.decode()
    assert "550 no such user" in change
    found = client.get(outbox, {"q": f"bursary:application:{application.pk}:"})
    assert {m.template for m in found.context["cl"].result_list} == {
        "bursary_received",
        "bursary_decision",
    }


def test_applications_with_a_message_not_sent_can_be_listed_on_their_own(
    client, in_review, programme_staff
):
    failed, fine = in_review(), in_review(email="fine@example.org")
    for application in (failed, fine):
        services.application_decide(
            application_id=application.pk,
            outcome=Application.Status.DECLINED,
            actor=programme_staff,
            message="Sorry.",
        )
    OutgoingMessage.objects.filter(
        template="bursary_decision", dedupe_key__startswith=f"bursary:application:{failed.pk}:"
    ).update(status=OutgoingMessage.Status.FAILED)
    client.force_login(programme_staff)

    response = client.get(CHANGELIST, {"message_problem": "not_sent"})

    assert list(response.context["cl"].result_list) == [failed]
    assert "A message could not be sent" in response.content.decode()
