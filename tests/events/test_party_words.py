"""A guest party's people in each language's plural forms and list words."""

import pytest
from django.utils import translation

from events.party import guests_describe


@pytest.mark.parametrize(
    ("guests", "hosts", "arabic"),
    [(1, 0, "ضيف واحد"), (2, 1, "ضيفان ومضيف واحد"), (3, 2, "3 ضيوف ومضيفان")],
)
def test_a_guest_party_in_arabic_names_the_dual_without_a_number(guests, hosts, arabic):
    with translation.override("ar"):
        assert guests_describe(guests=guests, hosts=hosts) == arabic


def test_a_guest_party_in_english_is_as_before():
    with translation.override("en"):
        assert guests_describe(guests=3, hosts=1) == "3 guests, 1 host"
