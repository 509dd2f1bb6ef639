"""Team sign-in while Redis (where allauth counts failed sign-ins) is away: answered, never an
error, and the limit on guessing still holds in each process."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_the_right_password_signs_in_while_redis_is_away(client, volunteer, own_redis):
    own_redis.stop()

    response = sign_in(client, volunteer.email, PASSWORD)

    assert response.status_code == 302
    assert client.get(reverse("team_home")).status_code in {200, 302}
    assert "_auth_user_id" in client.session


def test_a_wrong_password_while_redis_is_away_is_refused_keeping_the_email(
    client, volunteer, own_redis
):
    own_redis.stop()

    response = sign_in(client, volunteer.email, "not-the-password")

    assert response.status_code == 200
    html = response.content.decode()
    assert "That email address and password do not match." in html
    assert f'value="{volunteer.email}"' in html


def test_guessing_is_still_limited_while_redis_is_away(client, volunteer, own_redis):
    own_redis.stop()

    for _ in range(5):
        sign_in(client, volunteer.email, "wrong-password")
    # Even the right password is refused now, for a while.
    response = sign_in(client, volunteer.email, PASSWORD)

    assert "Too many attempts to sign in." in response.content.decode()
    assert "_auth_user_id" not in client.session
