"""Reads about the partnership mailing list."""

from django.db.models import QuerySet

from events import rules
from events.models import MailingListMember


def members_confirmed() -> QuerySet[MailingListMember]:
    """The addresses that count, in the order they confirmed."""
    return MailingListMember.objects.filter(rules.mailing_counts_q()).order_by("confirmed_at", "pk")
