"""Forgetting who asked the pool for seats once the performance is long past; counts stay."""

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from events import rules
from events.models import PoolRequest
from sanctuary.services import messages_forget


def pool_requests_anonymise(*, now=None) -> int:
    """Forget the name, contact and access needs of waiting-list entries EVENTS_KEEP_DAYS
    after their performance; the offer link stops working. Returns how many were forgotten."""
    now = now or timezone.now()
    ids = list(
        PoolRequest.objects.filter(rules.pool_request_past_keeping_q(now)).values_list(
            "pk", flat=True
        )[:5000]
    )
    messages_forget(subjects=PoolRequest.objects.filter(pk__in=ids))
    return PoolRequest.objects.filter(pk__in=ids).update(
        first_name="",
        email="",
        phone="",
        access_needs="",
        offer_token=Concat(Value("gone-"), Cast("pk", CharField())),
        anonymised_at=now,
    )
