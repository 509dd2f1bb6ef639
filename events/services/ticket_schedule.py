"""Beat's guest ticket work, set-based: the day-before reminders and forgetting guests once a
performance is long past. Each scan takes a fixed number of queries, however many tickets."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from events import rules
from events.models import GuestTicket
from sanctuary.locks import lock_free
from sanctuary.models import OutgoingMessage
from sanctuary.services import messages_forget, messages_queue

REMINDER = "guest_ticket_reminder"


def tickets_remind(*, now=None) -> int:
    """Queue the day-before reminder of every confirmed ticket whose performance is due, to
    each way its guests can be reached, all in one run; returns how many messages were queued.
    One query reads the tickets due, one marks them, one writes their messages.

    Overlapping scans skip each other's rows; each reminder's dedupe key means it is queued
    once, whatever happens. A ticket made inside the reminder window has just had its
    confirmation and gets no reminder.
    """
    now = now or timezone.now()
    lead = timedelta(hours=settings.EVENTS_REMINDER_HOURS_BEFORE)
    subject_type = ContentType.objects.get_for_model(GuestTicket, for_concrete_model=False)
    with transaction.atomic():
        due = list(
            lock_free(GuestTicket.objects.filter(rules.reminder_due_q(now, lead)))
            .order_by("pk")
            .values_list("pk", "email", "phone", "language")
        )
        if not due:
            return 0
        languages = {code for code, _name in settings.LANGUAGES}
        messages = [
            OutgoingMessage(
                channel=channel,
                recipient=str(recipient),
                language=language if language in languages else settings.LANGUAGE_CODE,
                template=REMINDER,
                context={"ticket_id": pk},
                dedupe_key=f"{REMINDER}:ticket:{pk}:once:{channel}",
                subject_type=subject_type,
                subject_id=pk,
                next_attempt_at=now,
            )
            for pk, email, phone, language in due
            for channel, recipient in (
                (OutgoingMessage.Channel.EMAIL, email),
                (OutgoingMessage.Channel.SMS, phone),
            )
            if recipient
        ]
        ids = [pk for pk, *_rest in due]
        GuestTicket.objects.filter(pk__in=ids).update(reminder_queued_at=now, updated_at=now)
        return messages_queue(messages)


def tickets_anonymise(*, now=None) -> int:
    """Forget the guests of performances EVENTS_KEEP_DAYS past: the name, contact and access
    needs go, and the ticket's link stops working. Counts stay, for the figures."""
    now = now or timezone.now()
    old = GuestTicket.objects.filter(rules.past_keeping_q(now, settings.EVENTS_KEEP_DAYS))
    ticket_ids = list(old.values_list("pk", flat=True)[:5000])
    if not ticket_ids:
        return 0
    with transaction.atomic():
        messages_forget(subjects=GuestTicket.objects.filter(pk__in=ticket_ids))
        return GuestTicket.objects.filter(pk__in=ticket_ids).update(
            first_name="",
            email="",
            phone="",
            access_needs="",
            # Still unique, and never a working link: far shorter than any token_new().
            token=Concat(Value("gone-"), Cast("pk", CharField())),
            anonymised_at=now,
            updated_at=now,
        )
