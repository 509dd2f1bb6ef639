"""The guest's claim form (public, no account) and the portal's claim link forms."""

import uuid

from django import forms
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from events.models.performances import MAX_GUESTS, MAX_HOSTS
from sanctuary.forms import HoneypotMixin, PlainLabels
from sanctuary.text import PlainTextField


def _numbers(low: int, high: int) -> list[tuple[int, str]]:
    return [(number, str(number)) for number in range(low, high + 1)]


def language_choices() -> list[tuple[str, str]]:
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class ContactFields(forms.Form):
    email = forms.EmailField(
        label=_("Email address (if you like)"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = PhoneNumberField(
        label=_("Mobile number (if you like)"),
        required=False,
        region="GB",
        help_text=_("A UK mobile number, or any number with its country code."),
        error_messages={
            "invalid": _("Enter a mobile number like 07911 123456, or +44 7911 123456."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    language = forms.ChoiceField(label=_("Language for your messages"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["language"].initial = get_language()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def contact(self) -> dict:
        data = self.cleaned_data
        return {
            "email": data.get("email") or "",
            "phone": data["phone"].as_e164 if data.get("phone") else "",
        }


class ClaimForm(HoneypotMixin, PlainLabels, ContactFields):
    """A guest takes the seats a claim link offers. Nothing about status, nationality,
    documents or age."""

    # Made afresh each time the form is shown: the same form sent twice is one ticket.
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)
    first_name = PlainTextField(
        label=_("Your first name or a nickname"),
        max_length=60,
        help_text=_("So that we can welcome you."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    guests = forms.TypedChoiceField(label=_("How many guests, you included?"), coerce=int)
    hosts = forms.TypedChoiceField(
        label=_("Hosts coming with you"),
        coerce=int,
        help_text=_("People from the home you are staying in, if they are coming too."),
    )
    access_needs = PlainTextField(
        label=_("Anything that would make your visit easier? (if you like)"),
        help_text=_("For example: step-free access, a wheelchair space, a quiet space."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that Norwich Theatre keeps these details to welcome us, and forgets them "
            "after the performance, as the privacy notice says."
        ),
        error_messages={"required": _("Tick the box to say you agree, so that we can help you.")},
    )

    field_order = [
        "first_name",
        "guests",
        "hosts",
        "language",
        "access_needs",
        "email",
        "phone",
        "consent",
    ]

    def __init__(self, *args, max_guests: int, max_hosts: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guests"].choices = _numbers(1, max_guests)
        self.fields["guests"].initial = 1
        if max_hosts:
            self.fields["hosts"].choices = _numbers(0, max_hosts)
            self.fields["hosts"].initial = 0
        else:
            del self.fields["hosts"]

    def ticket_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "guests": data["guests"],
            "hosts": data.get("hosts") or 0,
            "language": data["language"],
            "access_needs": data.get("access_needs") or "",
            "submission_key": data.get("submission_key"),
            **self.contact(),
        }


class ClaimLinkForm(PlainLabels, forms.Form):
    """A partner worker makes a claim link for one of the performances they have seats for."""

    quota = forms.TypedChoiceField(label=_("Performance"), coerce=int)
    max_guests = forms.TypedChoiceField(
        label=_("Most guests"), coerce=int, choices=_numbers(1, MAX_GUESTS), initial=4
    )
    max_hosts = forms.TypedChoiceField(
        label=_("Most hosts coming with them"),
        coerce=int,
        choices=_numbers(0, MAX_HOSTS),
        initial=0,
    )

    def __init__(self, *args, quotas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["quota"].choices = [
            (quota.pk, f"{quota.allocation.performance.title}, {quota.starts_label}")
            for quota in quotas
        ]


class ClaimLinkSendForm(PlainLabels, ContactFields):
    """Send a link just made to the guest, by email or text, in their language."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].label = _("Language of the guest's message")
        self.fields["email"].label = _("Guest's email address")
        self.fields["phone"].label = _("Guest's mobile number")

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not (cleaned_data.get("email") or cleaned_data.get("phone")):
            self.add_error("email", _("Give an email address or a mobile number."))
        return cleaned_data
