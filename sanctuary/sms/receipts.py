"""What the provider tells us after a text left: delivery receipts, and replies.

Receipts can come twice and out of order ("delivered" before "sent"): each is applied by one
conditional UPDATE that only moves a message forward (nothing, then sent, then undelivered or
failed, then delivered), so a repeat or a late "sent" changes nothing.
"""

from django.db import transaction
from django.utils import timezone

from sanctuary.models import OutgoingMessage, SmsSuppression
from sanctuary.sms.suppression import (
    reply_keyword,
    suppression_add,
    suppression_remove_by_reply,
)
from sanctuary.sms.twilio import PERMANENT, UNSUBSCRIBED

Delivery = OutgoingMessage.Delivery

# How far along each receipt is: a message never goes back.
PROGRESS = {"": 0, Delivery.SENT: 1, Delivery.UNDELIVERED: 2, Delivery.FAILED: 2}
PROGRESS[Delivery.DELIVERED] = 3
# The provider's statuses (Twilio's MessageStatus) that we keep; the others (queued, accepted,
# sending) come before "sent" and add nothing.
STATUSES = {
    "sent": Delivery.SENT,
    "delivered": Delivery.DELIVERED,
    "read": Delivery.DELIVERED,
    "undelivered": Delivery.UNDELIVERED,
    "failed": Delivery.FAILED,
    "canceled": Delivery.FAILED,
}


@transaction.atomic
def delivery_receipt_apply(
    *,
    message_id: int,
    provider_message_id: str,
    provider_status: str,
    error_code: str = "",
    error_reason: str = "",
) -> bool:
    """Apply one receipt to the message it is about. Returns True if it changed anything."""
    status = STATUSES.get(provider_status.lower())
    if status is None:
        return False
    behind = [value for value, rank in PROGRESS.items() if rank < PROGRESS[status]]
    now = timezone.now()
    changes = {"delivery_status": status, "updated_at": now}
    if status == Delivery.DELIVERED:
        changes["delivered_at"] = now
    if error_code and error_code != "0":
        changes["provider_error_code"] = error_code[:10]
        changes["provider_error_reason"] = (error_reason or _known_reason(error_code))[:300]
    messages = OutgoingMessage.objects.filter(pk=message_id, channel=OutgoingMessage.Channel.SMS)
    changed = messages.filter(delivery_status__in=behind).update(**changes)
    # A receipt that comes before the send is recorded keeps the provider's id all the same.
    messages.filter(provider_message_id="").update(provider_message_id=provider_message_id[:64])
    if error_code == str(UNSUBSCRIBED):
        message = messages.only("recipient").first()
        if message is not None and message.recipient:
            suppression_add(number=message.recipient, reason=SmsSuppression.Reason.PROVIDER_OPT_OUT)
    return bool(changed)


def _known_reason(code: str) -> str:
    return PERMANENT.get(int(code), "") if code.isdigit() else ""


def sms_reply_apply(*, number: str, body: str, opt_out_type: str = "") -> str:
    """A reply came from `number`: STOP (and its synonyms) puts it on the suppression list,
    START takes it off. Returns "stop", "start" or "" (any other reply, which is not kept).

    `opt_out_type` is the provider's own reading of the reply (Twilio's OptOutType), which wins
    when it is given: the provider has already acted on it."""
    keyword = {"STOP": "stop", "START": "start"}.get(opt_out_type.upper(), "")
    keyword = keyword or reply_keyword(body)
    if keyword == "stop":
        suppression_add(number=number, reason=SmsSuppression.Reason.STOP_REPLY)
    elif keyword == "start":
        suppression_remove_by_reply(number=number)
    return keyword
