"""The messages bursaries send applicants: queuing one, and the values each template is filled
with when it is sent (loaded then, in the applicant's language)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from bursaries import selectors
from bursaries.models import ApplicantMessage, Application
from bursaries.selectors import message_key_prefix
from sanctuary.models import OutgoingMessage
from sanctuary.outbox import MessageNotNeeded, context_builder
from sanctuary.services import message_queue
from sanctuary.text import isolate


def application_message_queue(
    *,
    application: Application,
    template: str,
    key: str,
    words: ApplicantMessage | None = None,
) -> OutgoingMessage:
    """Queue a message to the applicant, or to their referrer if they chose that, carrying
    staff's words for them if there are any."""
    if application.contact_method == Application.Contact.PHONE:
        channel, recipient = OutgoingMessage.Channel.SMS, str(application.phone)
    elif application.contact_method == Application.Contact.REFERRER:
        channel, recipient = OutgoingMessage.Channel.EMAIL, application.referrer_email
    else:
        channel, recipient = OutgoingMessage.Channel.EMAIL, application.email
    return message_queue(
        channel=channel,
        recipient=recipient,
        template=template,
        dedupe_key=message_key_prefix(application.pk) + key,
        language=application.language,
        context={"application_id": application.pk}
        | ({"applicant_message_id": words.pk} if words else {}),
        subject=application,
    )


def _application_to_tell(context: dict) -> Application:
    # Loaded when the message is sent, in the applicant's language (the fund's name too).
    if "application_id" not in context:
        # Emptied when the application was anonymised, while this message was on its way.
        raise MessageNotNeeded("the application has been anonymised")
    application = selectors.application_to_tell(application_id=context["application_id"])
    if application.anonymised_at is not None:
        raise MessageNotNeeded("the application has been anonymised")
    return application


@context_builder("bursary_received")
def _received_context(context: dict) -> dict:
    return _message_values(application=_application_to_tell(context), words="")


@context_builder("bursary_decision")
@context_builder("bursary_more_information")
def _words_context(context: dict) -> dict:
    application = _application_to_tell(context)
    words = selectors.applicant_message_sent(
        application=application, message_id=context.get("applicant_message_id")
    )
    if words is not None and words.status != application.status:
        # Approved then withdrawn, or a question overtaken by a decision, before the worker
        # got to it: the applicant would be told something that no longer holds.
        raise MessageNotNeeded(f"the application is now {application.status}, not {words.status}")
    return _message_values(application=application, words=words.body if words else "")


def _message_values(*, application: Application, words: str) -> dict:
    return {
        "name": isolate(application.name),
        "reference": application.reference,
        "fund": application.fund.name,
        "status": application.status,
        "approved": application.status == Application.Status.APPROVED,
        "amount_awarded": application.amount_awarded,
        "decision_message": words,
        "to_referrer": application.contact_method == Application.Contact.REFERRER,
        "status_url": settings.SITE_URL + status_path(application=application),
    }


def status_path(*, application: Application) -> str:
    with translation.override(application.language):
        return reverse("bursaries:status", kwargs={"token": application.status_token})
