"""Beat's scheduled register work. Each task calls one service."""

from celery import shared_task

from attendance import services


@shared_task(ignore_result=True)
def walk_ins_anonymise() -> int:
    return services.walk_ins_anonymise()
