"""People's own text on a page: `{{ booking.first_name|bdi }}`, also inside blocktranslate."""

from django import template

from sanctuary.text import isolate_html

register = template.Library()


@register.filter
def bdi(value) -> str:
    """Escaped, in a `<bdi>` of its own, so that it cannot reorder the sentence around it."""
    return isolate_html(value)
