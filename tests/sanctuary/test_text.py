"""What people type is kept without the characters that hide or reorder text, and is shown
isolated from the words around it."""

import unicodedata

import pytest
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from sanctuary.text import PlainTextField, isolate, isolate_html, text_clean

PERSIAN_WITH_ZWNJ = "می\u200cخواهم"
MALAYALAM_WITH_ZWJ = "ന്\u200d"
HIDING = [
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\U000e0041",
]


def test_a_right_to_left_override_cannot_disguise_a_name():
    assert text_clean("Ali\u202egnp.exe") == "Alignp.exe"


@pytest.mark.parametrize("char", HIDING, ids=[f"U+{ord(c):04X}" for c in HIDING])
def test_each_invisible_formatting_character_is_dropped(char):
    assert text_clean(f"Ma{char}ryam") == "Maryam"


def test_nul_and_other_control_characters_are_dropped():
    assert text_clean("Ol\x00e\x07n\x1ba\x7f\x9b") == "Olena"


def test_the_joiners_persian_arabic_and_indic_scripts_need_are_kept():
    assert text_clean(PERSIAN_WITH_ZWNJ) == PERSIAN_WITH_ZWNJ
    assert text_clean(MALAYALAM_WITH_ZWJ) == MALAYALAM_WITH_ZWJ
    assert text_clean("👩\u200d👧") == "👩\u200d👧"


def test_text_is_normalised_to_composed_characters():
    assert text_clean("Zoe\u0301") == "Zoé"


def test_one_line_text_turns_line_breaks_and_tabs_into_spaces():
    assert text_clean("Mar\tyam\r\nA\u2028B") == "Mar yam A B"


def test_many_line_text_keeps_its_lines_and_tabs_with_one_kind_of_line_break():
    assert text_clean("one\r\ntwo\rthree\n\tfour", multiline=True) == "one\ntwo\nthree\n\tfour"


@given(st.text())
def test_nothing_that_hides_or_controls_text_survives_cleaning(value):
    cleaned = text_clean(value, multiline=True)
    for char in cleaned:
        assert char in "\n\t\u200c\u200d" or unicodedata.category(char) not in {"Cc", "Cs"}
        assert not ("\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069")
    assert text_clean(cleaned, multiline=True) == cleaned


def test_the_form_field_cleans_before_it_checks_the_length():
    field = PlainTextField(max_length=6)
    assert field.clean(" Ali\u202e\u202e\u202e\u202e\x00 ") == "Ali"


def test_the_form_field_keeps_lines_in_a_textarea_only():
    assert PlainTextField(widget=forms.Textarea).clean("a\r\nb") == "a\nb"
    assert PlainTextField().clean("a\r\nb") == "a b"


def test_plain_text_isolates_someones_words_with_first_strong_isolate():
    assert isolate("مریم") == "\u2068مریم\u2069"
    assert isolate("") == ""


def test_html_isolates_someones_words_in_an_escaped_bdi():
    assert isolate_html("<b>Ali</b>") == "<bdi>&lt;b&gt;Ali&lt;/b&gt;</bdi>"
    assert isolate_html("") == ""
