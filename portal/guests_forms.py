"""The forms partner workers fill in for guest seats: a party, named or put on the pool's
waiting list. Only a first name, how many, a language, access needs and, if they like, a way
to reach them: nothing about status, nationality or documents."""

import uuid

from django import forms
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from events.models.performances import MAX_GUESTS, MAX_HOSTS
from sanctuary.forms import PlainLabels
from sanctuary.text import PlainTextField


class GuestPartyForm(PlainLabels, forms.Form):
    # Made afresh each time the form is shown: the same form sent twice names one party.
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)
    first_name = PlainTextField(
        label=_("First name or nickname of the guest"),
        max_length=60,
        help_text=_("The name the door team will welcome them by."),
    )
    guests = forms.TypedChoiceField(
        label=_("Guests in the party"),
        choices=[(number, str(number)) for number in range(1, MAX_GUESTS + 1)],
        coerce=int,
        initial=1,
    )
    hosts = forms.TypedChoiceField(
        label=_("Hosts coming with them"),
        choices=[(number, str(number)) for number in range(MAX_HOSTS + 1)],
        coerce=int,
        initial=0,
        help_text=_("People who have welcomed the family into their home and come with them."),
    )
    language = forms.ChoiceField(label=_("Language for their messages"))
    access_needs = PlainTextField(
        label=_("Access needs (if any)"),
        help_text=_("For example: step-free access, a wheelchair space, a quiet place."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    email = forms.EmailField(label=_("Their email address (if they like)"), required=False)
    phone = PhoneNumberField(
        label=_("Their mobile number (if they like)"),
        required=False,
        region="GB",
        error_messages={
            "invalid": _("Enter a mobile number like 07911 123456, or +44 7911 123456."),
        },
        widget=forms.TextInput(attrs={"type": "tel"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]
        self.fields["language"].initial = get_language()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def service_fields(self) -> dict:
        fields = dict(self.cleaned_data)
        fields["phone"] = fields["phone"].as_e164 if fields.get("phone") else ""
        return fields
