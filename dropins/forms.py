import uuid

from django import forms
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from dropins.models import MAX_PARTY, DropInSeries, DropInSession
from sanctuary.forms import HoneypotMixin, PlainLabels
from sanctuary.text import PlainTextField

PEOPLE_CHOICES = [(number, str(number)) for number in range(MAX_PARTY + 1)]


class PartyFields(forms.Form):
    adults = forms.TypedChoiceField(
        label=_("Adults"), choices=PEOPLE_CHOICES, coerce=int, initial=1
    )
    children = forms.TypedChoiceField(
        label=_("Children"), choices=PEOPLE_CHOICES, coerce=int, initial=0
    )

    def clean(self):
        cleaned_data = super().clean()
        people = cleaned_data.get("adults", 1) + cleaned_data.get("children", 0)
        if people < 1:
            self.add_error("adults", _("Tell us how many people are coming: at least one."))
        elif people > MAX_PARTY:
            self.add_error(
                "adults",
                _("One booking can be for %(count)s people at most. For a bigger group, ask us.")
                % {"count": MAX_PARTY},
            )
        return cleaned_data


class BookingForm(HoneypotMixin, PlainLabels, PartyFields):
    """Book places at one session. Nothing about status, nationality, documents or age."""

    # Made afresh each time the form is shown, and sent back with it: the same form sent twice
    # is one booking (see dropins.services.booking_create).
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput, initial=uuid.uuid4)

    first_name = PlainTextField(
        label=_("Your first name or a nickname"),
        max_length=60,
        help_text=_("So that we can welcome you."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
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
    interpreter_language = forms.ChoiceField(
        label=_("Would you like an interpreter?"), required=False
    )
    access_needs = PlainTextField(
        label=_("Anything that would make your visit easier? (if you like)"),
        help_text=_("For example: step-free access, a quiet space, a high chair."),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    field_order = [
        "first_name",
        "adults",
        "children",
        "email",
        "phone",
        "language",
        "interpreter_language",
        "access_needs",
    ]

    def __init__(self, *args, series: DropInSeries, **kwargs):
        """`series`: the session's series, or its window in the session's state (either has
        interpreter_language_choices)."""
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]
        self.fields["language"].initial = get_language()
        languages = series.interpreter_language_choices()
        if languages:
            self.fields["interpreter_language"].choices = [
                ("", _("No, thank you")),
                *languages,
            ]
        else:
            del self.fields["interpreter_language"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class BookingChangeForm(PlainLabels, PartyFields):
    """How many people are coming, changed from the private link."""


class SessionCancelForm(forms.Form):
    """Staff cancel sessions from the admin: a reason people are told, and a note for the team."""

    reason = forms.ChoiceField(
        label=_("Reason people are told"), choices=DropInSession.CancelReason.choices
    )
    note = PlainTextField(
        label=_("Note for the team"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
