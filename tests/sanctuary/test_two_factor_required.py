"""Everyone who can see personal data must use two-step sign-in, after a short grace period."""

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from sanctuary.models import User
from sanctuary.rules import must_use_two_factor
from tests.factories import PASSWORD
from tests.sanctuary.helpers import set_up_two_step_sign_in, sign_in
from venues.models import Venue

BANNER = "Days left to set up two-step sign-in: "


def after_the_grace_period(clock, settings):
    clock.shift(timedelta(days=settings.MFA_GRACE_DAYS, minutes=1))


@pytest.mark.parametrize(
    ("person", "required"),
    [("programme_staff", True), ("reviewer", True), ("volunteer", False)],
)
def test_who_must_use_two_step_sign_in(request, person, required):
    assert must_use_two_factor(request.getfixturevalue(person)) is required


def test_superusers_must_use_two_step_sign_in(db):
    assert must_use_two_factor(User.objects.create_superuser("root@example.org", PASSWORD))


def test_reviewers_need_not_when_the_setting_says_so(reviewer, settings):
    settings.MFA_REQUIRED_FOR_REVIEWERS = False

    assert not must_use_two_factor(reviewer)


def test_nobody_signed_out_must(db):
    assert not must_use_two_factor(AnonymousUser())


@pytest.mark.instants
def test_the_grace_period_starts_when_the_account_gets_a_role_that_needs_it(
    programme_staff, volunteer, clock
):
    assert programme_staff.two_factor_required_since is not None
    assert volunteer.two_factor_required_since is None


@pytest.mark.parametrize("page", ["team_home", "admin:index"])
def test_during_the_grace_period_team_pages_show_the_days_left(client, programme_staff, page):
    client.force_login(programme_staff)

    response = client.get(reverse(page))

    assert response.status_code == 200
    assert f"{BANNER}7" in response.content.decode()


@pytest.mark.instants
def test_after_the_grace_period_the_admin_sends_them_to_set_it_up(
    client, programme_staff, clock, settings
):
    client.force_login(programme_staff)
    after_the_grace_period(clock, settings)

    response = client.get(reverse("admin:bursaries_application_changelist"))

    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


@pytest.mark.instants
def test_after_the_grace_period_a_form_sent_is_not_acted_on(
    client, programme_staff, clock, settings
):
    client.force_login(programme_staff)
    after_the_grace_period(clock, settings)

    response = client.post(
        reverse("admin:venues_venue_add"), {"name": "Elsewhere", "slug": "elsewhere"}
    )

    assert response.url == reverse("mfa_activate_totp")
    assert not Venue.objects.filter(slug="elsewhere").exists()


@pytest.mark.instants
def test_after_the_grace_period_they_can_still_set_it_up_sign_out_and_change_language(
    client, reviewer, clock, settings
):
    client.force_login(reviewer)
    after_the_grace_period(clock, settings)

    set_up_two_step_sign_in(client)

    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.instants
@pytest.mark.parametrize(
    ("method", "page", "data"),
    [
        ("get", "mfa_index", {}),
        ("post", "set_language", {"language": "uk", "next": "/uk/team/"}),
        ("post", "account_logout", {}),
    ],
)
def test_after_the_grace_period_these_pages_stay_open(
    client, reviewer, clock, settings, method, page, data
):
    client.force_login(reviewer)
    after_the_grace_period(clock, settings)

    response = getattr(client, method)(reverse(page), data)

    assert response.status_code in (200, 302)
    assert getattr(response, "url", "") != reverse("mfa_activate_totp")


@pytest.mark.instants
def test_volunteers_are_never_held_back(client, volunteer, clock, settings):
    client.force_login(volunteer)
    after_the_grace_period(clock, settings)

    response = client.get(reverse("register:today"))

    assert response.status_code == 200
    assert BANNER not in response.content.decode()


def test_someone_who_has_set_it_up_sees_no_banner(client, programme_staff):
    sign_in(client, programme_staff.email, PASSWORD)
    set_up_two_step_sign_in(client)

    assert BANNER not in client.get(reverse("team_home")).content.decode()


def test_setting_it_up_shows_recovery_codes_that_sign_in_in_place_of_the_app(
    client, programme_staff
):
    sign_in(client, programme_staff.email, PASSWORD)
    set_up_two_step_sign_in(client)
    codes = client.get(reverse("mfa_view_recovery_codes")).context["unused_codes"]
    assert len(codes) == 10
    client.post(reverse("account_logout"))

    assert sign_in(client, programme_staff.email, PASSWORD).url == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": codes[0]})

    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_turn_off_a_lost_phones_two_step_sign_in_in_the_admin_and_it_is_audited(
    client, programme_staff, reviewer
):
    from sanctuary.models import AuditEvent

    sign_in(client, reviewer.email, PASSWORD)
    set_up_two_step_sign_in(client)
    assert Authenticator.objects.filter(user=reviewer).exists()
    staff = client.__class__()
    staff.force_login(programme_staff)

    response = staff.post(
        reverse("admin:sanctuary_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [reviewer.pk]},
    )

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=reviewer).exists()
    event = AuditEvent.objects.get(action="user.two_factor_reset")
    assert (event.actor, event.object_id) == (programme_staff, str(reviewer.pk))


def test_the_banner_speaks_the_pages_language(client, programme_staff):
    client.force_login(programme_staff)

    response = client.get("/uk/team/")

    assert "Днів, щоб налаштувати двоетапний вхід: 7" in response.content.decode()
