"""Celery tasks for reports. Each calls a service."""

from celery import shared_task

from reports import rules, services


@shared_task(
    ignore_result=True,
    soft_time_limit=rules.SOFT_TIME_LIMIT_SECONDS,
    time_limit=rules.TIME_LIMIT_SECONDS,
)
def export_build(export_id: int) -> None:
    services.export_build(export_id=export_id)


@shared_task(ignore_result=True)
def exports_sweep() -> list[int]:
    return services.exports_sweep()


@shared_task(ignore_result=True)
def exports_forget() -> int:
    return services.exports_forget()


@shared_task(ignore_result=True)
def families_count() -> int:
    return services.families_count()
