"""Numbers on a page as the language writes them: `{{ totals.places_left|number }}`."""

from django import template

from sanctuary.words import number_html

register = template.Library()


@register.filter
def number(value) -> str:
    """In the locale's format, isolated left to right, so that a minus sign stays in place."""
    return number_html(value)
