from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from bursaries.models import Application
from bursaries.tasks import applications_anonymise
from sanctuary.celery import app

pytestmark = pytest.mark.instants


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


def approved_then_withdrawn(in_review, programme_staff) -> Application:
    from bursaries import services

    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("50"),
        message="Yes, we will pay for the course.",
    )
    services.application_transition(
        application_id=application.pk,
        to_status=Application.Status.WITHDRAWN,
        actor=programme_staff,
    )
    return application


def test_an_approval_withdrawn_before_the_worker_sends_it_is_not_sent(
    in_review, programme_staff, mailoutbox
):
    from sanctuary.models import OutgoingMessage
    from sanctuary.tasks import send_message

    approved_then_withdrawn(in_review, programme_staff)
    message = OutgoingMessage.objects.get(template="bursary_decision")
    assert message.status == OutgoingMessage.Status.PENDING

    send_message(message.pk)

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.NOT_NEEDED
    assert "withdrawn" in message.last_error
    assert mailoutbox == []


def test_a_question_overtaken_by_a_return_to_review_is_not_sent(
    submit, programme_staff, mailoutbox
):
    from bursaries import services
    from sanctuary.models import OutgoingMessage
    from sanctuary.tasks import send_message

    application = submit()
    services.application_transition(
        application_id=application.pk,
        to_status=Application.Status.MORE_INFORMATION,
        actor=programme_staff,
        message="Which days can you come?",
    )
    services.application_transition(
        application_id=application.pk,
        to_status=Application.Status.IN_REVIEW,
        actor=programme_staff,
    )
    message = OutgoingMessage.objects.get(template="bursary_more_information")

    send_message(message.pk)

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.NOT_NEEDED
    assert mailoutbox == []


def test_a_decision_that_still_stands_is_sent(in_review, programme_staff, mailoutbox):
    from bursaries import services
    from sanctuary.models import OutgoingMessage
    from sanctuary.tasks import send_message

    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="Not this time, sorry.",
    )
    message = OutgoingMessage.objects.get(template="bursary_decision")

    send_message(message.pk)

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.SENT
    assert "Not this time, sorry." in mailoutbox[0].body


def test_a_message_about_an_anonymised_application_is_not_sent(submit, mailoutbox):
    from sanctuary.models import OutgoingMessage
    from sanctuary.tasks import send_message

    application = submit()
    Application.objects.filter(pk=application.pk).update(anonymised_at=timezone.now(), name="")
    message = OutgoingMessage.objects.get(template="bursary_received")

    send_message(message.pk)

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.NOT_NEEDED
    assert mailoutbox == []


def test_a_message_emptied_by_anonymising_while_it_was_on_its_way_is_not_sent(submit, mailoutbox):
    """Anonymising empties the context of a message a worker is sending; if that attempt fails
    and is tried again, there is no one left to tell."""
    from sanctuary.models import OutgoingMessage
    from sanctuary.tasks import send_message

    submit()
    message = OutgoingMessage.objects.get(template="bursary_received")
    OutgoingMessage.objects.filter(pk=message.pk).update(context={}, recipient="")

    send_message(message.pk)

    message.refresh_from_db()
    assert message.status == OutgoingMessage.Status.NOT_NEEDED
    assert mailoutbox == []


def test_a_name_typed_into_a_decision_is_filled_in_when_it_is_made(in_review, programme_staff):
    from bursaries import services

    application = in_review(name="Maryam")
    services.application_decide(
        application_id=application.pk,
        outcome=Application.Status.DECLINED,
        actor=programme_staff,
        message="Dear {name}, not this time.",
    )

    assert application.messages.get().body == "Dear Maryam, not this time."
