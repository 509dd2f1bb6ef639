"""`{{ ticket|guests }}`: a guest party's people in words."""

from django import template

from events.party import guests_describe

register = template.Library()


@register.filter
def guests(value) -> str:
    """Anything with `guests` and `hosts`: "3 guests, 1 host" in the active language."""
    return guests_describe(guests=value.guests or 0, hosts=value.hosts or 0)
