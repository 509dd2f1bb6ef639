"""Lists, numbers and plurals as each language writes them, and the words that mean two
things kept apart by their context."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from sanctuary.words import list_join
from tests.languages import LANGUAGES, RIGHT_TO_LEFT, TRANSLATED

LOCALE = Path(settings.BASE_DIR, "locale")
# How many plural forms each language's catalog has: Arabic zero, one, two, few, many, other;
# Ukrainian one, few, many, other; Russian one, few, many (gettext's, as Django's own catalog);
# Tigrinya, like French, one for 0 and 1.
PLURAL_FORMS = {"uk": 4, "ar": 6, "fa": 2, "ps": 2, "ckb": 2, "ti": 2, "ur": 2, "ru": 3, "sq": 2}
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
# A word with two meanings: (context, msgid, the templates or modules that ask for it).
SPLITS = [
    ("bursary application", "Reference", "templates/bursaries/application_status.html"),
    ("bursary application", "Reference", "templates/portal/referral_detail.html"),
    ("bursary application", "Reference", "templates/admin/bursaries/application/open.html"),
    ("booking", "Reference", "templates/portal/booking_detail.html"),
    ("booking", "Reference", "templates/portal/guests/quota.html"),
    ("bursary application", "Your reference", "templates/bursaries/application_sent.html"),
    ("bursary application", "reference", "bursaries/models/applications.py"),
    ("person", "name", "bursaries/models/applications.py"),
    ("person", "name", "events/models/network.py"),
    ("person", "name", "events/models/mailing.py"),
    ("for a client", "Book", "templates/portal/booking_form.html"),
]


def catalog_id(path):
    return f"{path.parts[-3]}-{path.stem}"


@pytest.mark.parametrize(
    ("language", "items", "expected"),
    [
        ("en", ["2 adults", "1 child"], "2 adults, 1 child"),
        ("uk", ["a", "b", "c"], "a, b і c"),
        ("ar", ["بالغان", "طفل واحد"], "بالغان وطفل واحد"),
        ("ar", ["أ", "ب", "ج"], "أ، ب وج"),
        ("fa", ["أ", "ب", "ج"], "أ، ب و ج"),
        ("ps", ["أ", "ب", "ج"], "أ، ب او ج"),
        ("ckb", ["٢ گەورە", "١ منداڵ"], "٢ گەورە و ١ منداڵ"),
        ("ur", ["أ", "ب", "ج"], "أ، ب اور ج"),
        ("ti", ["2 ዓበይቲ", "1 ቆልዓ"], "2 ዓበይቲ ከምኡውን 1 ቆልዓ"),
        ("ti", ["ሀ", "ለ", "ሐ"], "ሀ፣ ለ ከምኡውን ሐ"),
        ("ru", ["2 взрослых", "1 ребёнок"], "2 взрослых и 1 ребёнок"),
        ("sq", ["a", "b", "c"], "a, b dhe c"),
        ("ar", ["وحده"], "وحده"),
        ("ar", [], ""),
    ],
)
def test_a_list_is_joined_in_the_languages_own_words(language, items, expected):
    assert list_join(items, language=language) == expected


@pytest.mark.parametrize("language", RIGHT_TO_LEFT)
def test_right_to_left_lists_have_no_latin_comma(language):
    with translation.override(language):
        assert "," not in list_join(["أ", "ب", "ج", "د"])


def test_every_language_of_the_site_has_its_own_list_words():
    from sanctuary.words import LIST_PATTERNS

    assert set(LIST_PATTERNS) == set(LANGUAGES)


def test_plural_forms_are_known_for_every_translated_language():
    assert set(PLURAL_FORMS) == set(TRANSLATED)


def test_an_unknown_language_joins_the_english_way():
    assert list_join(["a", "b"], language="xx") == "a, b"


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_every_plural_entry_has_the_languages_number_of_forms(path):
    language = path.parts[-3]
    catalog = polib.pofile(str(path))
    assert f"nplurals={PLURAL_FORMS[language]};" in catalog.metadata["Plural-Forms"]
    plurals = [entry for entry in catalog if entry.msgid_plural and not entry.obsolete]
    assert plurals
    for entry in plurals:
        assert sorted(entry.msgstr_plural) == list(range(PLURAL_FORMS[language])), entry.msgid
        assert all(entry.msgstr_plural.values()), entry.msgid


@pytest.mark.parametrize("stem", ["django", "djangojs"])
def test_the_arabic_one_and_dual_put_no_numeral_before_their_noun(stem):
    """Arabic says "طفل واحد" (one child) and "طفلان" (two children), never "2 طفلان"."""
    catalog = polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / f"{stem}.po"))
    numeral_then_word = re.compile(r"%\(count\)[sd] [\u0600-\u06ff]")
    for entry in catalog:
        if entry.msgid_plural and not entry.obsolete:
            for form in (1, 2):
                text = entry.msgstr_plural[form]
                assert not numeral_then_word.search(text), text


@pytest.mark.parametrize("path", sorted(LOCALE.glob("*/LC_MESSAGES/django.po")), ids=catalog_id)
def test_each_meaning_of_a_split_word_has_its_own_translated_entry(path):
    catalog = polib.pofile(str(path))
    entries = {(entry.msgctxt, entry.msgid): entry for entry in catalog if not entry.obsolete}
    for context, msgid, _where in SPLITS:
        entry = entries.get((context, msgid))
        assert entry is not None and entry.msgstr, (context, msgid)
    booking = entries[("booking", "Reference")].msgstr
    assert entries[("bursary application", "Reference")].msgstr != booking
    assert entries[("bursary application", "reference")].msgstr != entries[None, "reference"].msgstr


@pytest.mark.parametrize(("context", "msgid", "where"), SPLITS, ids=lambda v: str(v))
def test_each_split_word_is_asked_for_with_its_context(context, msgid, where):
    source = Path(settings.BASE_DIR, where).read_text()
    in_template = f'{{% translate "{msgid}" context "{context}" %}}'
    in_python = f'pgettext_lazy("{context}", "{msgid}")'
    assert in_template in source or in_python in source


def test_the_split_words_say_different_things_where_they_should():
    with translation.override("uk"):
        assert translation.pgettext("person", "name") == "ім'я"
        assert translation.gettext("name") == "назва"
        assert translation.pgettext("for a client", "Book") != translation.gettext("Book")
