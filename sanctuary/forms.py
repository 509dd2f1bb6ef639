"""allauth's sign-in and password forms, with labels in our own words (and our catalogs, which
cover every UI language; allauth has none for Pashto)."""

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _


class PlainLabels:
    """Labels without a trailing colon: easier to read, and to translate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_suffix = ""


class LoginForm(PlainLabels, allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].label = _("Password")
        self.fields["password"].help_text = ""  # the page has its own reset link
        self.fields["password"].widget.attrs.pop("placeholder", None)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")


class ResetPasswordForm(PlainLabels, allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].widget.attrs.pop("placeholder", None)


class ResetPasswordKeyForm(PlainLabels, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("New password")
        self.fields["password2"].label = _("New password again")
        for field in ("password1", "password2"):
            self.fields[field].widget.attrs.pop("placeholder", None)


# Public forms -----------------------------------------------------------------------------------


class _TrapInput(forms.TextInput):
    def format_value(self, value):
        # Shown again empty, so that whoever filled it (a browser's autofill) gets through.
        return None


class HoneypotMixin:
    """A field people never see (the stylesheet hides it) and simple bots fill in.

    A filled-in trap fails the form with a plain error, so that a person whose browser somehow
    showed the field loses nothing they typed.
    """

    honeypot_field = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field] = forms.CharField(
            label=_("Leave this empty"),
            required=False,
            widget=_TrapInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(self.honeypot_field):
            raise forms.ValidationError(
                _("Sorry, something went wrong. Please send the form again."), code="honeypot"
            )
        return cleaned_data
