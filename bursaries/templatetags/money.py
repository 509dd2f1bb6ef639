from django import template
from django.utils.html import format_html

from bursaries import money

register = template.Library()


@register.filter
def pounds(amount, style: str = ""):
    """{{ amount|pounds }} is £1,200.00 and {{ amount|pounds:"short" }} £1,200 (pence only when
    there are some), kept left to right on right-to-left pages."""
    if amount is None or amount == "":
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', money.pounds(amount, pence=style != "short"))
