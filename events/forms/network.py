"""Booking a network event: a name, an email, and how many tickets. Nothing else."""

import uuid

from django import forms
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from events.models import NetworkEvent
from sanctuary.forms import HoneypotMixin, PlainLabels
from sanctuary.text import PlainTextField


def language_field_choices() -> list[tuple[str, str]]:
    return [(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES]


class NetworkBookingForm(HoneypotMixin, PlainLabels, forms.Form):
    # Made afresh each time the form is shown: the same form sent twice is one booking.
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)
    name = PlainTextField(
        label=_("Your name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        help_text=_("We send your tickets and a private link to cancel them here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    tickets = forms.TypedChoiceField(label=_("How many tickets?"), coerce=int, initial=1)
    language = forms.ChoiceField(label=_("Language for your email"))

    def __init__(self, *args, event: NetworkEvent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tickets"].choices = [
            (number, str(number)) for number in range(1, event.tickets_per_booking + 1)
        ]
        self.fields["tickets"].error_messages["invalid_choice"] = _(
            "Choose how many tickets from the list."
        )
        self.fields["language"].choices = language_field_choices()
        self.fields["language"].initial = get_language()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
