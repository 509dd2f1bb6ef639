"""Beat's scheduled register work. Each task calls one service."""

from celery import shared_task

from attendance import services


@shared_task(ignore_result=True)
def walk_ins_anonymise() -> int:
    """Forget the names of walk-ins at drop-ins and of walk-ups at performances."""
    return services.walk_ins_anonymise() + services.door_walk_ups_anonymise()
