"""Applying for a bursary while Redis (the cache and the broker) is away: answered, made
once, nothing typed lost; the message to the applicant waits in the outbox."""

import pytest

from bursaries.models import Application
from sanctuary.models import OutgoingMessage
from tests.bursaries.helpers import apply_url, form_data

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_applications_while_redis_is_away_are_answered_and_made_once(
    client, fund, opportunity, own_broker
):
    own_broker.stop()
    statuses = []
    for number in range(3):
        data = form_data(opportunity, email=f"applicant{number}@example.org")
        statuses.append(client.post(apply_url(fund), data).status_code)

    assert statuses == [302, 302, 302]
    assert sorted(Application.objects.values_list("email", flat=True)) == [
        f"applicant{number}@example.org" for number in range(3)
    ]
    assert OutgoingMessage.objects.filter(status=OutgoingMessage.Status.PENDING).count() == 3


def test_an_application_with_a_mistake_while_redis_is_away_keeps_what_was_typed(
    client, fund, opportunity, own_broker
):
    own_broker.stop()
    data = form_data(opportunity, name="", statement="Something I wrote with care.")

    response = client.post(apply_url(fund), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Something I wrote with care." in html
    assert 'value="maryam@example.org"' in html
    assert not Application.objects.exists()
