"""Every write the shared pieces make, one module per concern: the audit trail, outgoing
messages, team accounts. Sending is in sanctuary.delivery, which the tasks call."""

from sanctuary.services.accounts import (
    user_create,
    user_invite,
    user_password_reset_send,
    user_save,
)
from sanctuary.services.audit import audit_record
from sanctuary.services.messages import (
    message_queue,
    message_retry,
    messages_forget,
)

__all__ = [
    "audit_record",
    "message_queue",
    "message_retry",
    "messages_forget",
    "user_create",
    "user_invite",
    "user_password_reset_send",
    "user_save",
]
