"""A partner's public contact details: what staff may enter, and the links the public page
makes of them (tel:, mailto:, the website)."""

from urllib.parse import urlsplit

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

# Only links a phone's browser opens as a web page: no ftp:, no javascript:, no data:.
website_validator = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with https:// or http://."),
)


def _parsed(value: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(value, settings.PHONENUMBER_DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def public_phone_clean(value: str) -> str:
    """A number people can call, written the way they dial it: a UK number as it is dialled in
    the UK (01603 …), any other with its country code. Raises ValidationError otherwise."""
    value = value.strip()
    if not value:
        return ""
    number = _parsed(value)
    if number is None:
        raise ValidationError(
            _("Enter a phone number people can call, such as 01603 630000."),
            code="invalid_phone",
        )
    region = phonenumbers.region_code_for_number(number)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if region == settings.PHONENUMBER_DEFAULT_REGION
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def phone_link(value: str) -> str:
    """The tel: link for a public number ("" if there is none or it cannot be read)."""
    number = _parsed(value) if value else None
    if number is None:
        return ""
    return "tel:" + phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def website_label(url: str) -> str:
    """What a visitor reads for a website link: its host name, without "www."."""
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")
