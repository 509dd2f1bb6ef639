"""The public bursary pages: the funds, the application form, the confirmation and the private
status page."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from bursaries import services, views
from bursaries.models import Application, Fund
from sanctuary.models import OutgoingMessage

PAGE_BUDGET_BYTES = 30 * 1024


def apply_url(fund: Fund, language: str = "en") -> str:
    with translation.override(language):
        return reverse("bursaries:apply", kwargs={"slug": fund.slug})


def form_data(opportunity, **overrides) -> dict:
    return {
        "name": "Maryam",
        "contact_method": "email",
        "email": "maryam@example.org",
        "phone": "",
        "language": "fa",
        "opportunity": str(opportunity.pk),
        "own_words": "",
        "support": ["course_fee", "travel"],
        "amount_requested": "120",
        "statement": "I would love to be on a stage again.",
        "referrer_organisation": "",
        "referrer_name": "",
        "referrer_email": "",
        "privacy_consent": "on",
        "website": "",
        **overrides,
    }


# The funds --------------------------------------------------------------------------------------


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


@pytest.mark.parametrize("code", ["uk", "ar", "fa", "ps"])
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


# Applying ---------------------------------------------------------------------------------------


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


def test_a_fund_that_closes_while_someone_writes_keeps_everything_typed(client, fund, opportunity):
    today = timezone.localdate()
    Fund.objects.filter(pk=fund.pk).update(
        opens_on=today - timedelta(days=30), closes_on=today - timedelta(days=1)
    )
    next_round = Fund.objects.create(
        name="Spring bursaries",
        slug="spring",
        budget=Decimal("800"),
        opens_on=today + timedelta(days=20),
        closes_on=today + timedelta(days=80),
    )
    data = form_data(opportunity, statement="Something I wrote with care.")

    response = client.post(apply_url(fund), data)

    assert response.status_code == 200
    assert not Application.objects.exists()
    html = response.content.decode()
    summary = html[
        html.index('class="error-summary"') : html.index('class="form application-form"')
    ]
    assert "This fund closed while you were writing" in summary
    assert "The next round opens on" in summary
    assert next_round.get_absolute_url() in html
    assert "Something I wrote with care." in html
    assert 'value="Maryam"' in html
    assert 'value="course_fee" id="id_support_0" checked' in html
    assert "Send my application" not in html


def test_a_fund_that_closed_while_someone_wrote_points_to_one_open_now(
    client, closed_fund, fund, opportunity
):
    response = client.post(apply_url(closed_fund), form_data(opportunity))

    assert response.status_code == 200
    assert not Application.objects.exists()
    html = response.content.decode()
    assert f"You can apply to {fund.name} now." in html
    assert f'href="{fund.get_absolute_url()}"' in html


def test_a_fund_closing_during_sending_keeps_everything_typed_too(
    client, fund, opportunity, monkeypatch
):
    from django.core.exceptions import ValidationError

    def closed(**kwargs):
        raise ValidationError("This fund is not taking applications now.", code="closed")

    monkeypatch.setattr(services, "application_submit", closed)
    response = client.post(apply_url(fund, "uk"), form_data(opportunity, statement="Мої слова."))

    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("uk"):
        assert str(views.CLOSED_WHILE_WRITING) in html
        assert (
            translation.gettext(
                "We have not set a date for the next round yet. Please look again soon, or ask "
                "us at the weekly welcome drop-in."
            )
            in html
        )
    assert "Мої слова." in html


@pytest.mark.parametrize("code", ["uk", "ar", "fa", "ps"])
def test_the_closed_fund_message_is_in_the_pages_language(client, closed_fund, opportunity, code):
    response = client.post(apply_url(closed_fund, code), form_data(opportunity))
    html = response.content.decode()
    assert "This fund closed while you were writing" not in html
    with translation.override(code):
        assert str(views.CLOSED_WHILE_WRITING) in html


def test_applications_per_hour_default_to_20():
    from sanctuary import settings as project_settings

    assert project_settings.BURSARY_APPLICATIONS_PER_HOUR == 20


@pytest.mark.redis
def test_too_many_applications_from_one_place_keep_what_was_typed(
    client, fund, opportunity, settings
):
    settings.BURSARY_APPLICATIONS_PER_HOUR = 2
    for number in range(2):
        response = client.post(apply_url(fund), form_data(opportunity, email=f"p{number}@x.org"))
        assert response.status_code == 302

    response = client.post(
        apply_url(fund, "ar"), form_data(opportunity, statement="Something I wrote with care.")
    )

    assert response.status_code == 429
    assert Application.objects.count() == 2
    html = response.content.decode()
    with translation.override("ar"):
        assert str(views.TOO_MANY_APPLICATIONS) in html
    assert "Something I wrote with care." in html
    assert 'value="Maryam"' in html


@pytest.mark.redis
def test_only_applications_sent_count_towards_the_limit(client, fund, opportunity, settings):
    settings.BURSARY_APPLICATIONS_PER_HOUR = 2
    for _ in range(15):
        assert client.post(apply_url(fund), form_data(opportunity, name="")).status_code == 200
    for number in range(2):
        response = client.post(apply_url(fund), form_data(opportunity, email=f"p{number}@x.org"))
        assert response.status_code == 302
    assert Application.objects.count() == 2
    response = client.post(apply_url(fund), form_data(opportunity, email="p3@x.org"))
    assert response.status_code == 429
    assert 'value="p3@x.org"' in response.content.decode()


@pytest.mark.redis
def test_a_client_sending_only_mistakes_is_stopped_too(client, fund, opportunity, settings):
    settings.BURSARY_APPLICATIONS_PER_HOUR = 1
    answers = [
        client.post(apply_url(fund), form_data(opportunity, name="")).status_code
        for _ in range(views.TRIES_PER_APPLICATION + 1)
    ]
    assert answers == [200] * views.TRIES_PER_APPLICATION + [429]


@pytest.mark.redis
def test_an_application_not_sent_gives_its_place_in_the_limit_back(
    client, fund, opportunity, settings, monkeypatch
):
    from django.core.exceptions import ValidationError

    settings.BURSARY_APPLICATIONS_PER_HOUR = 1
    submit = services.application_submit

    def closed(**kwargs):
        raise ValidationError("This fund is not taking applications now.", code="closed")

    monkeypatch.setattr(services, "application_submit", closed)
    assert client.post(apply_url(fund), form_data(opportunity)).status_code == 200
    monkeypatch.setattr(services, "application_submit", submit)

    assert client.post(apply_url(fund), form_data(opportunity)).status_code == 302


# Following it -----------------------------------------------------------------------------------


def status_url(application: Application, language: str = "en") -> str:
    with translation.override(language):
        return reverse("bursaries:status", kwargs={"token": application.status_token})


def test_a_wrong_token_gets_the_ordinary_not_found_page(client, submit):
    application = submit()
    token = application.status_token
    one_character_off = token[:-1] + ("A" if token[-1] != "A" else "B")
    for token in ["x" * 43, one_character_off, "short", ""]:
        response = client.get(f"/en/bursaries/application/{token}/")
        assert response.status_code == 404
        assert "We cannot find that page" in response.content.decode()
        assert application.reference not in response.content.decode()
    assert client.get(status_url(application)).status_code == 200


def test_the_status_page_says_where_the_application_is_without_private_details(client, submit):
    application = submit(statement="My private story.")
    response = client.get(status_url(application))
    html = response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")
    assert application.reference in html
    assert "We have your application" in html
    assert "My private story." not in html
    assert "maryam@example.org" not in html


def test_the_status_page_shows_an_approval_and_its_message(client, in_review, programme_staff):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("120.00"),
        message="Maryam عزیز، خوشحالیم.",
    )
    html = client.get(status_url(application, "fa")).content.decode()
    with translation.override("fa"):
        assert translation.gettext("Good news: you have a bursary") in html
    assert '<bdi dir="ltr">£120</bdi>' in html
    assert "Maryam عزیز، خوشحالیم." in html


@pytest.mark.parametrize("code", ["ar", "fa"])
def test_the_award_is_written_the_british_way_on_right_to_left_pages(
    client, in_review, programme_staff, code, fund
):
    fund.budget = Decimal("5000")
    fund.save()
    application = in_review(amount_requested=Decimal("1200"))
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("1200.50"),
        message="Yes",
    )
    html = client.get(status_url(application, code)).content.decode()
    assert '<bdi dir="ltr">£1,200.50</bdi>' in html
    assert "1.200,50" not in html


def test_the_status_page_shows_the_message_for_where_the_application_is_now(
    client, in_review, programme_staff
):
    application = in_review()
    services.application_transition(
        application_id=application.pk,
        to_status=Application.Status.MORE_INFORMATION,
        actor=programme_staff,
        message="مبلغ اتوبوس چقدر است؟",
    )
    html = client.get(status_url(application, "fa")).content.decode()
    assert (
        '<div class="decision-message" lang="fa" dir="auto"><p>مبلغ اتوبوس چقدر است؟</p></div>'
        in html
    )

    services.application_transition(
        application_id=application.pk, to_status=Application.Status.IN_REVIEW, actor=programme_staff
    )
    html = client.get(status_url(application, "fa")).content.decode()
    assert "مبلغ اتوبوس" not in html  # the question was answered

    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="متأسفیم.",
    )
    html = client.get(status_url(application, "en")).content.decode()
    assert '<div class="decision-message" lang="fa" dir="auto"><p>متأسفیم.</p></div>' in html
    assert "مبلغ اتوبوس" not in html


def test_a_decline_offers_a_next_step(client, in_review, programme_staff, closed_fund):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="We are sorry.",
    )
    html = client.get(status_url(application)).content.decode()
    assert "We are sorry: we cannot give you a bursary this time" in html
    assert "We are sorry." in html
    assert "free weekly welcome drop-in" in html


# Weight and queries -----------------------------------------------------------------------------


def measure(*paths: str) -> dict[str, dict[str, int]]:
    output = io.StringIO()
    call_command("measure_pages", *paths, stdout=output)
    header, *rows = output.getvalue().splitlines()
    columns = header.split()[1:]
    return {
        row.split()[0]: dict(zip(columns, map(int, row.split()[1:]), strict=True)) for row in rows
    }


def test_the_bursary_pages_weigh_less_than_30_kb_and_need_few_queries(submit, fund, closed_fund):
    application = submit()
    pages = measure(
        "/en/bursaries/",
        f"/fa/bursaries/{fund.slug}/",
        f"/fa/bursaries/{fund.slug}/apply/",
        f"/en/bursaries/{closed_fund.slug}/",
        f"/ps/bursaries/application/{application.status_token}/sent/",
        f"/ar/bursaries/application/{application.status_token}/",
    )
    assert len(pages) == 6
    for sizes in pages.values():
        assert 0 < sizes["brotli"] < sizes["gzip"] < PAGE_BUDGET_BYTES
        assert sizes["queries"] <= 3


def test_the_form_needs_the_same_queries_however_many_opportunities(
    client, fund, opportunity, partner, django_assert_num_queries
):
    from bursaries.models import Opportunity, PartnerOrganisation

    with django_assert_num_queries(3):
        client.get(apply_url(fund))
    for number in range(10):
        Opportunity.objects.create(
            kind="workshop",
            title=f"Workshop {number}",
            venue=opportunity.venue,
            starts_on=opportunity.starts_on,
        )
        PartnerOrganisation.objects.create(name=f"Partner {number}")
    with django_assert_num_queries(3):
        client.get(apply_url(fund))
