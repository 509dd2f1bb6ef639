"""The public "Find support" page: listed partners by stream, in every language."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from partners.models import PartnerOrganisation, Stream
from tests.languages import RIGHT_TO_LEFT


def page(client, code="en"):
    with translation.override(code):
        url = reverse("partners:find_support")
    response = client.get(url)
    assert response.status_code == 200
    return response


def stream_section(html, stream):
    """The HTML of one stream's section of the page."""
    pattern = rf'<section[^>]*aria-labelledby="stream-{stream}">(.*?)</section>'
    found = re.search(pattern, html, re.S)
    assert found, f"no section for {stream}"
    return found.group(1)


def test_the_page_lives_at_partners_in_each_language():
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            assert reverse("partners:find_support") == f"/{code}/partners/"


@pytest.mark.parametrize(("code", "_name"), settings.LANGUAGES)
def test_the_page_speaks_each_language_in_its_direction(client, make_partner, code, _name):
    make_partner(name="GYROS")
    html = page(client, code).content.decode()
    direction = "rtl" if code in RIGHT_TO_LEFT else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in html
    with translation.override(code):
        heading = translation.gettext("Find support")
        question = translation.gettext("What would you like help with?")
        stream = str(Stream.ADVICE.label)
    assert f"<h1>{heading}</h1>" in html
    assert question in html
    assert f">{stream}</h2>" in html
    if code != "en":
        assert heading != "Find support"
        assert question != "What would you like help with?"


def test_only_listed_active_partners_are_shown(client, make_partner):
    make_partner(name="Listed and active")
    make_partner(name="Not listed", is_listed=False)
    make_partner(name="Listed but closed", is_active=False)
    html = page(client).content.decode()
    assert "Listed and active" in html
    assert "Not listed" not in html
    assert "Listed but closed" not in html


def test_partners_are_grouped_by_stream_in_each_of_theirs_and_empty_streams_are_hidden(
    client, make_partner
):
    make_partner(name="GYROS", streams=["advice", "work"])
    make_partner(name="Creative Arts East", streams=["arts"])
    make_partner(name="NCAN", streams=["advice"])
    html = page(client).content.decode()

    assert re.findall(r"<h3>(.*?)</h3>", stream_section(html, "advice")) == ["GYROS", "NCAN"]
    assert re.findall(r"<h3>(.*?)</h3>", stream_section(html, "work")) == ["GYROS"]
    assert re.findall(r"<h3>(.*?)</h3>", stream_section(html, "arts")) == ["Creative Arts East"]
    # The streams in their own order, each once in the jump list; none without partners.
    assert re.findall(r'<h2 id="stream-(\w+)">', html) == ["advice", "arts", "work"]
    assert re.findall(r'<li><a href="#stream-(\w+)">', html) == ["advice", "arts", "work"]
    for empty in ["housing", "sport", "faith"]:
        assert f"stream-{empty}" not in html


def test_nothing_to_list_says_so(client, make_partner):
    make_partner(is_listed=False)
    html = page(client, "uk").content.decode()
    with translation.override("uk"):
        assert translation.gettext("There are no partners to show yet.") in html
    assert "jump-list" not in html


def test_what_a_partner_does_falls_back_to_english_marked_as_english(client, make_partner):
    make_partner(name="New Routes", description="Friendship for newcomers.", description_fa="دوستی")
    persian = page(client, "fa").content.decode()
    pashto = page(client, "ps").content.decode()
    assert '<p lang="fa" dir="auto">دوستی</p>' in persian
    assert '<p lang="en" dir="auto">Friendship for newcomers.</p>' in pashto


def test_contact_details_are_plain_links_to_call_write_or_visit(client, make_partner):
    make_partner(
        name="GYROS",
        public_phone="01603 496003",
        public_email="hello@gyros.example.org",
        website="https://gyros.example.org/advice/",
        address="Prince of Wales Road\nNorwich",
    )
    html = page(client, "ar").content.decode()
    assert '<a href="tel:+441603496003">' in html
    assert '<bdi class="ltr">01603 496003</bdi>' in html
    assert '<a href="mailto:hello@gyros.example.org">' in html
    assert '<a href="https://gyros.example.org/advice/" rel="noreferrer noopener external">' in html
    assert '<bdi class="ltr">gyros.example.org</bdi>' in html
    assert "Prince of Wales Road<br>Norwich" in html


