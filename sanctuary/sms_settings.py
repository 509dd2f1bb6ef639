"""Text messages' settings, read from the environment like the rest (README lists every
variable): Twilio, who texts come from, the daily caps and the STOP list's key. settings.py takes
them all and calls sms_settings_check."""

import environ
from django.core.exceptions import ImproperlyConfigured

from sanctuary.sms.senders import sender_problem

env = environ.Env()

# Twilio (SMS_BACKEND=sanctuary.sms.twilio.TwilioSmsBackend): the account, and who texts come
# from: an alphanumeric sender ID (at most 11 letters, digits and spaces, e.g. "NorwichThtr"),
# a number in E.164 form, or a Messaging Service (MG…), which picks per country.
TWILIO_ACCOUNT_SID = env.str("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env.str("TWILIO_AUTH_TOKEN", default="")
TWILIO_MESSAGING_SERVICE_SID = env.str("TWILIO_MESSAGING_SERVICE_SID", default="")
# Twilio's API address; only a test server or a proxy in front of Twilio changes it.
TWILIO_API_URL = env.str("TWILIO_API_URL", default="https://api.twilio.com").rstrip("/")
SMS_SENDER = env.str("SMS_SENDER", default="NorwichThtr")
# Seconds to wait for the provider's answer (well within OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS).
SMS_TIMEOUT = env.int("SMS_TIMEOUT", default=15)
# Texts a day (Europe/London) in all, and to any one number; beyond them texts wait.
SMS_DAILY_CAP = env.int("SMS_DAILY_CAP", default=300)
SMS_PER_NUMBER_DAILY_CAP = env.int("SMS_PER_NUMBER_DAILY_CAP", default=10)
# The key of the hashes that keep numbers which asked for no texts. Never rotate it: the list
# would be forgotten. Unset, it is derived from SECRET_KEY (fine on a laptop); production sets
# its own whenever texts are sent.
SMS_SUPPRESSION_KEY = env.str("SMS_SUPPRESSION_KEY", default="")
# Short links in texts stop working after this many days.
SMS_LINK_DAYS = env.int("SMS_LINK_DAYS", default=90)


def sms_settings_check(*, sms_backend: str, production: bool) -> None:
    """Refuse to start with a provider half set up, or in production without the STOP list's key."""
    if sms_backend.endswith("TwilioSmsBackend"):
        credentials = {
            "TWILIO_ACCOUNT_SID": TWILIO_ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": TWILIO_AUTH_TOKEN,
        }
        missing = [name for name, value in credentials.items() if not value]
        if missing:
            raise ImproperlyConfigured(f"Set {', '.join(missing)} to send texts through Twilio.")
        if not TWILIO_MESSAGING_SERVICE_SID and sender_problem(SMS_SENDER):
            raise ImproperlyConfigured(f"SMS_SENDER: {sender_problem(SMS_SENDER)}")
    if production and not sms_backend.endswith("NoSmsBackend") and not SMS_SUPPRESSION_KEY:
        raise ImproperlyConfigured(
            "Set SMS_SUPPRESSION_KEY (a random value, never changed) before sending texts: it "
            "keeps the list of numbers that replied STOP."
        )
