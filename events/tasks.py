"""Beat's scheduled events work. Each task calls one service."""

from celery import shared_task

from events.services import mailing, network
from events.services.pool import pool_offers_refresh
from events.services.release import allocations_release
from events.services.retention_pool import pool_requests_anonymise
from events.services.ticket_schedule import tickets_anonymise, tickets_remind


@shared_task(ignore_result=True)
def guest_seats_release() -> int:
    return allocations_release()


@shared_task(ignore_result=True)
def pool_offers_fill() -> int:
    return pool_offers_refresh()


@shared_task(ignore_result=True)
def pool_requests_forget() -> int:
    return pool_requests_anonymise()


@shared_task(ignore_result=True)
def network_bookings_anonymise() -> int:
    return network.network_bookings_anonymise()


@shared_task(ignore_result=True)
def mailing_unconfirmed_forget() -> int:
    return mailing.mailing_unconfirmed_forget()


@shared_task(ignore_result=True)
def guest_tickets_remind() -> int:
    return tickets_remind()


@shared_task(ignore_result=True)
def guest_tickets_anonymise() -> int:
    return tickets_anonymise()
