"""Signing in with allauth: email as the login, no sign-up, rate limits, set-password links."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from sanctuary import services
from sanctuary.models import AuditEvent, User
from sanctuary.roles import Role
from tests.factories import PASSWORD, UserFactory
from tests.sanctuary.helpers import sign_in, totp_code


def test_team_members_sign_in_with_their_email(client, volunteer):
    response = sign_in(client, volunteer.email, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("team_home")
    # Volunteers go on to today's drop-ins at their venues.
    assert client.get(reverse("team_home"), follow=True).context["user"] == volunteer


def test_a_wrong_password_is_refused_with_a_clear_message(client, volunteer):
    response = sign_in(client, volunteer.email, "not-the-password")
    assert response.status_code == 200
    assert "That email address and password do not match." in response.content.decode()


def test_nobody_can_sign_themselves_up(client, db):
    response = client.post(
        reverse("account_signup"), {"email": "new@example.org", "password1": "x" * 16}
    )
    assert response.status_code == 200
    assert "Team accounts are made by our staff" in response.content.decode()
    assert not User.objects.filter(email="new@example.org").exists()


def test_repeated_failed_sign_ins_are_rate_limited(client, volunteer):
    for _ in range(5):
        sign_in(client, volunteer.email, "wrong-password")
    # Even the right password is refused now, for a while.
    response = sign_in(client, volunteer.email, PASSWORD)
    assert response.status_code == 200
    assert "Too many attempts to sign in." in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.redis
def test_rate_limits_are_kept_in_redis(client, volunteer, settings):
    import redis

    sign_in(client, volunteer.email, "wrong-password")
    server = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    keys = [key.decode() for key in server.keys("*allauth:rl:*")]
    assert any(":login_failed:" in key for key in keys), keys


def test_the_admin_login_sends_people_to_allauths_sign_in(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_admin_login_form_cannot_be_used_to_guess_passwords(client, programme_staff):
    response = client.post(
        reverse("admin:login"), {"username": programme_staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_a_new_team_member_sets_their_password_from_an_emailed_link(
    client, programme_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_create(
            email="Nadia@Example.org",
            first_name="Nadia",
            roles=[Role.VOLUNTEERS],
            actor=programme_staff,
        )
    assert user.email == "nadia@example.org"
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    link = re.search(r"https://sanctuary\.example\.org(\S+)", mail.outbox[0].body).group(1)
    assert "Nadia" in mail.outbox[0].body

    response = client.get(link, follow=True)  # allauth moves the key into the session
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(
        form_url, {"password1": "a-new-long-password", "password2": "a-new-long-password"}
    )
    assert response.status_code == 302

    assert sign_in(client, "nadia@example.org", "a-new-long-password").status_code == 302
    actions = set(
        AuditEvent.objects.filter(object_id=str(user.pk)).values_list("action", flat=True)
    )
    assert actions == {"user.create", "user.invite", "user.email_verify"}


def test_the_invitation_stores_no_token_in_the_outbox(db):
    user = UserFactory(language="uk")
    message = services.user_invite(user=user, actor=None)
    assert message.context == {"user_id": user.pk}
    assert message.language == "uk"


def test_password_reset_sends_a_link_to_a_known_address_only(
    client, volunteer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": volunteer.email})
        client.post(reverse("account_reset_password"), {"email": "stranger@example.org"})
    assert [message.to for message in mail.outbox] == [[volunteer.email]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_two_step_sign_in_can_be_turned_on_and_is_then_asked_for(client, programme_staff):
    sign_in(client, programme_staff.email, PASSWORD)
    # Turning it on asks for the password again first.
    activate = reverse("mfa_activate_totp")
    assert client.get(activate).url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(activate)
    assert b"data:image" in page.content or b"<svg" in page.content  # the QR code
    secret = client.session["mfa.totp.secret"]
    assert client.post(activate, {"code": totp_code(secret)}).status_code == 302

    client.post(reverse("account_logout"))
    response = sign_in(client, programme_staff.email, PASSWORD)
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not in yet
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_password_reset_goes_through_the_outbox_without_a_stored_token(
    client, volunteer, django_capture_on_commit_callbacks
):
    from sanctuary.models import OutgoingMessage

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": volunteer.email})
    message = OutgoingMessage.objects.get(template="password_reset")
    assert message.recipient == volunteer.email
    assert message.context == {"user_id": volunteer.pk}


def test_team_pages_need_a_sign_in(client):
    response = client.get(reverse("team_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("logout", ["account_logout", "admin:logout"])
def test_signing_out_either_way_tells_the_browser_to_forget_the_site(
    client, programme_staff, logout
):
    """A tablet is shared: the register's copies kept for reading offline, and its queue,
    must not outlive the person who signed in."""
    client.force_login(programme_staff)

    response = client.post(reverse(logout))

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302
