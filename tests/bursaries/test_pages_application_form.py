"""The application form: what it asks and does not, the confirmation, and mistakes shown
with everything typed kept."""

from decimal import Decimal

from django.utils import translation

from bursaries.models import Application
from sanctuary.models import OutgoingMessage
from tests.bursaries.helpers import apply_url, form_data


def test_the_form_asks_nothing_about_status_nationality_documents_or_birth(client, fund):
    html = client.get(apply_url(fund)).content.decode().lower()
    assert 'type="file"' not in html
    for field in ("nationality", "immigration_status", "date_of_birth", "passport"):
        assert f'name="{field}"' not in html


def test_the_bursary_form_says_how_long_we_keep_an_application(client, settings, fund):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 18
    html = client.get(apply_url(fund)).content.decode()
    assert "18 months after we decide" in html
    assert "two years" not in html


def test_the_language_choice_starts_at_the_pages_language(client, fund):
    html = client.get(apply_url(fund, "uk")).content.decode()
    assert '<option value="uk" selected>' in html


def test_applying_shows_the_reference_and_the_private_link(
    client, fund, opportunity, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(fund, "fa"), form_data(opportunity), follow=True)
    application = Application.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<bdi class="ltr">{application.reference}</bdi>' in html
    status_path = f"/fa/bursaries/application/{application.status_token}/"
    assert f"http://testserver{status_path}" in html
    assert application.opportunity == opportunity
    assert application.language == "fa"
    message = OutgoingMessage.objects.get(template="bursary_received")
    assert message.language == "fa"
    assert message.status == OutgoingMessage.Status.SENT


def test_something_else_is_a_choice_next_to_the_opportunities(client, fund, opportunity):
    html = client.get(apply_url(fund)).content.decode()
    assert html.index(f'value="{opportunity.pk}"') < html.index('name="opportunity" value="other"')
    assert "Something else" in html
    assert html.index('value="other"') < html.index('name="own_words"')


def test_something_else_in_their_own_words(client, fund, opportunity):
    data = {**form_data(opportunity), "opportunity": "other", "own_words": "A photography workshop"}
    response = client.post(apply_url(fund), data)
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.opportunity is None
    assert application.own_words == "A photography workshop"


def test_something_else_needs_their_own_words_and_keeps_the_choice(client, fund, opportunity):
    response = client.post(apply_url(fund), {**form_data(opportunity), "opportunity": "other"})
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["own_words"]
    assert 'name="opportunity" value="other" required id="id_opportunity_1" checked' in (
        response.content.decode()
    )
    assert not Application.objects.exists()


def test_a_choice_of_what_to_take_part_in_is_needed(client, fund, opportunity):
    response = client.post(apply_url(fund), {**form_data(opportunity), "opportunity": ""})
    assert response.status_code == 200
    assert "opportunity" in response.context["form"].errors
    assert not Application.objects.exists()


def test_an_amount_may_be_typed_with_a_pound_sign_or_persian_digits(client, fund, opportunity):
    client.post(apply_url(fund), form_data(opportunity, amount_requested="£۱۲۰٫۵"))
    assert Application.objects.get().amount_requested == Decimal("120.50")


def test_a_form_with_mistakes_keeps_everything_typed(client, fund, opportunity):
    data = form_data(
        opportunity, email="", statement="Something I wrote with care.", amount_requested="lots"
    )
    response = client.post(apply_url(fund), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert not Application.objects.exists()
    form = response.context["form"]
    assert set(form.errors) == {"email", "amount_requested"}
    assert "Something I wrote with care." in html
    assert 'value="Maryam"' in html
    assert 'value="lots"' in html
    assert 'value="course_fee" id="id_support_0" checked' in html
    assert f'value="{opportunity.pk}" required id="id_opportunity_0" checked' in html
    assert 'href="#id_email"' in html  # the error summary links to the field


def test_what_was_typed_is_shown_again_in_its_own_direction(client, fund, opportunity, partner):
    from tests.bursaries.conftest import assert_in_its_own_direction

    words = {
        "name": "مریم",
        "statement": "می‌خواهم دوباره روی صحنه بروم.",
        "own_words": "کارگاه عکاسی",
        "referrer_name": "Олена",
    }
    data = form_data(opportunity, email="", referrer_organisation=str(partner.pk), **words)
    response = client.post(apply_url(fund, "fa"), data)
    assert response.context["form"].errors
    html = response.content.decode()
    for text in words.values():
        assert_in_its_own_direction(html, text)


def test_errors_are_in_the_pages_language(client, fund, opportunity):
    response = client.post(
        apply_url(fund, "ps"), form_data(opportunity, name="", contact_method="phone", email="")
    )
    html = response.content.decode()
    with translation.override("ps"):
        for english in (
            "This field is required.",
            "Give your mobile number, or choose another way to reach you.",
        ):
            assert english not in html
            assert translation.gettext(english) in html


def test_the_referrer_needs_consent_before_we_talk_to_them(client, fund, opportunity, partner):
    data = form_data(opportunity, referrer_organisation=str(partner.pk), referrer_name="Jo")
    response = client.post(apply_url(fund), data)
    assert "referrer_consent" in response.context["form"].errors
    client.post(apply_url(fund), {**data, "referrer_consent": "on"})
    application = Application.objects.get()
    assert application.referrer_organisation == partner
    assert application.referrer_consent_at is not None


def test_the_privacy_consent_is_required(client, fund, opportunity):
    data = form_data(opportunity)
    del data["privacy_consent"]
    response = client.post(apply_url(fund), data)
    assert "privacy_consent" in response.context["form"].errors
    assert not Application.objects.exists()


def test_the_bot_trap_refuses_a_filled_in_form_and_keeps_what_was_typed(client, fund, opportunity):
    response = client.post(apply_url(fund), form_data(opportunity, website="http://spam.test"))
    assert response.status_code == 200
    assert not Application.objects.exists()
    assert "Please send the form again" in response.content.decode()
    assert "I would love to be on a stage again." in response.content.decode()
