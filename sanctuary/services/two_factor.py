"""Two-step sign-in for the team: when the requirement starts, and resetting it."""

from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone

from sanctuary.models import User
from sanctuary.services.audit import audit_record


@transaction.atomic
def user_two_factor_requirement_start(*, user: User) -> User:
    """Start the grace period of someone who must use two-step sign-in and has not set it up,
    the first time they are seen so. Only ever once: it does not start again later."""
    now = timezone.now()
    started = User.objects.filter(pk=user.pk, two_factor_required_since__isnull=True).update(
        two_factor_required_since=now
    )
    if started:
        user.two_factor_required_since = now
    else:
        user.refresh_from_db(fields=["two_factor_required_since"])
    return user


@transaction.atomic
def user_two_factor_reset(*, user: User, actor: User) -> int:
    """Remove a team member's authenticator app and recovery codes (a lost phone), so that they
    set them up again at their next sign-in. Returns how many were removed."""
    removed, _by_type = Authenticator.objects.filter(user=user).delete()
    if removed:
        audit_record(actor=actor, action="user.two_factor_reset", obj=user)
    return removed
