"""Team accounts: adding people with their roles, inviting them, password links."""

import uuid
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse

from sanctuary import audit
from sanctuary.models import OutgoingMessage, User
from sanctuary.outbox import context_builder
from sanctuary.roles import ROLES_WITH_ADMIN_ACCESS, Role
from sanctuary.rules import must_use_two_factor
from sanctuary.services.audit import audit_record
from sanctuary.services.messages import message_queue
from sanctuary.services.two_factor import user_two_factor_requirement_start
from sanctuary.text import isolate

# A team member's name and address are recorded as changed, never with their values.
PERSONAL_FIELDS = ("first_name", "last_name", "email")


@transaction.atomic
def user_save(
    *,
    user: User,
    roles: Iterable[Group],
    actor: User | None,
    venues: Iterable | None = None,
    changed: Iterable[str] = (),
    password: str | None = None,
) -> User:
    """Save a team member's account and roles, as staff edit it in the admin.

    A new account has no password: its owner is emailed a link to set one (demo data and
    tests may give a password instead). Admin access follows the roles. Only what really
    changed is written to the audit trail.
    """
    created = user.pk is None
    # The account as it was, for the audit trail (roles and venues are set below).
    audited = sorted((set(changed) - {"groups", "password"}) | {"venues"})
    before = {} if created else audit.values(User.objects.get(pk=user.pk), audited)
    if created and password:
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.email = User.objects.normalize_email(user.email)
    user.full_clean(exclude=["password"])
    user.save()
    roles_before = set() if created else set(user.groups.values_list("name", flat=True))
    user.groups.set(roles)
    if venues is not None:
        # Where a volunteer takes attendance.
        user.venues.set(venues)
    roles_after = set(user.groups.values_list("name", flat=True))
    needs_admin = user.is_superuser or any(role in roles_after for role in ROLES_WITH_ADMIN_ACCESS)
    if user.is_staff != needs_admin:
        user.is_staff = needs_admin
        user.save(update_fields=["is_staff"])
    if user.two_factor_required_since is None and must_use_two_factor(
        User.objects.get(pk=user.pk)  # with the roles just given
    ):
        user_two_factor_requirement_start(user=user)
    # allauth also signs people in by the addresses it has on record: keep only the current one.
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()

    if created:
        audit_record(
            actor=actor, action="user.create", obj=user, detail={"roles": sorted(roles_after)}
        )
        if not password:
            user_invite(user=user, actor=actor)
        return user
    before["roles"], after = sorted(roles_before), audit.values(user, audited)
    after["roles"] = sorted(roles_after)
    audit_record(
        actor=actor,
        action="user.update",
        obj=user,
        before=before,
        after=after,
        personal=PERSONAL_FIELDS,
    )
    return user


def user_create(
    *,
    email: str,
    roles: Iterable[Role],
    actor: User | None,
    venues: Iterable | None = None,
    first_name: str = "",
    last_name: str = "",
    language: str = "en",
    password: str | None = None,
) -> User:
    """Create a team member's account; they are emailed a link to set their password."""
    user = User(email=email, first_name=first_name, last_name=last_name, language=language)
    groups = Group.objects.filter(name__in=[role.value for role in roles])
    return user_save(user=user, roles=groups, venues=venues, actor=actor, password=password)


def user_invite(*, user: User, actor: User | None) -> OutgoingMessage:
    """Email a team member a link to set their password, in their language."""
    with transaction.atomic():
        audit_record(actor=actor, action="user.invite", obj=user)
        return _set_password_message(user=user, template="staff_invitation")


def user_password_reset_send(*, user: User) -> OutgoingMessage:
    """Email the link someone asked for on the "set your password" page."""
    return _set_password_message(user=user, template="password_reset")


def password_reset_send(*, email: str) -> OutgoingMessage | None:
    """Queue a set-password link for the active team member with this address, if any."""
    user = User.objects.filter(
        email=User.objects.normalize_email(email.strip()), is_active=True
    ).first()
    if user is None:
        return None
    return user_password_reset_send(user=user)


@transaction.atomic
def user_email_verify(*, user: User) -> EmailAddress:
    """Record that the team member controls their address: they used a link sent to it (an
    invitation or a password reset). Allows two-step sign-in, which allauth offers only to
    accounts with no unverified address."""
    address = EmailAddress.objects.filter(user=user, email__iexact=user.email).first()
    if address is None:
        address = EmailAddress(user=user, email=user.email)
    if address.verified and address.primary:
        return address
    address.verified = True
    address.primary = True
    address.full_clean(validate_unique=False)
    address.save()
    audit_record(actor=user, action="user.email_verify", obj=user)
    return address


def _set_password_message(*, user: User, template: str) -> OutgoingMessage:
    return message_queue(
        channel=OutgoingMessage.Channel.EMAIL,
        recipient=user.email,
        template=template,
        # Every request is its own message: a second one is sent on purpose.
        dedupe_key=f"{template}:user:{user.pk}:{uuid.uuid4().hex}",
        language=user.language,
        context={"user_id": user.pk},
        subject=user,
    )


@context_builder("staff_invitation")
@context_builder("password_reset")
def _set_password_context(context: dict) -> dict:
    # The link is made when the message is sent, so no token is ever stored in the outbox.
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    user = User.objects.get(pk=context["user_id"])
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return {
        "name": isolate(user.first_name),
        "set_password_url": settings.SITE_URL + path,
        "valid_days": settings.PASSWORD_RESET_TIMEOUT // 86400,
    }
