"""allauth's sign-in and password forms, with labels in our own words (and our catalogs, which
cover every UI language; allauth has none for Pashto)."""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django import forms
from django.utils.translation import gettext_lazy as _

from sanctuary import account_tasks, services


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
    """Asks for a set-password link without looking the address up: a task does that, so a
    known and an unknown address take the same time to answer."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Email address")
        self.fields["email"].widget.attrs.pop("placeholder", None)

    def clean_email(self):
        return get_adapter().clean_email(self.cleaned_data["email"].lower())

    def save(self, request, **kwargs):
        email = self.cleaned_data["email"]
        account_tasks.password_reset_enqueue(email)
        return email


class ResetPasswordKeyForm(PlainLabels, allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].label = _("New password")
        self.fields["password2"].label = _("New password again")
        for field in ("password1", "password2"):
            self.fields[field].widget.attrs.pop("placeholder", None)

    def save(self):
        super().save()
        # The link came to their address: that proves they control it.
        services.user_email_verify(user=self.user)


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
