"""Applying, through the service every page uses: a reference and a private token, the
confirmation sent the way the applicant chose, nothing asked that need not be."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation

from bursaries.models import Application
from sanctuary import sms
from sanctuary.models import AuditEvent, OutgoingMessage

Status = Application.Status


def test_an_application_gets_a_short_reference_and_a_private_token(submit):
    application = submit()
    assert application.reference.startswith("B-") and len(application.reference) == 8
    assert len(application.status_token) >= 43
    assert application.status == Status.SUBMITTED
    assert AuditEvent.objects.filter(action="application.submit", actor=None).count() == 1


def test_the_confirmation_is_queued_in_the_applicants_language(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(language="fa")
    message = OutgoingMessage.objects.get()
    assert message.language == "fa"
    assert message.template == "bursary_received"
    assert message.recipient == "maryam@example.org"
    assert message.context == {"application_id": application.pk}  # ids only, no statement
    assert message.status == OutgoingMessage.Status.SENT
    email = mail.outbox[0]
    assert email.extra_headers["Content-Language"] == "fa"
    assert application.reference in email.subject
    with translation.override("fa"):
        signature = translation.gettext("Norwich Theatre, a Theatre of Sanctuary")
    assert signature != "Norwich Theatre, a Theatre of Sanctuary"  # in Persian, not English
    assert signature in email.body
    assert "/fa/bursaries/application/" + application.status_token in email.body
    assert "stage again" not in email.body


def test_someone_who_chose_text_messages_gets_an_sms_with_no_private_detail(
    submit, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit(
            contact_method=Application.Contact.PHONE, email="", phone="07911 123456"
        )
    assert application.phone == "+447911123456"
    [text] = sms.outbox
    assert text["to"] == "+447911123456"
    assert application.reference in text["body"]
    assert "Maryam" not in text["body"]
    assert "120" not in text["body"]


def test_someone_who_chose_their_referrer_has_the_confirmation_sent_to_the_referrer(
    submit, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(
            contact_method=Application.Contact.REFERRER,
            email="",
            referrer_organisation=partner,
            referrer_name="Jo",
            referrer_email="jo@newroutes.example.org",
            referrer_consent=True,
        )
    assert mail.outbox[0].to == ["jo@newroutes.example.org"]
    assert mail.outbox[0].extra_headers["Content-Language"] == "fa"


def test_only_the_contact_details_for_the_chosen_way_are_kept(submit):
    application = submit(phone="+447911123456", referrer_email="jo@example.org")
    assert application.email == "maryam@example.org"
    assert application.phone == ""
    assert application.referrer_email == ""


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": ""}, "email"),
        ({"contact_method": "phone", "email": ""}, "phone"),
        ({"contact_method": "referrer", "referrer_consent": True}, "referrer_email"),
        ({"opportunity": None, "own_words": ""}, "own_words"),
        ({"support": []}, "support"),
        ({"support": ["passport"]}, "support"),
        ({"statement": "  "}, "statement"),
        ({"referrer_name": "Jo"}, "referrer_consent_at"),
    ],
)
def test_an_incomplete_application_is_refused_on_the_right_field(submit, overrides, field):
    with pytest.raises(ValidationError) as refused:
        submit(**overrides)
    assert field in refused.value.message_dict
    assert not Application.objects.exists()


def test_a_closed_fund_takes_no_applications(submit, closed_fund):
    with pytest.raises(ValidationError):
        submit(fund=closed_fund)


def test_the_model_asks_nothing_about_status_nationality_documents_or_birth():
    names = {field.name for field in Application._meta.get_fields()}
    for forbidden in ("immigration", "nationality", "passport", "document", "birth", "upload"):
        assert not any(forbidden in name for name in names), forbidden
