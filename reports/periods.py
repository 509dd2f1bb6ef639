"""The period a report covers, chosen in the query string, and the venue.

The query parameters are stable, so that a link to a report (and the exports, which read the
same parameters) keeps working:

    period=term|quarter|year|custom   which kind of period (this term when missing)
    start=YYYY-MM-DD                  term, quarter, year: the one containing this day (today
                                      when missing); custom: the first day
    end=YYYY-MM-DD                    custom: the last day
    venue=<slug>                      one venue (every venue when missing or empty)

Terms follow the school year: autumn (September to December), spring (January to April) and
summer (May to August). Quarters are calendar quarters. Years are financial years, April to
March, as the programme's funders ask for them. Every period is of whole days, inclusive, in
the programme's time zone (Europe/London). Dates of one's choice are widened to whole months
(`rules.whole_months`), as every other period is.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import formats
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reports import rules
from reports.published import Period

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)

WHOLE_MONTHS = _(
    "Reports cover whole months: the dates are widened to the start of the first month and the "
    "end of the last, so that two reports cannot be set side by side to tell about one session."
)
TERM, QUARTER, YEAR, CUSTOM = "term", "quarter", "year", "custom"
KINDS = (
    (TERM, pgettext_lazy("report period", "This term")),
    (QUARTER, pgettext_lazy("report period", "A quarter")),
    (YEAR, pgettext_lazy("report period", "A financial year (April to March)")),
    (CUSTOM, pgettext_lazy("report period", "Dates of your choice")),
)


def term_of(day: datetime.date) -> Period:
    """The school term containing `day`."""
    if day.month >= 9:
        start, end, name = (
            datetime.date(day.year, 9, 1),
            datetime.date(day.year, 12, 31),
            _("Autumn term %(year)s"),
        )
    elif day.month >= 5:
        start, end, name = (
            datetime.date(day.year, 5, 1),
            datetime.date(day.year, 8, 31),
            _("Summer term %(year)s"),
        )
    else:
        start, end, name = (
            datetime.date(day.year, 1, 1),
            datetime.date(day.year, 4, 30),
            _("Spring term %(year)s"),
        )
    return Period(start=start, end=end, label=str(name) % {"year": day.year})


def quarter_of(day: datetime.date) -> Period:
    """The calendar quarter containing `day`."""
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = datetime.date(day.year, first_month, 1)
    next_start = (
        datetime.date(day.year + 1, 1, 1)
        if first_month == 10
        else datetime.date(day.year, first_month + 3, 1)
    )
    return _labelled(start, next_start - datetime.timedelta(days=1))


def financial_year_of(day: datetime.date) -> Period:
    """The financial year (1 April to 31 March) containing `day`."""
    first = day.year if day.month >= 4 else day.year - 1
    label = str(_("Financial year %(first)s–%(next)s")) % {
        "first": first,
        "next": str(first + 1)[-2:],
    }
    return Period(
        start=datetime.date(first, 4, 1), end=datetime.date(first + 1, 3, 31), label=label
    )


def _labelled(start: datetime.date, end: datetime.date) -> Period:
    label = str(_("%(start)s to %(end)s")) % {
        "start": formats.date_format(start, "j F Y"),
        "end": formats.date_format(end, "j F Y"),
    }
    return Period(start=start, end=end, label=label)


class PeriodForm(forms.Form):
    """The dashboard's choice of period and venue: a GET form, so every field is optional and
    anything unexpected is an error on the page, never a failure."""

    period = forms.ChoiceField(label=_("Period"), choices=KINDS, required=False)
    start = forms.DateField(
        label=_("First day"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("For a term, quarter or year: any day in it. Leave empty for the current one."),
    )
    end = forms.DateField(
        label=_("Last day"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=format_lazy(
            "{} {}", _("Only for dates of your choice: the last day, included."), WHOLE_MONTHS
        ),
    )
    venue = forms.ChoiceField(label=_("Venue"), required=False)

    error_messages = {
        "start_needed": _("Give the first day of the period."),
        "end_needed": _("Give the last day of the period."),
        "order": _("The last day must not be before the first day."),
        "too_long": _("Choose a period of five years or less."),
        "range": _("Choose a date between 2000 and 2099."),
    }

    def __init__(self, data=None, *, today: datetime.date, venues=(), **kwargs):
        super().__init__(data, **kwargs)
        self.today = today
        self.fields["venue"].choices = [("", _("All venues")), *venues]
        for name in ("start", "end"):
            self.fields[name].error_messages["invalid"] = _(
                "Write the date as year-month-day, for example 2026-09-01."
            )
        self.fields["period"].error_messages["invalid_choice"] = _(
            "Choose a term, a quarter, a financial year or dates of your choice."
        )
        self.fields["venue"].error_messages["invalid_choice"] = _("Choose a venue from the list.")

    def _in_range(self, name: str):
        day = self.cleaned_data.get(name)
        if day is not None and not EARLIEST <= day <= LATEST:
            self.add_error(name, self.error_messages["range"])
            return None
        return day

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("period") or TERM
        start, end = self._in_range("start"), self._in_range("end")
        if self.errors:
            return cleaned
        if kind == CUSTOM:
            if start is None:
                self.add_error("start", self.error_messages["start_needed"])
            if end is None:
                self.add_error("end", self.error_messages["end_needed"])
            if start and end and not rules.period_is_allowed(start, end):
                problem = "order" if end < start else "too_long"
                self.add_error("end", self.error_messages[problem])
        cleaned["period"] = kind
        return cleaned

    def chosen_period(self) -> Period:
        """Once valid: the period chosen."""
        kind = self.cleaned_data["period"]
        day = self.cleaned_data.get("start") or self.today
        if kind == CUSTOM:
            return _labelled(
                *rules.whole_months(self.cleaned_data["start"], self.cleaned_data["end"])
            )
        if kind == QUARTER:
            return quarter_of(day)
        if kind == YEAR:
            return financial_year_of(day)
        return term_of(day)


def venue_choices() -> list[tuple[str, str]]:
    from venues.models import Venue

    return [(venue.slug, venue.name) for venue in Venue.objects.order_by("position", "name")]


def period_from_query(query, today: datetime.date) -> tuple[Period | None, list[str]]:
    """The period a query string asks for, or the reasons it cannot be read (translated): one
    of the two is empty. The venue is read by `venue_from_query`."""
    form = PeriodForm(_period_only(query), today=today)
    if form.is_valid():
        return form.chosen_period(), []
    return None, [message for messages in form.errors.values() for message in messages]


def venue_from_query(query) -> tuple[str, list[str]]:
    """The venue's slug a query string asks for ("" for every venue), or why it cannot be."""
    form = PeriodForm({"venue": _last(query, "venue")}, today=LATEST, venues=venue_choices())
    form.is_valid()
    if "venue" in form.errors:
        return "", list(form.errors["venue"])
    return form.cleaned_data["venue"], []


def report_form(query, today: datetime.date) -> PeriodForm:
    """The dashboard's form, bound to the query string (the last value of a repeated one)."""
    data = {name: _last(query, name) for name in ("period", "start", "end", "venue")}
    return PeriodForm(data, today=today, venues=venue_choices())


def _last(query, name: str) -> str:
    values = query.getlist(name) if hasattr(query, "getlist") else [query.get(name, "")]
    return values[-1] if values else ""


def _period_only(query) -> dict:
    return {name: _last(query, name) for name in ("period", "start", "end")}
