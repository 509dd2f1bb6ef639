"""Text messages: the pluggable senders (`backends`, a real provider in `twilio`), what a text
costs by its encoding (`encoding`), the numbers that asked for none (`suppression`), the daily caps
(`caps`), short links (`links`), sending one from the outbox (`sending`) and the provider's
receipts and replies (`receipts`, `webhooks`).

The development and test backends' names are importable from here, as `SMS_BACKEND` names them
(sanctuary.sms.ConsoleSmsBackend); Twilio's is sanctuary.sms.twilio.TwilioSmsBackend. This module
loads no model, so settings may use what it holds.
"""

from sanctuary.sms.backends import (
    ConsoleSmsBackend,
    LocmemSmsBackend,
    NoSmsBackend,
    SmsBackend,
    SmsOptedOut,
    SmsPermanentError,
    SmsTemporaryError,
    get_sms_backend,
    outbox,
)

__all__ = [
    "ConsoleSmsBackend",
    "LocmemSmsBackend",
    "NoSmsBackend",
    "SmsBackend",
    "SmsOptedOut",
    "SmsPermanentError",
    "SmsTemporaryError",
    "get_sms_backend",
    "outbox",
]
