"""The dashboard's page: the figures as published, a chart beside each table, the period's form
with its errors, and no failure whatever the query string says."""

import re

import pytest

from tests.reports.test_figures_attendance import drop_ins  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, programme_staff):
    client.force_login(programme_staff)
    return client


CHART_IMAGE = re.compile(r'<img class="chart" src="([^"]+)" alt="([^"]*)"')


def drawn(client, url: str) -> str:
    """The page as it reads once its charts are drawn: each chart not drawn yet is an image,
    which the browser asks for; the next time, the chart is inline."""
    html = client.get(url).content.decode()
    for src, _alt in CHART_IMAGE.findall(html):
        assert client.get(src).status_code == 200
    html = client.get(url).content.decode()
    assert not CHART_IMAGE.search(html)
    return html


def test_each_table_has_its_note_and_an_accessible_chart_beside_it(staff_client, drop_ins):  # noqa: F811
    html = drawn(staff_client, "/en/reports/?period=term")
    tables = re.findall(r'data-table="([a-z_]+)"', html)
    assert "attendance_per_session" in tables and "decision_days" in tables
    blocks = html.split('<div class="report-table"')[1:]
    with_rows = [block for block in blocks if re.search(r'<tr data-row="(?!total)', block)]
    assert len(with_rows) >= 6
    assert all("<svg" in block for block in with_rows)
    assert not any("<svg" in block for block in blocks if block not in with_rows)
    charts = re.findall(r"<svg[^>]*>", html)
    for opening in charts:
        assert 'role="img"' in opening
        chart_id = re.search(r'aria-labelledby="([^ ]+)-title', opening).group(1)
        assert f'<title id="{chart_id}-title">' in html
        assert f'<desc id="{chart_id}-desc">' in html
    assert "Everyone checked in at the door of each session held" in html
    assert "<style" not in html.split("<svg", 1)[1]  # the page's CSP allows no inline styles
    assert ' style="' not in html
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_the_charts_desc_says_what_it_shows(staff_client, drop_ins):  # noqa: F811
    html = drawn(staff_client, "/en/reports/")
    desc = re.search(r'<desc id="chart-attendance_per_venue-2-desc">([^<]*)</desc>', html).group(1)
    assert "A bar chart of People who came." in desc
    assert "Theatre Royal: 24." in desc


def test_a_withheld_figure_reads_fewer_than_5_and_is_drawn_hatched(staff_client, drop_ins):  # noqa: F811
    import datetime

    from tests.reports import data

    _royal, _stage, stage_session = drop_ins
    small = data.session(stage_session.series, datetime.date(2026, 10, 22))
    data.came(small, data.booking(small, adults=2))
    html = drawn(staff_client, "/en/reports/")
    row = re.search(r'<tr data-row="2026-10-22">(.*?)</tr>', html).group(1)
    assert "fewer than 5" in row and ">2<" not in row
    chart = re.search(r'<svg[^>]*data-chart="line".*?</svg>', html, re.DOTALL).group(0)
    assert "fewer than 5" in chart  # the legend


def test_the_arabic_chart_runs_from_the_right(staff_client, drop_ins):  # noqa: F811
    positions = {}
    for language in ("en", "ar"):
        html = drawn(staff_client, f"/{language}/reports/")
        chart = re.search(
            r'<svg[^>]*aria-labelledby="chart-attendance_per_venue-2-title.*?</svg>',
            html,
            re.DOTALL,
        ).group(0)
        labels = re.findall(r'<text[^>]*\bx="([\d.]+)"[^>]*>([^<]+)</text>', chart)
        xs = {text: float(x) for x, text in labels}
        royal = next(x for text, x in xs.items() if "Theatre Royal" in text)
        stage = next(x for text, x in xs.items() if "Stage Two" in text)
        positions[language] = (royal, stage)
        if language == "ar":
            assert 'data-rtl="true"' in chart
            assert 'direction="rtl"' in chart
    assert positions["en"][0] < positions["en"][1]  # left to right: the first venue first
    assert positions["ar"][0] > positions["ar"][1]  # right to left: the first venue rightmost


def test_charts_not_drawn_yet_are_images_with_their_words_drawn_on_their_own(
    staff_client,
    drop_ins,  # noqa: F811
):
    html = staff_client.get("/en/reports/").content.decode()
    images = CHART_IMAGE.findall(html)
    assert len(images) >= 6 and "<svg" not in html
    src, alt = images[0]
    response = staff_client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = response.content.decode()
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and 'role="img"' in svg
    title = re.search(r"<title[^>]*>([^<]*)</title>", svg).group(1)
    assert alt.startswith(title + ". ")


def test_a_chart_image_is_for_programme_staff_only(
    client,
    programme_staff,
    volunteer,
    drop_ins,  # noqa: F811
):
    client.force_login(programme_staff)
    src, _alt = CHART_IMAGE.findall(client.get("/en/reports/").content.decode())[0]
    assert client.get("/en/reports/charts/" + "0" * 64 + ".svg").status_code == 404
    client.logout()
    assert client.get(src).status_code == 302  # to sign in
    client.force_login(volunteer)
    assert client.get(src).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "period=custom&start=2026-10-31&end=2026-10-01",
        "period=custom&start=not-a-date&end=2026-10-01",
        "period=%00&start=%ff%fe",
        "period=term&start=0001-01-01",
        "period=year&start=9999-12-31",
        "period=custom&start=2026-01-01&end=" + "9" * 5000,
        "venue=nowhere",
        "venue=<script>alert(1)</script>",
        "period=quarter&period=custom&start=2026-10-01",
        "start[]=2026-01-01&end=2026-02-30&period=custom",
    ],
)
def test_a_hostile_query_string_gets_a_clear_error_never_a_failure(staff_client, query):
    response = staff_client.get(f"/en/reports/?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert "<script>alert" not in html
    assert "data-headline" not in html


def test_the_form_keeps_what_was_typed(staff_client):
    html = staff_client.get(
        "/en/reports/?period=custom&start=2026-10-31&end=2026-10-01"
    ).content.decode()
    assert "The last day must not be before the first day." in html
    assert 'value="2026-10-31"' in html
