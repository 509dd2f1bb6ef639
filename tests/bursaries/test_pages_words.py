"""A bursary's reference is an application's reference in every language, never the
drop-in's "booking code"."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def booking_code_words() -> set[str]:
    """What the booking pages and messages call a booking's reference, in the active language
    (not the text messages' "Ref": in Pashto that is plain "code", also in "tracking code")."""
    words = {
        translation.gettext("Your reference"),
        translation.gettext("Your reference:"),
        translation.pgettext("booking", "Reference"),
        str(translation.gettext("reference")),
    }
    return {word.rstrip(":").strip() for word in words}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["bursaries:sent", "bursaries:status"])
def test_the_bursary_pages_never_call_the_reference_a_booking_code(client, submit, language, page):
    application = submit()
    with translation.override(language):
        path = reverse(page, kwargs={"token": application.status_token})
        forbidden = booking_code_words()
        wanted = translation.pgettext("bursary application", "Reference")
        if page == "bursaries:sent":
            wanted = translation.pgettext("bursary application", "Your reference")

    html = client.get(path).content.decode()

    assert application.reference in html
    assert wanted in html
    if language != "en":  # English says "reference" for both, and that is right.
        assert [word for word in forbidden if word in html] == []
