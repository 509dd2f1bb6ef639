"""A fund that closes while someone writes or sends an application keeps everything they
typed and points to a fund open now."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from bursaries import services, views
from bursaries.models import Application, Fund
from tests.bursaries.helpers import apply_url, form_data
from tests.languages import TRANSLATED


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


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_closed_fund_message_is_in_the_pages_language(client, closed_fund, opportunity, code):
    response = client.post(apply_url(closed_fund, code), form_data(opportunity))
    html = response.content.decode()
    assert "This fund closed while you were writing" not in html
    with translation.override(code):
        assert str(views.CLOSED_WHILE_WRITING) in html
