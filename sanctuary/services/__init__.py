"""Every write the shared pieces make, one module per concern: the audit trail, outgoing
messages, team accounts. Sending is in sanctuary.delivery, which the tasks call."""

from sanctuary.services.accounts import (
    password_reset_send,
    user_create,
    user_email_verify,
    user_invite,
    user_password_reset_send,
    user_save,
)
from sanctuary.services.audit import audit_record, audited_save
from sanctuary.services.messages import (
    message_new,
    message_queue,
    message_retry,
    messages_forget,
    messages_queue,
)
from sanctuary.services.texts import sms_suppression_remove
from sanctuary.services.two_factor import (
    user_two_factor_requirement_start,
    user_two_factor_reset,
)

__all__ = [
    "audit_record",
    "audited_save",
    "message_new",
    "message_queue",
    "message_retry",
    "messages_forget",
    "messages_queue",
    "password_reset_send",
    "sms_suppression_remove",
    "user_create",
    "user_email_verify",
    "user_invite",
    "user_password_reset_send",
    "user_save",
    "user_two_factor_requirement_start",
    "user_two_factor_reset",
]
