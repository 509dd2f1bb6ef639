"""The bursary application form, sent whatever can be sent: never a server error, and an
application keeps no control or hidden characters in what the applicant wrote."""

from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bursaries.models import Application
from sanctuary.text import text_clean
from tests.bursaries.helpers import apply_url, form_data

NASTY = st.sampled_from(
    ["\x00", "\u202e", "\u2067", "\u061c", "\u2060", "\ufeff", "\r\n", "\t", "\x07", "\x9b"]
)
TYPED = st.lists(st.one_of(st.text(min_size=1, max_size=6), NASTY), max_size=8).map("".join)
ANYTHING = st.one_of(TYPED, st.integers(-(10**20), 10**20).map(str))
SINGLE_LINE = ["name", "referrer_name"]
MANY_LINES = ["statement", "own_words"]
FIELDS = [
    *SINGLE_LINE,
    *MANY_LINES,
    "contact_method",
    "email",
    "phone",
    "language",
    "opportunity",
    "support",
    "amount_requested",
    "referrer_organisation",
    "referrer_email",
    "privacy_consent",
    "submission_key",
    "website",
]


def _apply_often(settings):
    settings.BURSARY_APPLICATIONS_PER_HOUR = 10_000


def test_an_application_keeps_no_hidden_characters(client, settings, fund, opportunity):
    _apply_often(settings)

    @hypothesis_settings(max_examples=25)
    @given(name=TYPED, statement=TYPED, referrer_name=TYPED)
    def check(name, statement, referrer_name):
        data = form_data(
            opportunity,
            name=name or "x",
            statement=statement or "x",
            referrer_name=referrer_name,
            submission_key="",
        )
        assert client.post(apply_url(fund), data).status_code < 500

    check()
    assert Application.objects.exists()
    for application in Application.objects.all():
        for field in SINGLE_LINE:
            value = getattr(application, field)
            assert value == text_clean(value).strip(), field
        for field in MANY_LINES:
            value = getattr(application, field)
            assert value == text_clean(value, multiline=True).strip(), field


def test_the_application_form_never_fails_whatever_it_is_sent(client, settings, fund, opportunity):
    _apply_often(settings)

    @hypothesis_settings(max_examples=25)
    @given(fields=st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, ANYTHING)))
    def check(fields):
        response = client.post(apply_url(fund), {**form_data(opportunity), **fields})
        assert response.status_code < 500

    check()


def test_a_nul_in_a_statement_is_dropped_not_refused(client, settings, fund, opportunity):
    client.post(apply_url(fund), form_data(opportunity, statement="On a stage\x00 again."))

    assert Application.objects.get().statement == "On a stage again."


def test_a_one_time_key_with_a_nul_is_not_looked_up_and_not_a_server_error(
    client, fund, opportunity
):
    response = client.post(apply_url(fund), form_data(opportunity, submission_key="k\x00"))

    assert response.status_code == 200
    assert not Application.objects.exists()
