"""A party's people in each language's plural forms and list words: the Arabic dual names no
number, and no right-to-left language gets a Latin comma."""

import pytest
from django.utils import translation

from dropins.party import party_describe
from tests.dropins.conftest import book


@pytest.mark.parametrize(
    ("adults", "children", "arabic"),
    [
        (1, 0, "بالغ واحد"),
        (2, 1, "بالغان وطفل واحد"),
        (1, 2, "بالغ واحد وطفلان"),
        (3, 2, "3 بالغين وطفلان"),
        (11, 11, "11 بالغًا و11 طفلًا"),
    ],
)
def test_a_party_in_arabic_uses_its_plural_forms_and_its_own_and(adults, children, arabic):
    with translation.override("ar"):
        text = party_describe(adults=adults, children=children)
    assert text == arabic
    assert "," not in text and "2 " not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "2 adults, 1 child"),
        ("uk", "2 дорослих і 1 дитина"),
        ("fa", "2 بزرگسال و 1 کودک"),
        ("ps", "2 لويان او 1 ماشوم"),
    ],
)
def test_a_party_in_every_language_is_joined_its_way(language, expected):
    with translation.override(language):
        assert party_describe(adults=2, children=1) == expected


@pytest.mark.django_db
def test_the_private_link_page_in_arabic_says_the_party_without_a_latin_comma(client, session):
    booking = book(session, adults=2, children=3)
    with translation.override("ar"):
        path = booking.manage_path()

    html = client.get(path).content.decode()

    assert "بالغان و3 أطفال" in html
    assert "2 بالغان" not in html and "بالغان, " not in html
