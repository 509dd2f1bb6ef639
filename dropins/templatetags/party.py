"""`{{ booking|party }}`: a booking's or a check-in's people in words."""

from django import template

from dropins.party import party_describe

register = template.Library()


@register.filter
def party(value) -> str:
    """Anything with `adults` and `children`: "2 adults, 1 child" in the active language."""
    return party_describe(adults=value.adults or 0, children=value.children or 0)
