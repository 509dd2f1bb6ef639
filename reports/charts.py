"""Charts of a report's tables, drawn on the server as accessible SVG with matplotlib.

Each chart is inlined in the page beside its table: `role="img"`, a <title> and a <desc> that
says in words what it shows. A chart not drawn yet is first an image of its own address, with
the same words, which the browser asks for while the page shows (`chart_on_page`); once drawn,
it is kept an hour and inlined. Text stays text (`svg.fonttype = "none"`), so the browser shapes
every script and the words can be read aloud and translated. In a right-to-left language the
category axis runs from the right and each label is laid out right to left. Withheld figures
are never drawn as their value: a line has a gap, a bar is a short hatched stub, and the legend
says "fewer than 5" or "withheld".

The page's Content-Security-Policy allows no inline styles, so matplotlib's style attributes
are rewritten as SVG presentation attributes, which it does not restrict. The SVG keeps only
the ids it refers to (so several charts can share a page) and no metadata.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import re
import textwrap
import threading
import warnings
from decimal import Decimal

from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from reports.cell_words import withheld_words
from reports.published import Cell, Chart, Row, Table, Unit

COLOURS = ("#1f4e79", "#b35900", "#2e7d32", "#6a1b9a", "#8a6d00", "#00695c", "#ad1457")
WITHHELD_COLOUR = "#595959"
MOST_LABELS = 12  # tick labels on the category axis; more rows show every few
LONGEST_LABEL = 30  # characters of a category's label on the chart
CACHE_SECONDS = 60 * 60
TABLE_KEY = "reports:chart-table:"
RC = {
    "svg.fonttype": "none",
    "text.parse_math": False,  # a "$" in a partner's name is a dollar, not mathematics
    "font.family": "sans-serif",
    "font.sans-serif": ["Noto Sans", "Noto Sans Arabic", "DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#404040",
    "svg.image_inline": True,
}


_drawn_afresh = threading.local()


@contextlib.contextmanager
def drawn_afresh():
    """Charts drawn again rather than taken from the cache, within (bench_reports' cold runs)."""
    _drawn_afresh.on = True
    try:
        yield
    finally:
        _drawn_afresh.on = False


def warm_up() -> None:
    """Load the drawing library and its fonts: gunicorn calls this before its workers fork
    (gunicorn.conf.py), so the first report a worker shows does not wait a second for them."""
    _svg(
        Table(
            key="warm",
            title="",
            how_counted="",
            columns=("",),
            rows=(Row(label="", cells=(Cell(1),)),),
            chart=Chart.BAR,
        ),
        chart_id="warm",
        rtl=False,
    )


def _svg_key(table: Table, chart_id: str) -> str:
    """The cache's key of a chart: a digest of its figures, its language and its direction."""
    rtl = translation.get_language_bidi()
    digest = hashlib.sha256(
        repr((table, chart_id, rtl, translation.get_language())).encode()
    ).hexdigest()
    return "reports:chart:" + digest


def chart_svg(table: Table, *, chart_id: str) -> SafeString:
    """The table's chart as inline SVG, in the active language ("" when the table has none)."""
    if table.chart is Chart.NONE or not table.rows:
        return mark_safe("")
    key = _svg_key(table, chart_id)
    svg = None if getattr(_drawn_afresh, "on", False) else cache.get(key)
    if svg is None:
        svg = _svg(table, chart_id=chart_id, rtl=translation.get_language_bidi())
        cache.set(key, svg, CACHE_SECONDS)
    return mark_safe(svg)  # noqa: S308 (built here: labels are escaped by matplotlib and below)


def chart_on_page(table: Table, *, chart_id: str) -> SafeString:
    """The chart for the dashboard: inline SVG once it has been drawn; until then an image the
    browser asks for on its own (`chart_drawn`), so that the page does not wait for a dozen
    charts to be drawn one after another, and they are drawn side by side by the workers. The
    image's text says what the chart's <title> and <desc> say."""
    if table.chart is Chart.NONE or not table.rows:
        return mark_safe("")
    key = _svg_key(table, chart_id)
    svg = None if getattr(_drawn_afresh, "on", False) else cache.get(key)
    if svg is not None:
        return mark_safe(svg)  # noqa: S308 (as in chart_svg)
    digest = key.removeprefix("reports:chart:")
    cache.set(TABLE_KEY + digest, (table, chart_id), CACHE_SECONDS)
    return format_html(
        '<img class="chart" src="{}" alt="{}" width="640" height="320" decoding="async">',
        reverse("reports:chart", kwargs={"digest": digest}),
        f"{table.title}. {description(table)}",
    )


def chart_drawn(digest: str) -> str | None:
    """The SVG of a chart `chart_on_page` named, drawn now if need be (None when its table is
    no longer kept: the page is older than CACHE_SECONDS)."""
    kept = cache.get(TABLE_KEY + digest)
    if kept is None:
        return None
    table, chart_id = kept
    return str(chart_svg(table, chart_id=chart_id))


def description(table: Table) -> str:
    """What the chart shows, in words: each row's figures as published."""
    kind = {
        Chart.LINE: _("A line chart"),
        Chart.BAR: _("A bar chart"),
        Chart.STACKED: _("A stacked bar chart"),
    }[table.chart]
    columns = ", ".join(table.columns)
    parts = [_("%(kind)s of %(columns)s.") % {"kind": kind, "columns": columns}]
    rows = table.rows
    if len(rows) > MOST_LABELS:
        parts.append(
            _("%(count)s rows, from %(first)s to %(last)s.")
            % {"count": len(rows), "first": rows[0].label, "last": rows[-1].label}
        )
        rows = ()
    for row in rows:
        figures = ", ".join(cell_words(cell, table.unit) for cell in row.cells)
        parts.append(f"{row.label}: {figures}.")
    parts.append(_("Every figure is in the table beside it."))
    return " ".join(parts)


def cell_words(cell: Cell, unit: Unit) -> str:
    """A published cell as the reader sees it."""
    withheld = withheld_words(cell, unit)
    if withheld is not None:
        return withheld
    if unit is Unit.POUNDS:
        text = "£" + formats.number_format(Decimal(cell.value), 2, force_grouping=True)
    else:
        text = formats.number_format(cell.value, force_grouping=True)
    if cell.rounded:
        return _("%(figure)s (rounded to the nearest 5)") % {"figure": text}
    return text


def _value(cell: Cell) -> float | None:
    return None if cell.suppressed or cell.value is None else float(cell.value)


def _svg(table: Table, *, chart_id: str, rtl: bool) -> str:
    # Loaded when the first chart is drawn, not when the site starts.
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    rows = table.rows
    values = [[_value(cell) for cell in row.cells] for row in rows]
    drawn = [value for row in values for value in row if value is not None]
    top = max(drawn, default=0) or 1
    stub = top * 0.04
    with matplotlib.rc_context({**RC, "svg.hashsalt": chart_id}), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fonts without a script's glyphs: the browser has them
        # Fixed margins: a layout engine would draw the chart several times over.
        figure = Figure(figsize=(6.4, 3.2))
        axes = figure.add_subplot()
        columns = len(table.columns)
        positions = list(range(len(rows)))
        handles = []
        primary = secondary = False
        if table.chart is Chart.LINE:
            for index in range(columns):
                series = [row[index] if row[index] is not None else float("nan") for row in values]
                (line,) = axes.plot(
                    positions, series, marker="o", markersize=3, color=COLOURS[index % len(COLOURS)]
                )
                handles.append((line, table.columns[index]))
            withheld_at = [
                position
                for position, row in zip(positions, rows, strict=True)
                for cell in row.cells
                if cell.suppressed
            ]
            if withheld_at:
                axes.plot(
                    withheld_at,
                    [0] * len(withheld_at),
                    linestyle="none",
                    marker="x",
                    color=WITHHELD_COLOUR,
                    markersize=5,
                )
            kinds = [cell.secondary for row in rows for cell in row.cells if cell.suppressed]
            primary, secondary = (False in kinds), (True in kinds)
        else:
            stubs = {False: [], True: []}  # x of each stub: primary ones, secondary ones
            stacked = table.chart is Chart.STACKED
            width = 0.8 if stacked else 0.8 / columns
            bottoms = [0.0] * len(rows)
            hidden_rows = {
                position: not any(cell.suppressed and not cell.secondary for cell in row.cells)
                for position, row in enumerate(rows)
                if stacked and any(cell.suppressed for cell in row.cells)
            }
            for position, secondary_only in hidden_rows.items():
                stubs[secondary_only].append(position)  # one stub for the whole stacked bar
            for index in range(columns):
                xs, heights, starts = [], [], []
                for position, row in enumerate(rows):
                    cell = row.cells[index]
                    x = position if stacked else position - 0.4 + width * (index + 0.5)
                    if position in hidden_rows:
                        continue
                    if cell.suppressed:
                        stubs[cell.secondary].append(x)
                        continue
                    xs.append(x)
                    heights.append(values[position][index] or 0.0)
                    starts.append(bottoms[position])
                    if stacked:
                        bottoms[position] += heights[-1]
                colour = COLOURS[index % len(COLOURS)]
                axes.bar(xs, heights, bottom=starts, width=width * 0.9, color=colour)
                handles.append((Patch(color=colour), table.columns[index]))
            for is_secondary, xs in stubs.items():
                if xs:
                    axes.bar(
                        xs,
                        [stub] * len(xs),
                        width=width * 0.9,
                        facecolor="white",
                        edgecolor=WITHHELD_COLOUR,
                        hatch="..." if is_secondary else "///",
                        linewidth=0.8,
                    )
            primary, secondary = bool(stubs[False]), bool(stubs[True])
        if primary:
            handles.append(
                (
                    Patch(facecolor="white", edgecolor=WITHHELD_COLOUR, hatch="///"),
                    _("withheld (fewer than 5 awards)")
                    if table.unit is Unit.POUNDS
                    else _("fewer than 5"),
                )
            )
        if secondary:
            handles.append(
                (Patch(facecolor="white", edgecolor=WITHHELD_COLOUR, hatch="..."), _("withheld"))
            )
        _axes_dress(axes, table, positions, rtl=rtl)
        if len(handles) > 1 or primary or secondary:
            axes.legend(
                [handle for handle, _label in handles],
                [label for _handle, label in handles],
                loc="lower left" if rtl else "lower right",
                frameon=False,
                fontsize=8,
                ncols=min(len(handles), 3),
                bbox_to_anchor=(0, 1.0) if rtl else (1, 1.0),
            )
        buffer = io.BytesIO()
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    return _accessible(buffer.getvalue().decode(), table, chart_id=chart_id, rtl=rtl)


def _axes_dress(axes, table: Table, positions: list[int], *, rtl: bool) -> None:
    # One line each: the browser's shaping of a script can differ in width from matplotlib's
    # measure, which would shift the lines of a wrapped label apart. Long ones are shortened
    # (the table beside the chart has them whole) and slanted.
    labels = [textwrap.shorten(row.label, LONGEST_LABEL, placeholder="…") for row in table.rows]
    step = max(1, -(-len(positions) // MOST_LABELS))
    shown = positions[::step]
    longest = max((len(labels[p]) for p in shown), default=0)
    rotate = len(shown) > 4 or longest > 14
    axes.figure.subplots_adjust(
        left=0.05 if rtl else 0.1,
        right=0.9 if rtl else 0.95,
        top=0.86,
        bottom=min(0.5, 0.1 + 0.014 * longest) if rotate else 0.12,
    )
    axes.set_xticks(
        shown,
        [labels[p] for p in shown],
        rotation=(-35 if rtl else 35) if rotate else 0,
        ha=("left" if rtl else "right") if rotate else "center",
        rotation_mode="anchor",
    )
    axes.set_xlim(-0.7, len(positions) - 0.3)
    axes.set_ylim(bottom=0)
    if table.unit is Unit.POUNDS:
        axes.yaxis.set_major_formatter(lambda value, _pos: f"£{value:,.0f}")
    else:
        axes.yaxis.get_major_locator().set_params(integer=True)
    axes.grid(axis="y", color="#d9d9d9", linewidth=0.6)
    axes.set_axisbelow(True)
    if rtl:
        # The category axis runs from the right, its values on the right-hand side.
        axes.invert_xaxis()
        axes.yaxis.tick_right()
        axes.spines["left"].set_visible(False)
        axes.spines["right"].set_visible(True)


_STYLE = re.compile(r' style="([^"]*)"')
_ID = re.compile(r' id="([^"]+)"')
_REFERENCE = re.compile(r'(?:url\(#|href="#)([^")]+)')
_ANCHOR = re.compile(r'text-anchor="(start|end)"')


def _attributes(match: re.Match) -> str:
    """A style attribute as SVG presentation attributes."""
    pairs = []
    for declaration in match.group(1).split(";"):
        name, _colon, value = declaration.partition(":")
        if name.strip() and value.strip():
            pairs.append(f'{name.strip()}="{value.strip()}"')
    return " " + " ".join(pairs) if pairs else ""


def _accessible(svg: str, table: Table, *, chart_id: str, rtl: bool) -> str:
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<defs>\s*</defs>", "", svg)
    svg = _STYLE.sub(_attributes, svg)
    referenced = set(_REFERENCE.findall(svg))
    svg = _ID.sub(lambda m: m.group(0) if m.group(1) in referenced else "", svg)
    svg = re.sub(r">\s+<", "><", svg)
    svg = re.sub(r"\s*\n\s*", " ", svg)
    if rtl:
        # Each label laid out right to left; its anchor swapped so it stays where it was put.
        svg = re.sub(
            r"<text([^>]*)>",
            lambda m: (
                '<text direction="rtl"'
                + _ANCHOR.sub(
                    lambda a: 'text-anchor="%s"' % ("end" if a.group(1) == "start" else "start"),
                    m.group(1),
                )
                + ">"
            ),
            svg,
        )
    opening = svg[: svg.index(">") + 1]
    view_box = re.search(r'viewBox="([^"]+)"', opening).group(1)
    title, desc = escape(table.title), escape(description(table))
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'viewBox="{view_box}" class="chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" stroke-linejoin="round" '
        f'stroke-linecap="butt" data-chart="{table.chart.value}" data-rtl="{str(rtl).lower()}">'
        f'<title id="{chart_id}-title">{title}</title><desc id="{chart_id}-desc">{desc}</desc>'
    )
    return head + svg[len(opening) :]
