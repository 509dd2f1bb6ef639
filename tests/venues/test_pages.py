import io

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from venues.models import Venue

PAGE_BUDGET_BYTES = 30 * 1024


def test_the_home_page_introduces_the_programme_and_the_three_venues(client, venues):
    html = client.get("/en/").content.decode()
    for words in ["Theatre of Sanctuary", "weekly welcome drop-in", "Bursaries"]:
        assert words in html
    for name in ["Theatre Royal", "Playhouse", "Stage Two"]:
        assert name in html


@pytest.mark.parametrize(
    ("slug", "name", "address"),
    [
        ("theatre-royal", "Theatre Royal", "Theatre Street, Norwich"),
        ("playhouse", "Playhouse", "42–58 St George&#x27;s Street, Norwich"),
        ("stage-two", "Stage Two", "Theatre Street, Norwich"),
    ],
)
def test_each_venue_has_its_own_page(client, venues, slug, name, address):
    response = client.get(reverse("venues:detail", kwargs={"slug": slug}))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{name}</h1>" in html
    assert address in html


def test_an_inactive_venue_is_not_shown(client, venues):
    Venue.objects.filter(slug="playhouse").update(is_active=False)
    assert client.get(reverse("venues:detail", kwargs={"slug": "playhouse"})).status_code == 404
    assert "/venues/playhouse/" not in client.get(reverse("venues:list")).content.decode()
    assert "/venues/playhouse/" not in client.get("/en/").content.decode()


def test_an_unknown_venue_gets_a_friendly_not_found_page(client, db):
    response = client.get("/uk/venues/nowhere/")
    assert response.status_code == 404
    assert '<html lang="uk"' in response.content.decode()


@pytest.mark.parametrize("url", ["/en/", "/en/venues/", "/en/privacy/"])
def test_public_pages_need_one_query_however_many_venues(
    client, venues, url, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_assert_num_queries(1 if url != "/en/privacy/" else 0):
        client.get(url)
    # Committed, the new venues leave the cached pages behind (sanctuary.pagecache).
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(20):
            Venue.objects.create(
                name=f"Hall {number}", slug=f"hall-{number}", address="x", postcode="x"
            )
    with django_assert_num_queries(1 if url != "/en/privacy/" else 0):
        html = client.get(url).content.decode()
    if url != "/en/privacy/":
        assert "Hall 19" in html


def test_a_venue_page_needs_one_query(client, venues, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/en/venues/theatre-royal/")


def measure(*paths: str) -> dict[str, dict[str, int]]:
    """Each page's row from `manage.py measure_pages`, the command the closing notes quote."""
    output = io.StringIO()
    call_command("measure_pages", *paths, stdout=output)
    header, *rows = output.getvalue().splitlines()
    columns = header.split()[1:]
    return {
        row.split()[0]: dict(zip(columns, map(int, row.split()[1:]), strict=True)) for row in rows
    }


def test_public_pages_weigh_less_than_30_kb_compressed(venues):
    pages = measure("/en/", "/ar/", "/en/venues/theatre-royal/", "/ps/venues/")
    assert list(pages) == ["/en/", "/ar/", "/en/venues/theatre-royal/", "/ps/venues/"]
    for sizes in pages.values():
        assert sizes["html"] > 0 and sizes["css"] > 0
        assert 0 < sizes["brotli"] < sizes["gzip"] < PAGE_BUDGET_BYTES
        assert sizes["queries"] == 1


def test_public_pages_make_no_third_party_requests(client, venues):
    import re

    html = client.get("/en/").content.decode()
    for attribute in re.findall(r'(?:src|href|action)="([^"]+)"', html):
        assert not attribute.startswith(("http:", "https:", "//")), attribute


def test_the_health_check_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_the_favicon_is_found_where_browsers_look_for_it(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("/icons/favicon.svg")


def test_search_engines_are_kept_away_from_team_pages(client):
    rules = client.get("/robots.txt").content.decode()
    for private in ["/*/accounts/", "/*/admin/", "/*/team/"]:
        assert f"Disallow: {private}" in rules


def test_every_page_starts_with_a_skip_link_to_its_main_content(client, venues):
    for url in ["/en/", "/ar/venues/", "/fa/venues/stage-two/", "/en/accounts/login/"]:
        html = client.get(url).content.decode()
        assert html.index('<a class="skip-link" href="#main">') < html.index("<header")
        assert '<main id="main"' in html


def test_the_stylesheet_uses_logical_properties_so_right_to_left_pages_mirror():
    import re

    with open(finders.find("css/site.css")) as stylesheet:
        css = stylesheet.read()
    physical = re.findall(
        r"(?<![\w-])(?:(?:margin|padding|border)-(?:left|right|top|bottom)|left|right|top|bottom)\s*:"
        r"|(?:float|text-align|clear)\s*:\s*(?:left|right)\b",
        css,
    )
    assert physical == []
