"""How a report's cells read on the page, and its charts."""

from django import template

from reports.charts import cell_words, chart_on_page

register = template.Library()


@register.filter
def figure(cell, unit):
    """A published cell in words: its figure, "fewer than 5", "withheld"…"""
    return cell_words(cell, unit)


@register.simple_tag
def chart(table, number):
    return chart_on_page(table, chart_id=f"chart-{table.key}-{number}")
