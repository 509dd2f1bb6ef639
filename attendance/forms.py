"""The one form of the figures page: what was raised on the night, and for which partner."""

from decimal import Decimal

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from partners.models import PartnerOrganisation
from sanctuary.forms import PlainLabels


class DonationsForm(PlainLabels, forms.Form):
    total = forms.DecimalField(
        label=_("Donations raised (£)"),
        required=False,
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01", "min": "0"}),
    )
    partner = forms.ModelChoiceField(
        label=_("Raised for"),
        queryset=PartnerOrganisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("Choose the partner charity"),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("total") and not cleaned.get("partner"):
            self.add_error("partner", _("Choose the partner charity the donations were for."))
        return cleaned
