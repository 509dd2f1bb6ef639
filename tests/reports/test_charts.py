"""Charts on their own: what the legend and the description say about withheld figures, and
an SVG the page's Content-Security-Policy lets the browser draw."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from reports.charts import chart_svg, description
from reports.published import Cell, Chart, Row, Table, Unit

SPENT = Table(
    key="budget_by_fund",
    title="Each fund's budget: spent and left",
    how_counted="",
    columns=("Spent (£)", "Left (£)"),
    rows=(
        Row("Learning", (Cell(Decimal("750.00")), Cell(Decimal("4250.00")))),
        Row("Small grants", (Cell(None, suppressed=True), Cell(None, suppressed=True))),
    ),
    unit=Unit.POUNDS,
    chart=Chart.STACKED,
)
COUNTS = Table(
    key="decisions",
    title="Days from applying to a decision",
    how_counted="",
    columns=("Decisions",),
    rows=(
        Row("0 to 7 days", (Cell(None, suppressed=True),)),
        Row("8 to 14 days", (Cell(None, suppressed=True, secondary=True),)),
        Row("15 to 28 days", (Cell(12),)),
    ),
)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_withheld_money_is_a_hatched_stub_named_in_the_legend():
    svg = chart_svg(SPENT, chart_id="t1")
    assert "withheld (fewer than 5 awards)" in svg
    assert 'data-chart="stacked"' in svg
    assert "£4,250" not in description(SPENT).split("Small grants")[1]


def test_small_and_protecting_figures_each_have_their_legend_entry():
    svg = chart_svg(COUNTS, chart_id="t2")
    assert ">fewer than 5<" in svg and ">withheld<" in svg
    assert "0 to 7 days: fewer than 5. 8 to 14 days: withheld. 15 to 28 days: 12." in svg


def test_the_svg_has_no_inline_style_and_only_ids_it_uses():
    svg = str(chart_svg(COUNTS, chart_id="t3"))
    assert " style=" not in svg and "<style" not in svg
    ids = set(re.findall(r' id="([^"]+)"', svg))
    referenced = set(re.findall(r'(?:url\(#|href="#)([^")]+)', svg)) | {"t3-title", "t3-desc"}
    assert ids <= referenced


def test_a_table_without_a_chart_or_rows_draws_nothing():
    assert chart_svg(Table("x", "", "", ("A",), (), chart=Chart.NONE), chart_id="t4") == ""


def test_a_chart_is_drawn_once_and_again_only_when_asked_for_afresh(monkeypatch, settings):
    from reports import charts

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    drawn = []
    draw = charts._svg
    monkeypatch.setattr(charts, "_svg", lambda *a, **k: drawn.append(1) or draw(*a, **k))
    with translation.override("en"):
        first = chart_svg(COUNTS, chart_id="again")
        assert chart_svg(COUNTS, chart_id="again") == first
        assert len(drawn) == 1
        with charts.drawn_afresh():
            chart_svg(COUNTS, chart_id="again")
        assert len(drawn) == 2


def test_the_drawing_library_can_be_loaded_before_the_workers_fork():
    from reports import charts

    charts.warm_up()  # gunicorn.conf.py's when_ready
