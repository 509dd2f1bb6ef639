from datetime import datetime

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Min, Model, OuterRef, QuerySet

from sanctuary.models import Heartbeat, OutgoingMessage, User
from sanctuary.roles import Role


def user_roles(*, user: User) -> list[Role]:
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in Role if role.value in names]


def role_groups() -> QuerySet[Group]:
    """The groups that are roles (the only ones staff may give people)."""
    return Group.objects.filter(name__in=Role.values)


def messages_about(subjects: QuerySet | Model) -> QuerySet[OutgoingMessage]:
    """Every message about these objects (or this one), whatever its template."""
    if isinstance(subjects, Model):
        subjects = type(subjects)._default_manager.filter(pk=subjects.pk)
    return OutgoingMessage.objects.filter(
        subject_type=ContentType.objects.get_for_model(subjects.model, for_concrete_model=False),
        subject_id__in=subjects.values("pk"),
    )


def messages_about_outer(model: type[Model]) -> QuerySet[OutgoingMessage]:
    """The messages about the row of `model` in the outer query, for Exists() annotations."""
    return OutgoingMessage.objects.filter(
        subject_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        subject_id=OuterRef("pk"),
    )


def outbox_backlog() -> tuple[int, datetime | None]:
    """How many messages are pending, and when the longest-waiting of them was due."""
    backlog = OutgoingMessage.objects.filter(status=OutgoingMessage.Status.PENDING).aggregate(
        pending=Count("pk"), first_due=Min("next_attempt_at")
    )
    return backlog["pending"], backlog["first_due"]


def heartbeat_at(*, name: str) -> datetime | None:
    """When `name` (e.g. "beat") last recorded that it was alive; None if never."""
    return Heartbeat.objects.filter(name=name).values_list("beaten_at", flat=True).first()
