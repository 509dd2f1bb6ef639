"""What anonymising and removing personal details on request forget, and what they keep."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from bursaries import selectors, services
from bursaries.models import ApplicantMessage, Application, Review
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.bursaries.helpers import decided_months_ago

Status = Application.Status


@pytest.fixture
def to_forget(in_review, partner, programme_staff):
    """An approved application, referred, with a reviewer's comment and a decision message
    still waiting in the outbox."""
    application = in_review(
        contact_method=Application.Contact.REFERRER,
        email="",
        referrer_organisation=partner,
        referrer_name="Jo Caseworker",
        referrer_email="jo@newroutes.example.org",
        referrer_consent=True,
        own_words="Photography",
    )
    Review.objects.update(comment="She told me about her brother.")
    services.application_decide(
        application_id=application.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("110"),
        message="Dear Maryam, yes.",
    )
    application.refresh_from_db()
    return application


def test_anonymisation_keeps_the_figures_and_removes_the_person(to_forget, partner, settings):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    application = to_forget
    old_token = application.status_token
    decided_months_ago(application, 24)

    assert services.applications_anonymise() == 1

    application.refresh_from_db()
    for field in ("name", "email", "statement", "own_words", "referrer_name", "referrer_email"):
        assert getattr(application, field) == "", field
    assert application.phone == ""
    assert ApplicantMessage.objects.get().body == ""
    assert application.anonymised_at is not None
    assert application.status_token != old_token
    assert Review.objects.get().comment == ""
    # What funders are told about stays.
    assert application.status == Status.APPROVED
    assert application.amount_requested == Decimal("120.00")
    assert application.amount_awarded == Decimal("110.00")
    assert application.fund_id and application.opportunity_id
    assert application.referrer_organisation == partner
    assert application.support == ["course_fee", "travel"]
    assert Review.objects.get().need == 4
    assert selectors.application_get_by_token(token=old_token) is None
    assert services.applications_anonymise() == 0  # once


def test_anonymising_also_empties_the_applications_messages_in_the_outbox(
    submit, in_review, programme_staff, settings, django_capture_on_commit_callbacks
):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    with django_capture_on_commit_callbacks(execute=True):
        application = in_review()
        services.application_decide(
            application_id=application.pk,
            outcome=Status.DECLINED,
            actor=programme_staff,
            message="No",
        )
    services.application_transition(
        application_id=submit(email="other@example.org").pk,
        to_status=Status.MORE_INFORMATION,
        actor=programme_staff,
        message="Tell us more.",
    )
    OutgoingMessage.objects.update(last_error="x")
    still_pending = OutgoingMessage.objects.get(template="bursary_more_information")
    OutgoingMessage.objects.filter(pk=still_pending.pk).update(status="pending")
    Application.objects.update(
        decided_at=services.months_before(timezone.now(), 25),
        submitted_at=services.months_before(timezone.now(), 26),
    )

    assert services.applications_anonymise() == 2

    messages = OutgoingMessage.objects.all()
    assert len(messages) == 4
    for message in messages:
        assert (message.recipient, message.context, message.last_error) == ("", {}, "")
    still_pending.refresh_from_db()
    assert still_pending.status == OutgoingMessage.Status.NOT_NEEDED


def test_staff_remove_an_applicants_personal_details_on_request(
    to_forget, partner, programme_staff, submit
):
    someone_else = submit(name="Olena", email="olena@example.org")
    old_token = to_forget.status_token

    assert services.application_anonymise(application_id=to_forget.pk, actor=programme_staff)

    application = Application.objects.get(pk=to_forget.pk)
    for field in ("name", "email", "statement", "own_words", "referrer_name", "referrer_email"):
        assert getattr(application, field) == "", field
    assert application.phone == ""
    assert application.anonymised_at is not None
    assert selectors.application_get_by_token(token=old_token) is None
    assert ApplicantMessage.objects.get(application=application).body == ""
    assert Review.objects.get(application=application).comment == ""
    messages = OutgoingMessage.objects.filter(context={}, recipient="")
    assert {m.template for m in messages} == {"bursary_received", "bursary_decision"}
    assert {m.status for m in messages} == {OutgoingMessage.Status.NOT_NEEDED}
    # The figures stay.
    assert application.status == Status.APPROVED
    assert application.amount_awarded == Decimal("110.00")
    assert application.referrer_organisation == partner
    assert application.support == ["course_fee", "travel"]
    assert Review.objects.get(application=application).need == 4
    # Nobody else is touched.
    someone_else.refresh_from_db()
    assert someone_else.name == "Olena" and someone_else.anonymised_at is None
    assert OutgoingMessage.objects.get(context__application_id=someone_else.pk).recipient


def test_removing_personal_details_is_one_event_in_the_applications_audit_trail(
    to_forget, programme_staff
):
    services.application_anonymise(application_id=to_forget.pk, actor=programme_staff)

    [event] = AuditEvent.objects.filter(action="application.anonymise")
    assert event.actor == programme_staff
    assert event.detail == {"reason": "request"}
    assert event in selectors.application_history(application=to_forget)


def test_removing_personal_details_twice_changes_nothing(to_forget, programme_staff):
    services.application_anonymise(application_id=to_forget.pk, actor=programme_staff)
    first = Application.objects.get(pk=to_forget.pk)

    assert not services.application_anonymise(application_id=to_forget.pk, actor=programme_staff)

    again = Application.objects.get(pk=to_forget.pk)
    assert (again.anonymised_at, again.status_token, again.updated_at) == (
        first.anonymised_at,
        first.status_token,
        first.updated_at,
    )
    assert AuditEvent.objects.filter(action="application.anonymise").count() == 1


def test_a_reviewer_cannot_remove_personal_details(to_forget, reviewer):
    with pytest.raises(PermissionDenied):
        services.application_anonymise(application_id=to_forget.pk, actor=reviewer)
    assert Application.objects.get(pk=to_forget.pk).name == "Maryam"
    assert not AuditEvent.objects.filter(action="application.anonymise").exists()
