"""Inviting partner workers and taking the portal away from one who has left."""

import pytest
from django.core.exceptions import ValidationError

from partners import rules, services
from partners.models import PartnerWorker
from sanctuary.models import AuditEvent, OutgoingMessage
from sanctuary.roles import Role

pytestmark = pytest.mark.django_db


def test_an_invitation_makes_the_account_in_the_partner_role_and_the_worker(
    organisation, programme_staff
):
    worker = services.partner_worker_invite(
        email="Olena@Example.org",
        first_name="Olena",
        organisation=organisation,
        actor=programme_staff,
        language="uk",
    )

    user = worker.user
    assert list(user.groups.values_list("name", flat=True)) == [Role.PARTNER_WORKERS.value]
    assert not user.has_usable_password()
    assert not user.is_staff  # the portal only, never the admin
    assert worker.organisation == organisation
    assert worker.invited_by == programme_staff
    assert rules.organisation_of(user) == organisation


def test_an_invitation_queues_the_set_password_email_in_their_language(
    organisation, programme_staff
):
    worker = services.partner_worker_invite(
        email="olena@example.org",
        first_name="Olena",
        organisation=organisation,
        actor=programme_staff,
        language="uk",
    )

    message = OutgoingMessage.objects.get(template="staff_invitation")
    assert message.recipient == worker.user.email
    assert message.language == "uk"


def test_an_invitation_is_audited_with_who_invited(organisation, programme_staff):
    worker = services.partner_worker_invite(
        email="olena@example.org", organisation=organisation, actor=programme_staff
    )

    event = AuditEvent.objects.get(action="partner_worker.invite")
    assert event.actor == programme_staff
    assert event.object_id == str(worker.pk)


def test_an_address_that_has_an_account_cannot_be_invited_again(organisation, worker):
    with pytest.raises(ValidationError):
        services.partner_worker_invite(
            email=worker.user.email, organisation=organisation, actor=None
        )
    assert PartnerWorker.objects.count() == 1


def test_a_deactivated_worker_loses_the_portal_and_it_is_audited(worker, programme_staff):
    services.partner_worker_deactivate(worker=worker, actor=programme_staff)

    worker.user.refresh_from_db()
    assert not worker.user.is_active
    assert rules.organisation_of(worker.user) is None
    assert AuditEvent.objects.filter(
        action="partner_worker.deactivate", actor=programme_staff
    ).exists()


def test_deactivating_twice_records_it_once(worker, programme_staff):
    services.partner_worker_deactivate(worker=worker, actor=programme_staff)
    services.partner_worker_deactivate(worker=worker, actor=programme_staff)

    assert AuditEvent.objects.filter(action="partner_worker.deactivate").count() == 1
