"""What each role can and cannot reach."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from sanctuary import services
from sanctuary.models import AuditEvent
from sanctuary.roles import ROLE_PERMISSIONS, Role
from tests.factories import UserFactory


def test_the_migration_creates_the_three_roles_with_their_permissions(db):
    for role, permissions in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role.value)
        granted = {
            f"{app}.{codename}"
            for app, codename in group.permissions.values_list(
                "content_type__app_label", "codename"
            )
        }
        assert granted == set(permissions)


@pytest.mark.parametrize(
    ("role", "admin_access"),
    [(Role.PROGRAMME_STAFF, True), (Role.BURSARY_REVIEWERS, True), (Role.VOLUNTEERS, False)],
)
def test_admin_access_follows_the_role(db, role, admin_access):
    user = services.user_create(email="sam@example.org", roles=[role], actor=None, password="x")
    assert user.is_staff is admin_access
    services.user_save(user=user, roles=[], actor=None, changed=["groups"])
    assert user.is_staff is False


ADMIN = {
    "index": reverse("admin:index"),
    "venues": reverse("admin:venues_venue_changelist"),
    "add venue": reverse("admin:venues_venue_add"),
    "users": reverse("admin:sanctuary_user_changelist"),
    "outbox": reverse("admin:sanctuary_outgoingmessage_changelist"),
    "audit": reverse("admin:sanctuary_auditevent_changelist"),
}

REACHABLE = {
    "programme_staff": {"index", "venues", "add venue", "users", "outbox", "audit"},
    "reviewer": {"index", "venues"},
    "volunteer": set(),
}


@pytest.mark.parametrize("person", sorted(REACHABLE))
def test_each_role_reaches_exactly_its_admin_pages(client, request, person):
    client.force_login(request.getfixturevalue(person))
    for page, url in ADMIN.items():
        status = client.get(url).status_code
        if page in REACHABLE[person]:
            assert status == 200, f"{person} should open {page}"
        else:
            assert status in {302, 403}, f"{person} should not open {page} (got {status})"


def test_a_volunteer_is_turned_away_from_the_admin(client, volunteer):
    client.force_login(volunteer)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    assert "403.html" in [template.name for template in response.templates]


def test_anonymous_people_reach_no_team_page(client, db):
    for url in [*ADMIN.values(), reverse("team_home")]:
        assert client.get(url).status_code == 302


def test_programme_staff_cannot_see_or_change_a_superuser(client, programme_staff):
    boss = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(programme_staff)
    assert boss.email not in client.get(ADMIN["users"]).content.decode()
    change = reverse("admin:sanctuary_user_change", args=[boss.pk])
    assert client.get(change).status_code == 302  # "does not exist", back to the list
    response = client.post(change, {"email": "mine@example.org", "is_active": "on"})
    boss.refresh_from_db()
    assert boss.email != "mine@example.org"
    assert response.status_code == 302


def test_programme_staff_cannot_make_anyone_a_superuser(client, programme_staff, volunteer):
    client.force_login(programme_staff)
    client.post(
        reverse("admin:sanctuary_user_change", args=[volunteer.pk]),
        {
            "email": volunteer.email,
            "is_active": "on",
            "groups": [Group.objects.get(name=Role.VOLUNTEERS.value).pk],
            "is_superuser": "on",
        },
    )
    volunteer.refresh_from_db()
    assert volunteer.is_superuser is False


def test_programme_staff_add_a_team_member_who_is_emailed_a_link(
    client, programme_staff, django_capture_on_commit_callbacks
):
    from django.core import mail

    client.force_login(programme_staff)
    reviewers = Group.objects.get(name=Role.BURSARY_REVIEWERS.value)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:sanctuary_user_add"),
            {
                "email": "leila@example.org",
                "first_name": "Leila",
                "language": "fa",
                "groups": [reviewers.pk],
            },
        )
    assert response.status_code == 302
    from sanctuary.models import User

    leila = User.objects.get(email="leila@example.org")
    assert leila.is_staff and not leila.has_usable_password()
    assert mail.outbox[0].to == ["leila@example.org"]
    assert mail.outbox[0].extra_headers["Content-Language"] == "fa"  # her language, not ours
    assert AuditEvent.objects.filter(actor=programme_staff, action="user.create").exists()
    assert AuditEvent.objects.filter(actor=programme_staff, action="user.invite").exists()


def test_the_roles_offered_in_the_admin_are_only_the_three_roles(client, programme_staff):
    Group.objects.create(name="Something else")
    client.force_login(programme_staff)
    page = client.get(reverse("admin:sanctuary_user_add")).content.decode()
    assert "Something else" not in page
    for role in Role:
        assert str(role.label) in page


def test_programme_staff_cannot_set_a_colleagues_password(client, programme_staff, reviewer):
    client.force_login(programme_staff)
    url = reverse("admin:auth_user_password_change", args=[reviewer.pk])
    assert client.get(url).status_code == 403
    client.post(url, {"password1": "taken-over-123", "password2": "taken-over-123"})
    reviewer.refresh_from_db()
    assert not reviewer.check_password("taken-over-123")


def test_programme_staff_cannot_change_a_colleagues_email(client, programme_staff, reviewer):
    client.force_login(programme_staff)
    client.post(
        reverse("admin:sanctuary_user_change", args=[reviewer.pk]),
        {
            "email": "attacker@example.org",
            "first_name": "Rita",
            "language": "en",
            "is_active": "on",
            "groups": [Group.objects.get(name=Role.BURSARY_REVIEWERS.value).pk],
        },
    )
    reviewer.refresh_from_db()
    assert reviewer.email != "attacker@example.org"
    assert reviewer.first_name == "Rita"  # the rest of the form was saved


def test_a_changed_email_is_the_only_one_that_signs_in(db):
    from allauth.account.models import EmailAddress

    user = services.user_create(email="old@example.org", roles=[], actor=None, password="x")
    EmailAddress.objects.create(user=user, email="old@example.org", verified=True, primary=True)
    user.email = "new@example.org"
    services.user_save(user=user, roles=[], actor=None, changed=["email"])
    assert not EmailAddress.objects.filter(email="old@example.org").exists()


def test_only_real_changes_are_audited_old_to_new_without_personal_values(db, programme_staff):
    user = services.user_create(
        email="nour@example.org", roles=[Role.VOLUNTEERS], actor=programme_staff, password="x"
    )
    volunteers = Group.objects.filter(name=Role.VOLUNTEERS.value)
    # The form said these changed, but nothing did: no event.
    services.user_save(user=user, roles=volunteers, actor=programme_staff, changed=["language"])
    user.first_name, user.language = "Nour", "ar"
    services.user_save(
        user=user, roles=volunteers, actor=programme_staff, changed=["first_name", "language"]
    )
    services.user_save(user=user, roles=[], actor=programme_staff, changed=["groups"])
    events = AuditEvent.objects.filter(object_id=str(user.pk)).order_by("pk")
    assert [(event.action, event.detail) for event in events] == [
        ("user.create", {"roles": ["Volunteers"]}),
        (
            "user.update",
            {
                "changes": {
                    "first_name": {"changed": True},
                    "language": {"old": "en", "new": "ar"},
                }
            },
        ),
        ("user.update", {"changes": {"roles": {"old": ["Volunteers"], "new": []}}}),
    ]


def test_team_members_cannot_add_email_addresses_to_their_own_account(client, volunteer):
    client.force_login(volunteer)
    response = client.post("/en/accounts/email/", {"action_add": "", "email": "x@example.org"})
    assert response.status_code == 404
    assert client.get("/en/accounts/email/").status_code == 404
