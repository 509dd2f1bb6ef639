"""The portal's forms: the public booking and application forms, filled in by a partner worker
with their client, with the worker's own details filled in for them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from bursaries.forms import ApplicationForm, FormSection
from dropins.forms import BookingForm
from partners.models import PartnerWorker


class ClientBookingForm(BookingForm):
    """Book drop-in places for a client: the public form's fields, asked about the client, and
    their consent. The client's phone or email is theirs to give; without either, messages go
    to the worker (dropins.messages.booking_recipients)."""

    client_consent = forms.BooleanField(
        label=_("The client agreed that we may book for them and keep these details."),
        error_messages={
            "required": _("Tick the box to say the client agreed that we may book for them.")
        },
    )

    field_order = [*BookingForm.field_order, "client_consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = {
            "first_name": _("The client's first name or a nickname"),
            "email": _("The client's email address (if they like)"),
            "phone": _("The client's mobile number (if they like)"),
            "language": _("Language for the client's messages"),
            "access_needs": _("Anything that would make their visit easier? (if they like)"),
        }
        for name, label in labels.items():
            self.fields[name].label = label
        self.fields["first_name"].help_text = ""
        self.fields["phone"].help_text = _(
            "Without their phone number or email address, messages about it come to you."
        )
        if "interpreter_language" in self.fields:
            self.fields["interpreter_language"].label = _("Would they like an interpreter?")

    def booking_data(self) -> dict:
        """The cleaned form as dropins.services.booking_create takes it."""
        data = {
            name: value
            for name, value in self.cleaned_data.items()
            if name != self.honeypot_field and value is not None
        }
        data["phone"] = data["phone"].as_e164 if data.get("phone") else ""
        return data


class ReferralForm(ApplicationForm):
    """Refer someone for a bursary: the public application form, with the referral filled in
    from the worker's account (their organisation, name and email address)."""

    SECTIONS = ApplicationForm.SECTIONS[:3]

    def __init__(self, *args, worker: PartnerWorker, **kwargs):
        super().__init__(*args, **kwargs)
        self.worker = worker
        for name in ("referrer_organisation", "referrer_name", "referrer_email"):
            del self.fields[name]
        self.fields["referrer_consent"].required = True
        self.fields["referrer_consent"].label = _(
            "They agree that we may talk to you about their application."
        )
        self.fields["referrer_consent"].error_messages["required"] = _(
            "Tick the box to say they agree that we may talk to you about it."
        )

    def final_section(self) -> FormSection:
        return FormSection(
            self,
            "",
            ["referrer_consent", "privacy_consent", self.honeypot_field],
            with_hidden=True,
        )

    def clean(self):
        user = self.worker.user
        self.cleaned_data.update(
            referrer_organisation=self.worker.organisation,
            referrer_name=user.get_full_name() or user.first_name or user.email,
            referrer_email=user.email,
        )
        return super().clean()
