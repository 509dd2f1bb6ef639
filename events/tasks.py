"""Beat's scheduled work about performances and events. Each task calls one service."""

from celery import shared_task

from events.services.ticket_schedule import tickets_anonymise, tickets_remind


@shared_task(ignore_result=True)
def guest_tickets_remind() -> int:
    return tickets_remind()


@shared_task(ignore_result=True)
def guest_tickets_anonymise() -> int:
    return tickets_anonymise()
