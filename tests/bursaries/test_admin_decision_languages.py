"""Staff confirming a decision read the message in the applicant's language and, beside it,
the same template in their own language when the two differ."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.bursaries.helpers import move_url


def move_url_in(application, status, language):
    with translation.override(language):
        return reverse("admin:bursaries_application_move", args=[application.pk, status])


def test_the_message_shows_in_both_languages_when_they_differ(
    client, in_review, programme_staff, decision_templates
):
    application = in_review(language="fa")
    client.force_login(programme_staff)

    response = client.get(move_url(application, "declined"))

    html = response.content.decode()
    assert response.context["form"]["message"].value() == "Maryam عزیز، declined {amount}."
    assert "What the applicant gets, in" in html and "The same message in English" in html
    assert '<div class="decision-languages__text" lang="en" dir="auto">' in html
    assert "<p>Dear Maryam, declined {amount}.</p>" in html
    assert "css/admin-decision.css" in html


def test_the_message_shows_once_when_the_languages_are_the_same(
    client, in_review, programme_staff, decision_templates
):
    application = in_review(language="en")
    client.force_login(programme_staff)

    html = client.get(move_url(application, "declined")).content.decode()

    assert html.count("Dear Maryam, declined {amount}.") == 1
    assert "The same message in" not in html
    assert "decision-languages--two" not in html


def test_staff_working_in_persian_read_the_english_applicants_message_in_persian(
    client, in_review, programme_staff, decision_templates
):
    application = in_review(language="en")
    client.force_login(programme_staff)

    response = client.get(move_url_in(application, "approved", "fa"))

    html = response.content.decode()
    assert response.context["form"]["message"].value() == "Dear Maryam, approved {amount}."
    assert "Maryam عزیز، approved {amount}." in html
    assert 'lang="fa"' in html


@pytest.mark.parametrize("status", ["in_review", "withdrawn"])
def test_a_move_without_a_message_shows_no_second_language(
    client, submit, programme_staff, decision_templates, status
):
    application = submit(language="fa")
    client.force_login(programme_staff)

    response = client.get(move_url(application, status))

    assert response.status_code == 200
    assert "The same message in" not in response.content.decode()
