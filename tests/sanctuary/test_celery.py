from django.conf import settings

from sanctuary.celery import app


def test_tasks_are_acknowledged_only_after_they_ran():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_beat_sweeps_the_outbox_every_minute():
    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-sweep"]
    assert entry["task"] in app.tasks
    assert entry["schedule"].minute == set(range(60))


def test_every_task_is_found_by_autodiscovery():
    app.loader.import_default_modules()
    assert {"sanctuary.tasks.send_message", "sanctuary.tasks.outbox_sweep"} <= set(app.tasks)


def test_beat_anonymises_the_outbox_every_night():
    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-anonymise"]
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {3}
