"""Celery tasks for bursaries. Each calls a service."""

from celery import shared_task

from bursaries import services


@shared_task(ignore_result=True)
def applications_anonymise() -> int:
    return services.applications_anonymise()
