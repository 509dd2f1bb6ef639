"""Anyone on the team can prove their address and turn on two-step sign-in, whatever a stranger
asked for in their name."""

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from sanctuary import services
from sanctuary.roles import Role
from tests.factories import PASSWORD
from tests.sanctuary.helpers import sign_in


def can_start_two_step_set_up(client) -> bool:
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    return response.status_code == 200 and "mfa.totp.secret" in client.session


def set_password_from_link(client, body: str, password: str):
    link = re.search(r"https://sanctuary\.example\.org(\S+)", body).group(1)
    response = client.get(link, follow=True)  # allauth moves the key into the session
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    return client.post(form_url, {"password1": password, "password2": password})


def test_a_strangers_reset_request_leaves_the_account_as_it_was(
    client, programme_staff, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(
        user=programme_staff, email=programme_staff.email, verified=True, primary=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": programme_staff.email})

    assert list(EmailAddress.objects.values_list("email", "verified")) == [
        (programme_staff.email, True)
    ]


def test_a_reset_asked_for_by_someone_else_does_not_stop_two_step_set_up(
    client, programme_staff, django_capture_on_commit_callbacks
):
    stranger = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):
        stranger.post(reverse("account_reset_password"), {"email": programme_staff.email})
    assert len(mail.outbox) == 1  # the link went to its owner, who ignores it

    sign_in(client, programme_staff.email, PASSWORD)

    assert can_start_two_step_set_up(client)
    assert not EmailAddress.objects.filter(verified=False).exists()


def test_an_invited_member_proves_their_address_and_can_turn_on_two_step_sign_in(
    client, programme_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        user = services.user_create(
            email="samira@example.org", roles=[Role.BURSARY_REVIEWERS], actor=programme_staff
        )
    assert not EmailAddress.objects.filter(user=user).exists()

    set_password_from_link(client, mail.outbox[0].body, PASSWORD)

    assert EmailAddress.objects.get(user=user).verified
    sign_in(client, user.email, PASSWORD)
    assert can_start_two_step_set_up(client)


def test_setting_a_password_from_a_reset_link_marks_an_old_unverified_address_verified(
    client, reviewer, django_capture_on_commit_callbacks
):
    EmailAddress.objects.create(user=reviewer, email=reviewer.email, verified=False)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": reviewer.email})

    set_password_from_link(client, mail.outbox[0].body, "another-long-password")

    assert EmailAddress.objects.get(user=reviewer).verified
