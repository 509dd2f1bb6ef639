"""The reports' forms: asking for an export, the evidence pack's dates, and its words."""

import datetime
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reports import rules
from reports.models import EvidenceStatement, ReportExport
from reports.periods import WHOLE_MONTHS
from sanctuary.forms import PlainLabels
from sanctuary.text import PlainTextField
from venues.models import Venue

DATE_INPUT = ["%Y-%m-%d"]
STATEMENT_LENGTH = 10_000


def _venue_choices():
    return [("", _("All venues")), *((v.slug, v.name) for v in Venue.objects.order_by("name"))]


class PeriodFields(PlainLabels, forms.Form):
    """Dates (inclusive) and a venue: what every report file is for."""

    start = forms.DateField(
        label=pgettext_lazy("period", "From"),
        input_formats=DATE_INPUT,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2026-09-01.")},
    )
    end = forms.DateField(
        label=pgettext_lazy("period", "To"),
        input_formats=DATE_INPUT,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2026-12-31.")},
        help_text=WHOLE_MONTHS,
    )
    venue = forms.ChoiceField(label=_("Venue"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["venue"].choices = _venue_choices()
        self.fields["venue"].error_messages["invalid_choice"] = _("Choose a venue from the list.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and not rules.period_is_allowed(start, end):
            if start > end:
                self.add_error("end", _("The end date must not be before the start date."))
            else:
                self.add_error("end", _("A report covers at most five years."))
        elif start and end:
            cleaned["start"], cleaned["end"] = rules.whole_months(start, end)
        return cleaned


class ExportRequestForm(PeriodFields):
    """The dashboard's and the evidence pack's download buttons: each button sends its format."""

    format = forms.ChoiceField(label=_("File"), choices=ReportExport.Format.choices)
    # Made afresh each time the buttons are shown: the same form sent twice is one export.
    submission_key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].error_messages["invalid_choice"] = _("Choose what to download.")


class EvidencePeriodForm(PeriodFields):
    """The evidence pack's dates: the twelve months to the end of this one unless others are
    chosen."""

    @staticmethod
    def initial_period() -> dict:
        today = timezone.localdate()
        start = datetime.date(today.year - 1, today.month, 1) + datetime.timedelta(days=31)
        return {
            "start": start.replace(day=1),
            "end": rules.whole_months(today, today)[1],
            "venue": "",
        }


class EvidenceStatementsForm(PlainLabels, forms.Form):
    """Staff's words for each criterion, kept between renewals."""

    def __init__(self, *args, statements: dict[str, EvidenceStatement], **kwargs):
        super().__init__(*args, **kwargs)
        for criterion in EvidenceStatement.Criterion:
            self.fields[criterion.value] = PlainTextField(
                label=criterion.label,
                required=False,
                max_length=STATEMENT_LENGTH,
                initial=statements[criterion.value].text,
                widget=forms.Textarea(attrs={"rows": 10}),
            )


def new_submission_key() -> uuid.UUID:
    return uuid.uuid4()
