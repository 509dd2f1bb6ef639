"""Staff invite partner workers, and take the portal away, in the admin; nobody else can."""

import pytest
from django.urls import reverse

from partners.models import PartnerWorker
from sanctuary.models import AuditEvent, OutgoingMessage
from sanctuary.roles import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ADD = reverse("admin:partners_partnerworker_add")
LIST = reverse("admin:partners_partnerworker_changelist")


def invitation(organisation, **overrides):
    return {
        "email": "olena@example.org",
        "first_name": "Olena",
        "last_name": "",
        "language": "uk",
        "organisation": organisation.pk,
        **overrides,
    }


@pytest.fixture
def staff_client(client, programme_staff):
    client.login(email=programme_staff.email, password=PASSWORD)
    return client


def test_staff_invite_a_worker_by_email(staff_client, organisation, programme_staff):
    response = staff_client.post(ADD, invitation(organisation))

    assert response.status_code == 302
    worker = PartnerWorker.objects.select_related("user").get()
    assert worker.organisation == organisation
    assert worker.invited_by == programme_staff
    assert worker.user.groups.get().name == Role.PARTNER_WORKERS.value
    assert OutgoingMessage.objects.filter(
        template="staff_invitation", recipient="olena@example.org"
    ).exists()


def test_an_address_with_an_account_is_refused_with_a_reason(staff_client, organisation, worker):
    response = staff_client.post(ADD, invitation(organisation, email=worker.user.email))

    assert response.status_code == 200
    assert "already has an account" in response.content.decode()
    assert PartnerWorker.objects.count() == 1


@pytest.mark.parametrize(
    ("role", "status"), [("Bursary reviewers", 403), ("Volunteers", 302), ("Partner workers", 302)]
)
def test_nobody_but_staff_may_invite(client, organisation, role, status):
    from tests.factories import user_with_role

    user = user_with_role(role)
    client.login(email=user.email, password=PASSWORD)

    response = client.post(ADD, invitation(organisation))

    assert response.status_code == status  # 302: not admin staff at all, sent to sign in
    assert not PartnerWorker.objects.exists()
    assert not OutgoingMessage.objects.filter(template="staff_invitation").exists()


def test_a_partner_worker_cannot_reach_the_admin(worker_client):
    response = worker_client.get(LIST)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_staff_deactivate_a_worker_who_has_left(staff_client, worker, other_worker):
    response = staff_client.post(LIST, {"action": "deactivate", "_selected_action": [worker.pk]})

    assert response.status_code == 302
    worker.user.refresh_from_db()
    other_worker.user.refresh_from_db()
    assert not worker.user.is_active
    assert other_worker.user.is_active
    assert AuditEvent.objects.filter(action="partner_worker.deactivate").count() == 1


def test_a_deactivated_worker_is_signed_out_of_the_portal_at_once(
    worker_client, worker, programme_staff
):
    from partners import services

    assert worker_client.get(reverse("portal:home")).status_code == 200
    services.partner_worker_deactivate(worker=worker, actor=programme_staff)

    response = worker_client.get(reverse("portal:home"))

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_list_shows_each_worker_with_their_organisation(staff_client, worker, other_worker):
    response = staff_client.get(LIST)

    page = response.content.decode()
    assert worker.user.email in page
    assert other_worker.organisation.name in page


def test_the_invitation_and_a_worker_s_page_open_for_staff(staff_client, worker):
    assert staff_client.get(ADD).status_code == 200
    change = reverse("admin:partners_partnerworker_change", args=[worker.pk])

    page = staff_client.get(change)

    assert page.status_code == 200
    assert worker.organisation.name in page.content.decode()
