"""Deciding, through the services: who may, which moves the rules allow, and the decision
sent the way the applicant chose."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from bursaries import services
from bursaries.models import TRANSITIONS, Application
from sanctuary import sms
from sanctuary.models import AuditEvent, OutgoingMessage

Status = Application.Status


@pytest.mark.parametrize("outcome", [Status.APPROVED, Status.DECLINED, Status.MORE_INFORMATION])
def test_a_reviewer_cannot_decide(in_review, reviewer, outcome):
    application = in_review()
    with pytest.raises(PermissionDenied):
        services.application_transition(
            application_id=application.pk,
            to_status=outcome,
            actor=reviewer,
            amount_awarded=Decimal("50"),
            message="Yes",
        )
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
    assert application.amount_awarded is None
    assert not OutgoingMessage.objects.filter(template="bursary_decision").exists()


def test_a_volunteer_cannot_move_an_application_at_all(submit, volunteer):
    application = submit()
    for status in Status.values:
        with pytest.raises(PermissionDenied):
            services.application_transition(
                application_id=application.pk, to_status=status, actor=volunteer, message="x"
            )


INVALID = [
    (before, after)
    for before in Status.values
    for after in Status.values
    if after not in TRANSITIONS[before]
]


@pytest.mark.parametrize(("before", "after"), INVALID)
def test_an_invalid_transition_is_refused(submit, programme_staff, before, after):
    application = submit()
    Application.objects.filter(pk=application.pk).update(
        status=before, amount_awarded=Decimal("50") if before == Status.APPROVED else None
    )
    with pytest.raises(ValidationError) as refused:
        services.application_transition(
            application_id=application.pk,
            to_status=after,
            actor=programme_staff,
            amount_awarded=Decimal("50"),
            message="A message",
        )
    assert refused.value.code == "invalid_transition"
    application.refresh_from_db()
    assert application.status == before


def test_the_transition_table_starts_at_submitted_and_ends_in_a_decision():
    assert TRANSITIONS[Status.SUBMITTED] >= {Status.IN_REVIEW, Status.WITHDRAWN}
    assert Status.APPROVED not in TRANSITIONS[Status.SUBMITTED]  # reviewed first
    assert TRANSITIONS[Status.DECLINED] == TRANSITIONS[Status.WITHDRAWN] == frozenset()


def test_approving_records_who_and_when_and_queues_the_decision_in_the_applicants_language(
    in_review, programme_staff, django_capture_on_commit_callbacks
):
    application = in_review()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application_id=application.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            amount_awarded=Decimal("120.00"),
            message="Maryam عزیز، خوشحالیم.",
        )
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.amount_awarded == Decimal("120.00")
    assert application.decided_by == programme_staff
    assert application.decided_at is not None
    decision = OutgoingMessage.objects.get(template="bursary_decision")
    assert decision.language == "fa"
    assert decision.dedupe_key == f"bursary:application:{application.pk}:decision"
    email = mail.outbox[-1]
    assert "Maryam عزیز، خوشحالیم." in email.body
    event = AuditEvent.objects.get(action="application.approved")
    assert event.actor == programme_staff
    assert event.detail == {"from": "in_review", "to": "approved", "amount_awarded": "120.00"}


def test_a_decision_by_text_message_says_nothing_private(
    in_review, programme_staff, django_capture_on_commit_callbacks
):
    application = in_review(contact_method=Application.Contact.PHONE, phone="+447911123456")
    sms.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application_id=application.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            amount_awarded=Decimal("120.00"),
            message="We will pay £120 for the youth theatre.",
        )
    [text] = sms.outbox
    assert application.reference in text["body"]
    assert "120" not in text["body"]
    assert "youth theatre" not in text["body"]


def test_the_decision_goes_to_the_referrer_if_the_applicant_chose_that(
    in_review, partner, programme_staff, django_capture_on_commit_callbacks
):
    application = in_review(
        contact_method=Application.Contact.REFERRER,
        email="",
        referrer_organisation=partner,
        referrer_email="jo@newroutes.example.org",
        referrer_consent=True,
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application_id=application.pk,
            outcome=Status.DECLINED,
            actor=programme_staff,
            message="We are sorry.",
        )
    assert mail.outbox[0].to == ["jo@newroutes.example.org"]
    assert "We are sorry." in mail.outbox[0].body


def test_approving_needs_an_amount_and_every_decision_needs_a_message(in_review, programme_staff):
    application = in_review()
    with pytest.raises(ValidationError) as no_amount:
        services.application_decide(
            application_id=application.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            message="Yes",
        )
    assert "amount_awarded" in no_amount.value.message_dict
    with pytest.raises(ValidationError) as no_message:
        services.application_decide(
            application_id=application.pk,
            outcome=Status.DECLINED,
            actor=programme_staff,
            message=" ",
        )
    assert "message" in no_message.value.message_dict


def test_an_unknown_status_is_refused_with_a_reason(in_review, programme_staff):
    application = in_review()
    with pytest.raises(ValidationError) as refused:
        services.application_transition(
            application_id=application.pk, to_status="paid", actor=programme_staff
        )
    assert refused.value.code == "no_status"
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW
