"""Keeping personal data no longer than needed: anonymising applications, on request or on
schedule."""

import calendar
import logging
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone

from bursaries.models import ApplicantMessage, Application, Review
from bursaries.rules import may_decide
from sanctuary.codes import token_new
from sanctuary.locks import lock_free, lock_row
from sanctuary.models import User
from sanctuary.services import audit_record, messages_forget

logger = logging.getLogger(__name__)


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the month's last day if the day
    does not exist then)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


@transaction.atomic
def application_anonymise(
    *, application_id: int, actor: User | None, now: datetime | None = None
) -> bool:
    """Remove the person from one application: on their request (actor: the programme staff
    member who does it), or on schedule (actor None, from applications_anonymise).

    Names, contact details, statements, their own words, the referrer's name and email, the
    messages to them (in the outbox too) and reviewers' comments go; the fund, opportunity,
    support types, amounts, status, dates, scores and referring organisation stay, for reports
    to funders. The private status link stops working, and a message still waiting to go is
    not sent. One event in the application's audit trail says so. Returns False, changing
    nothing, if it was already anonymised.
    """
    if actor is not None and not may_decide(actor):
        raise PermissionDenied
    application = lock_row(Application, application_id)
    if application.anonymised_at is not None:
        return False
    now = now or timezone.now()
    Application.objects.filter(pk=application.pk).update(
        name="",
        email="",
        phone="",
        statement="",
        own_words="",
        referrer_name="",
        referrer_email="",
        # A fresh secret nobody has: the old link now finds nothing.
        status_token=token_new(),
        anonymised_at=now,
        updated_at=now,
    )
    Review.objects.filter(application=application).update(comment="")
    ApplicantMessage.objects.filter(application=application).update(body="")
    # Their messages forget the address and the words too (they would otherwise keep them
    # OUTBOX_KEEP_DAYS); one still waiting to go is no longer needed.
    messages_forget(subjects=Application.objects.filter(pk=application.pk))
    audit_record(
        actor=actor,
        action="application.anonymise",
        obj=application,
        detail={"reason": "schedule" if actor is None else "request"},
    )
    return True


@transaction.atomic
def applications_anonymise(*, now: datetime | None = None) -> int:
    """Remove the person from applications BURSARY_ANONYMISE_AFTER_MONTHS after the decision,
    or after they were sent if they were never decided (left waiting, or withdrawn), each as
    application_anonymise does. Returns how many applications were anonymised.
    """
    now = now or timezone.now()
    cutoff = months_before(now, settings.BURSARY_ANONYMISE_AFTER_MONTHS)
    due = list(
        lock_free(Application.objects.all())
        .filter(anonymised_at__isnull=True)
        .alias(settled_at=Coalesce("decided_at", "submitted_at"))
        .filter(settled_at__lt=cutoff)
        .values_list("pk", flat=True)
    )
    anonymised = sum(
        application_anonymise(application_id=application_id, actor=None, now=now)
        for application_id in due
    )
    if anonymised:
        logger.info("Anonymised %d bursary applications", anonymised)
    return anonymised
