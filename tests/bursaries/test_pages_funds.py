"""The public fund pages: open funds with a way to apply, closed ones saying when the next
round opens, in every language."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from bursaries.models import Fund
from tests.bursaries.helpers import apply_url
from tests.languages import TRANSLATED


def test_the_fund_list_shows_open_funds_with_a_way_to_apply(client, fund, closed_fund):
    html = client.get(reverse("bursaries:list")).content.decode()
    assert fund.name in html
    assert apply_url(fund) in html
    assert closed_fund.name in html
    assert apply_url(closed_fund) not in html
    assert html.index(fund.name) < html.index(closed_fund.name)


def test_an_open_fund_explains_what_it_covers_and_how_we_decide_in_plain_words(
    client, fund, opportunity
):
    html = client.get(fund.get_absolute_url()).content.decode()
    for words in [
        "What a bursary can pay for",
        "Course fees, travel, childcare",
        "How we decide",
        fund.covers,
        fund.how_decided,
        "We will never ask about your immigration status",
        opportunity.title,
    ]:
        assert words in html, words


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_fund_page_speaks_every_ui_language(client, fund, code):
    html = client.get(f"/{code}/bursaries/{fund.slug}/").content.decode()
    assert "How we decide" not in html
    with translation.override(code):
        assert translation.gettext("How we decide") in html


def test_a_closed_fund_says_when_the_next_round_opens(client, closed_fund):
    today = timezone.localdate()
    next_round = Fund.objects.create(
        name="Spring bursaries",
        slug="spring",
        budget=Decimal("800"),
        opens_on=today + timedelta(days=20),
        closes_on=today + timedelta(days=80),
    )
    html = client.get(closed_fund.get_absolute_url()).content.decode()
    assert "This fund is closed." in html
    assert "The next round opens on" in html
    assert next_round.get_absolute_url() in html
    assert apply_url(closed_fund) not in html


def test_a_closed_fund_points_to_an_open_one(client, closed_fund, fund):
    html = client.get(closed_fund.get_absolute_url()).content.decode()
    assert "You can apply to another fund now" in html
    assert fund.get_absolute_url() in html


def test_a_closed_fund_with_no_next_round_says_so_kindly(client, closed_fund):
    html = client.get(closed_fund.get_absolute_url()).content.decode()
    assert "We have not set a date for the next round yet." in html


def test_the_form_of_a_closed_fund_sends_you_to_the_fund_page(client, closed_fund):
    response = client.get(apply_url(closed_fund))
    assert response.status_code == 302
    assert response.url == closed_fund.get_absolute_url()


def test_the_home_page_links_to_the_bursaries(client, db):
    assert reverse("bursaries:list") in client.get("/en/").content.decode()
