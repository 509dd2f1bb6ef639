"""Beat's scheduled events work. Each task calls one service."""

from celery import shared_task

from events.services import mailing, network


@shared_task(ignore_result=True)
def network_bookings_anonymise() -> int:
    return network.network_bookings_anonymise()


@shared_task(ignore_result=True)
def mailing_unconfirmed_forget() -> int:
    return mailing.mailing_unconfirmed_forget()
