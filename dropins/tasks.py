"""Beat's scheduled drop-in work. Each task calls one service."""

from celery import shared_task

from dropins import services


@shared_task(ignore_result=True)
def sessions_generate() -> int:
    return services.sessions_generate()


@shared_task(ignore_result=True)
def reminders_queue() -> int:
    return services.reminders_queue().messages


@shared_task(ignore_result=True)
def waitlists_fill() -> int:
    return services.waitlists_fill()


@shared_task(ignore_result=True)
def bookings_anonymise() -> int:
    return services.bookings_anonymise()