def test_a_partner_without_contact_details_shows_no_empty_links(client, make_partner):
    make_partner(name="Quiet group")
    html = page(client).content.decode()
    assert "tel:" not in html and "mailto:" not in html
    assert 'rel="noreferrer' not in html


def test_nothing_is_loaded_from_elsewhere_and_other_sites_are_plain_links(client, make_partner):
    make_partner(website="https://one.example.org/", streams=["advice", "arts"])
    make_partner(website="http://two.example.net/")
    html = page(client).content.decode()
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    for tag, attribute, value in re.findall(r'<(\w+)[^>]*?\s(src|href|action)="([^"]*)"', html):
        if value.startswith(("http:", "https:", "//")):
            assert (tag, attribute) == ("a", "href"), (tag, attribute, value)
        else:
            assert value.startswith(("/", "#", "tel:", "mailto:")), value
    external = re.findall(r'<a href="(?:https?:)?//[^"]*"([^>]*)>', html)
    assert len(external) == 3  # one partner under two streams, one under one
    assert all('rel="noreferrer noopener external"' in rest for rest in external)


def test_the_page_sets_no_cookie_and_sends_no_referrer(client, make_partner):
    make_partner(website="https://one.example.org/")
    response = page(client, "fa")
    assert response.cookies == {}
    assert "Set-Cookie" not in response.headers
    html = response.content.decode()
    assert '<meta name="referrer" content="no-referrer">' in html
    # Languages are links to this page in each (the site's language form carries a token
    # that would set a cookie).
    assert "csrfmiddlewaretoken" not in html and "<form" not in html
    for code, name in [("en", "English"), ("uk", "Українська"), ("ps", "پښتو")]:
        assert f'<a href="/{code}/partners/" lang="{code}" hreflang="{code}"' in html
        assert f">{name}</a>" in html
    assert 'href="/fa/partners/" lang="fa" hreflang="fa" aria-current="page"' in html


def test_the_page_needs_one_query_for_one_partner_or_forty(
    client, make_partner, django_assert_num_queries, django_capture_on_commit_callbacks
):
    make_partner()
    with django_assert_num_queries(1):
        html = page(client, "ar").content.decode()
    assert html.count('<li class="partner">') == 1
    # Committed, the new partners leave the cached page behind (sanctuary.pagecache).
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(39):
            make_partner(
                streams=[Stream.values[number % 10], "advice"],
                public_phone="01603 496000",
                website="https://example.org/",
            )
    with django_assert_num_queries(1):
        html = page(client, "ar").content.decode()
    assert html.count('<li class="partner">') == 40 + 35  # 35 of them also in a second stream


def test_the_site_links_to_the_page_from_its_navigation_and_footer(client, db):
    html = client.get("/uk/").content.decode()
    with translation.override("uk"):
        label = translation.gettext("Find support")
    assert html.count(f'<a href="/uk/partners/">{label}</a>') == 2


def test_an_unknown_stream_saved_some_other_way_is_simply_not_shown(client, make_partner):
    partner = make_partner(name="Odd one", streams=["advice"])
    PartnerOrganisation.objects.filter(pk=partner.pk).update(streams=["advice", "astrology"])
    html = page(client).content.decode()
    assert "astrology" not in html
    assert "Odd one" in stream_section(html, "advice")


def test_the_page_weighs_less_than_30_kb_compressed_with_the_demo_partners(db, demo):
    demo()
    output = io.StringIO()
    call_command("measure_pages", "/en/partners/", "/ar/partners/", "/ps/partners/", stdout=output)
    header, *rows = output.getvalue().splitlines()
    columns = header.split()[1:]
    assert len(rows) == 3
    for row in rows:
        sizes = dict(zip(columns, map(int, row.split()[1:]), strict=True))
        assert sizes["html"] > 5_000  # the eight partners are there
        assert 0 < sizes["gzip"] < 30 * 1024
        assert sizes["queries"] == 1
