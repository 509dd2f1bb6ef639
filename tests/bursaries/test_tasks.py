from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from bursaries.models import Application
from bursaries.tasks import applications_anonymise
from sanctuary.celery import app


def test_beat_anonymises_old_applications_every_night():
    app.loader.import_default_modules()
    entry = settings.CELERY_BEAT_SCHEDULE["bursaries-anonymise"]
    assert entry["task"] == "bursaries.tasks.applications_anonymise"
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {3}
    assert len(entry["schedule"].minute) == 1


def test_the_default_is_to_anonymise_24_months_after_the_decision():
    from sanctuary import settings as project_settings

    assert project_settings.BURSARY_ANONYMISE_AFTER_MONTHS == 24


def test_the_task_anonymises_through_the_service(in_review, programme_staff):
    from bursaries import services

    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("50"),
        message="Yes",
    )
    Application.objects.update(decided_at=timezone.now() - timedelta(days=31 * 25))

    assert applications_anonymise.delay().get() == 1

    application.refresh_from_db()
    assert application.name == ""
    assert application.amount_awarded == Decimal("50.00")
