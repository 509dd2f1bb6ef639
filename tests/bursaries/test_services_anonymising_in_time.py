"""When applications are anonymised: the set time after a decision, or after sending when
there is none, counted in calendar months."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bursaries import services
from bursaries.models import Application, Review
from sanctuary.models import AuditEvent
from tests.bursaries.helpers import decided_months_ago

Status = Application.Status


def submitted_months_ago(application: Application, months: int) -> None:
    Application.objects.filter(pk=application.pk).update(
        submitted_at=services.months_before(timezone.now(), months) - timedelta(hours=1)
    )


def test_anonymisation_waits_for_the_set_time(submit, in_review, programme_staff, settings):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    recent = in_review()
    services.application_decide(
        application_id=recent.pk, outcome=Status.DECLINED, actor=programme_staff, message="No"
    )
    decided_months_ago(recent, 23)
    waiting = submit(email="w@example.org")
    submitted_months_ago(waiting, 23)

    assert services.applications_anonymise() == 0
    waiting.refresh_from_db()
    assert waiting.name == "Maryam"

    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 12
    assert services.applications_anonymise() == 2


def test_an_application_never_decided_is_anonymised_the_set_time_after_it_was_sent(
    submit, in_review, settings
):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    forgotten = in_review()
    submitted_months_ago(forgotten, 25)
    Review.objects.update(comment="Knows her from the drop-in.")

    assert services.applications_anonymise() == 1

    forgotten.refresh_from_db()
    assert forgotten.anonymised_at is not None
    assert (forgotten.name, forgotten.email, forgotten.statement) == ("", "", "")
    assert Review.objects.get().comment == ""
    assert forgotten.status == Status.IN_REVIEW  # the figures stay
    assert forgotten.amount_requested == Decimal("120.00")


def test_a_withdrawal_with_no_decision_time_is_anonymised_after_the_set_time(submit, settings):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    withdrawn = submit()
    Application.objects.filter(pk=withdrawn.pk).update(status=Status.WITHDRAWN, decided_at=None)
    submitted_months_ago(withdrawn, 25)

    assert services.applications_anonymise() == 1
    withdrawn.refresh_from_db()
    assert withdrawn.name == ""


def test_the_nightly_anonymisation_records_one_event_per_application(submit, settings):
    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    old = [submit(email=f"p{n}@example.org") for n in range(2)]
    recent = submit(email="recent@example.org")
    for application in old:
        submitted_months_ago(application, 25)

    assert services.applications_anonymise() == 2

    events = AuditEvent.objects.filter(action="application.anonymise")
    assert sorted(event.object_id for event in events) == sorted(str(a.pk) for a in old)
    assert {event.actor for event in events} == {None}
    assert {event.detail["reason"] for event in events} == {"schedule"}
    assert not AuditEvent.objects.filter(action="application.anonymise", object_id="").exists()
    assert not AuditEvent.objects.filter(object_id=str(recent.pk), action="application.anonymise")
    services.applications_anonymise()
    assert events.count() == 2


def test_an_anonymised_open_application_can_only_be_withdrawn(
    in_review, programme_staff, reviewer, settings
):
    from tests.factories import user_with_role

    settings.BURSARY_ANONYMISE_AFTER_MONTHS = 24
    application = in_review()
    submitted_months_ago(application, 25)
    services.applications_anonymise()
    application.refresh_from_db()
    assert application.next_statuses() == [Status.WITHDRAWN]
    with pytest.raises(ValidationError):
        services.review_open(
            application_id=application.pk, reviewer=user_with_role("Bursary reviewers")
        )
    with pytest.raises(ValidationError):
        services.application_transition(
            application_id=application.pk,
            to_status=Status.DECLINED,
            actor=programme_staff,
            message="No",
        )
    services.application_transition(
        application_id=application.pk, to_status=Status.WITHDRAWN, actor=programme_staff
    )


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        ("2027-03-31T10:00", 1, "2027-02-28T10:00"),
        ("2028-03-31T10:00", 1, "2028-02-29T10:00"),
        ("2027-01-15T10:00", 24, "2025-01-15T10:00"),
        ("2027-01-15T10:00", 13, "2025-12-15T10:00"),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    from datetime import datetime

    assert services.months_before(datetime.fromisoformat(moment), months) == (
        datetime.fromisoformat(expected)
    )
