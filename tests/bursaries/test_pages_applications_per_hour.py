"""The hourly limit on applications from one place: only applications sent count, and what
was typed is kept."""

import pytest
from django.utils import translation

from bursaries import services, views
from bursaries.models import Application
from tests.bursaries.helpers import apply_url, form_data


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
