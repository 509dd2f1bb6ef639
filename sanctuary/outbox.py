"""How an outgoing message turns into words, and how a failure is judged.

A message row keeps a template name and a small context (ids and plain values). The words are
rendered only when the message is sent, in the recipient's language, so nothing sensitive or
stale sits in the outbox. A template whose words need fresh data (a link with a new token, a
booking's current time) registers a context builder that loads it by id at send time.

Templates live in templates/messages/<template>/: subject.txt and email.txt for email, sms.txt
for SMS.
"""

import smtplib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils import translation

from sanctuary.sms import SmsPermanentError, SmsTemporaryError

ContextBuilder = Callable[[dict], dict]


class MessageNotNeeded(Exception):
    """Raised by a context builder when what the message is about has changed since it was
    queued (the booking a reminder is for was cancelled): the message is not sent."""


_context_builders: dict[str, ContextBuilder] = {}


def message_templates(file: str = "*.txt") -> list[str]:
    """The templates of messages: each folder under templates/messages/ that holds `file`
    (sms.txt: those that can go as a text)."""
    found = set()
    for engine in settings.TEMPLATES:
        for folder in engine.get("DIRS", []):
            found |= {path.parent.name for path in Path(folder).glob(f"messages/*/{file}")}
    return sorted(found)


def context_builder(template: str) -> Callable[[ContextBuilder], ContextBuilder]:
    """Register a function that adds fresh values to a template's context at send time."""

    def register(function: ContextBuilder) -> ContextBuilder:
        _context_builders[template] = function
        return function

    return register


# Per template, a function that loads at once what a whole batch of its messages needs, into
# each message's context (under keys starting with "_", never stored), so that rendering a batch
# does not load its rows one query a message. The context builder still decides from them.
_batch_loaders: dict[str, Callable[[list[dict]], None]] = {}


def batch_loader(*templates: str) -> Callable:
    """Register a function that, given the contexts of a batch's messages of these templates,
    adds to each what its context builder would otherwise load alone."""

    def register(function):
        for template in templates:
            _batch_loaders[template] = function
        return function

    return register


def load_for_batch(messages) -> None:
    """Before a batch is rendered: let each template's batch loader fill its contexts."""
    contexts: dict[str, list[dict]] = {}
    for message in messages:
        contexts.setdefault(message.template, []).append(message.context)
    for template, batch in contexts.items():
        if template in _batch_loaders:
            _batch_loaders[template](batch)


def render_message(*, template: str, channel: str, language: str, context: dict) -> tuple[str, str]:
    """Return (subject, body) in the given language. SMS has an empty subject."""
    builder = _context_builders.get(template)
    with translation.override(language):
        full_context = {**context, **(builder(context) if builder else {})}
        if channel == "sms":
            body = render_to_string(f"messages/{template}/sms.txt", full_context, using="text")
            return "", body.strip()
        subject = render_to_string(f"messages/{template}/subject.txt", full_context, using="text")
        body = render_to_string(f"messages/{template}/email.txt", full_context, using="text")
    return " ".join(subject.split()), body.strip() + "\n"


def email_of(message, subject: str, body: str) -> EmailMessage:
    """The email to send for an outgoing message, from its rendered words."""
    return EmailMessage(
        subject=subject,
        body=body,
        to=[message.recipient],
        headers={"Content-Language": message.language},
    )


def retry_delay(attempts: int) -> int:
    """Seconds to wait after a temporary failure: doubling from OUTBOX_RETRY_BASE_SECONDS with
    each attempt, at most an hour."""
    return min(settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** (attempts - 1), 3600)


def is_temporary_failure(error: Exception) -> bool:
    """Could sending succeed if we try again later?"""
    if isinstance(error, SmsTemporaryError):
        return True
    if isinstance(error, SmsPermanentError | TemplateDoesNotExist | TemplateSyntaxError):
        return False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return any(code < 500 for code in codes)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        # Our credentials are wrong: once someone fixes them, the message should still go.
        return True
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code < 500
    # Connection refused, timeouts, a dropped connection, anything unforeseen: try again,
    # within the attempts limit.
    return True
