"""What every admin page does with what staff send it: text they type is cleaned, and an
address or a form the admin cannot read is a 400 with a plain message, never a server error."""

from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import BadRequest, ValidationError

from sanctuary.admin_lists import ListAtScaleAdmin
from sanctuary.admin_widgets import LabelledSplitDateTime
from sanctuary.text import PlainTextField

# The years a date in the list's date filter can have (Python's dates stop at 9999).
YEARS = range(1, 10_000)


class UnreadableListQuery(BadRequest):
    """A list's filters, search or order that cannot be read: answered with a 400."""


class SafeInputAdmin(ListAtScaleAdmin):
    """For every ModelAdmin of ours (whose lists also stay quick at scale)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Plain text boxes only (not emails, links, numbers or choices): the same field with one
        # more step before its own, so that what staff type or paste is kept clean.
        if type(formfield) is forms.CharField:
            formfield.__class__ = PlainTextField
        # A moment's date and time boxes, each with its own name.
        if formfield is not None and type(formfield.widget) is AdminSplitDateTime:
            formfield.widget.__class__ = LabelledSplitDateTime
        return formfield

    def get_changelist_instance(self, request):
        problem = list_query_problem(request.GET)
        if problem:
            raise UnreadableListQuery(problem)
        try:
            return super().get_changelist_instance(request)
        except IncorrectLookupParameters as error:
            # Django would send the whole list back without a word: say what went wrong.
            raise UnreadableListQuery(str(error)) from error

    def response_action(self, request, queryset):
        for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
            try:
                self.model._meta.pk.to_python(value)
            except ValidationError as error:
                raise UnreadableListQuery(f"no row {value!r}") from error
        return super().response_action(request, queryset)


def list_query_problem(query) -> str:
    """Why a list's query string cannot be used, or "" if it can."""
    for key, values in query.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return "a NUL character"
        # The admin never makes these, and PostgreSQL refuses a pattern it cannot read with an
        # error rather than an empty list.
        if key.endswith(("__regex", "__iregex")):
            return "a regular expression"
    for key, value in query.items():
        # A date's part, from the date hierarchy or typed in: a number PostgreSQL can take.
        part = key.rpartition("__")[2]
        if part in ("year", "month", "day") and (
            not value.isascii() or not value.isdigit() or len(value) > 4 or int(value) not in YEARS
        ):
            return f"{part} {value!r}"
    return ""
