"""Joining the partnership mailing list: an email address, a name if they like, a language."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from events.forms.network import language_field_choices
from sanctuary.forms import HoneypotMixin, PlainLabels
from sanctuary.text import PlainTextField


class MailingJoinForm(HoneypotMixin, PlainLabels, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    name = PlainTextField(
        label=_("Your name (if you like)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(label=_("Language for our emails"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_field_choices()
        self.fields["language"].initial = get_language()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
