"""Partner workers' accounts: staff invite them by email and can take the portal away.

An invitation is a team invitation (sanctuary.services.user_invite): an account in the
"Partner workers" role with no password, and an email with a link to set one. Two-step
sign-in is offered on the portal's home page, not required: partner workers see only their
own organisation's clients, and never the admin.
"""

from django.db import transaction

from partners.models import PartnerOrganisation, PartnerWorker
from sanctuary.locks import lock_row
from sanctuary.models import User
from sanctuary.roles import Role
from sanctuary.services import audit_record, user_create


@transaction.atomic
def partner_worker_invite(
    *,
    email: str,
    organisation: PartnerOrganisation,
    actor: User | None,
    first_name: str = "",
    last_name: str = "",
    language: str = "en",
    password: str | None = None,
) -> PartnerWorker:
    """Make a partner worker's account for `organisation` and email them the link to set
    their password (demo data gives a password instead, and no email goes).

    Raises ValidationError when the address already has an account."""
    user = user_create(
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
        roles=[Role.PARTNER_WORKERS],
        actor=actor,
        password=password,
    )
    worker = PartnerWorker(user=user, organisation=organisation, invited_by=actor)
    worker.full_clean()
    worker.save()
    audit_record(
        actor=actor,
        action="partner_worker.invite",
        obj=worker,
        detail={"organisation": organisation.pk},
    )
    return worker


@transaction.atomic
def partner_worker_deactivate(*, worker: PartnerWorker, actor: User | None) -> PartnerWorker:
    """Take the portal away from a worker at once: their account can no longer sign in, and
    a browser still signed in is signed out at its next request (an inactive account is never
    loaded for a session). Their referrals and bookings stay with their organisation."""
    user = lock_row(User, worker.user_id)
    if not user.is_active:
        return worker
    user.is_active = False
    user.save(update_fields=["is_active"])
    worker.user = user
    audit_record(actor=actor, action="partner_worker.deactivate", obj=worker)
    return worker
