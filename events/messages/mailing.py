"""Messages to the partnership mailing list's addresses. An address that has not confirmed is
sent the confirmation and nothing else; every mail carries the one-click leave link."""

from django.conf import settings

from events import rules
from events.models import MailingListMember
from sanctuary.models import OutgoingMessage
from sanctuary.outbox import MessageNotNeeded, context_builder
from sanctuary.services import message_queue
from sanctuary.text import isolate

TEMPLATES = ("mailing_confirm", "mailing_already_joined")


def _member_context(context: dict) -> dict:
    member = MailingListMember.objects.filter(pk=context["member_id"]).first()
    if member is None:
        raise MessageNotNeeded("the address has left or been forgotten")
    return {
        "member": member,
        "name": isolate(member.name),
        "confirm_url": settings.SITE_URL + member.confirm_path(),
        "leave_url": settings.SITE_URL + member.leave_path(),
    }


@context_builder("mailing_confirm")
def _confirm(context: dict) -> dict:
    values = _member_context(context)
    if rules.mailing_counts(values["member"]):
        raise MessageNotNeeded("the address is confirmed already")
    return values


@context_builder("mailing_already_joined")
def _already(context: dict) -> dict:
    values = _member_context(context)
    if not rules.mailing_counts(values["member"]):
        # Never anything but the confirmation to an address that has not confirmed.
        raise MessageNotNeeded("the address is not confirmed")
    return values


def mailing_message_queue(member: MailingListMember, template: str, *, key: str):
    """Queue `template` to the member's address; `key` makes each sending its own."""
    return message_queue(
        channel=OutgoingMessage.Channel.EMAIL,
        recipient=member.email,
        template=template,
        dedupe_key=f"{template}:mailinglistmember:{member.pk}:{key}",
        language=member.language,
        context={"member_id": member.pk},
        subject=member,
    )
