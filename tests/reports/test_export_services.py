"""Making an export: claimed once, taken over from a dead worker, given up after its tries,
swept up when its task was never run, and forgotten after REPORTS_EXPORT_KEEP_DAYS."""

import datetime

import pytest
from django.utils import timezone

from reports import rules, services
from reports.models import ReportExport

pytestmark = pytest.mark.django_db
Status = ReportExport.Status


def set_fields(export, **fields):
    ReportExport.objects.filter(pk=export.pk).update(**fields)
    export.refresh_from_db()
    return export


def test_a_finished_export_is_not_made_again(ask_for):
    export = set_fields(ask_for(), status=Status.READY, progress=100, content=b"x")

    assert services.export_build(export_id=export.pk) is None
    export.refresh_from_db()
    assert bytes(export.content) == b"x"


def test_a_running_export_is_left_to_its_worker_until_the_lease_runs_out(ask_for):
    started = timezone.now() - rules.RUNNING_LEASE + datetime.timedelta(seconds=5)
    export = set_fields(ask_for(), status=Status.RUNNING, started_at=started, attempts=1)

    assert services.export_build(export_id=export.pk) is None
    assert rules.is_claimable(export, timezone.now()) is False


def test_an_export_whose_worker_died_at_every_try_is_marked_failed(ask_for):
    long_ago = timezone.now() - rules.RUNNING_LEASE - datetime.timedelta(seconds=1)
    export = set_fields(
        ask_for(), status=Status.RUNNING, started_at=long_ago, attempts=rules.MAX_ATTEMPTS
    )

    assert services.export_build(export_id=export.pk) is None
    export.refresh_from_db()
    assert export.status == Status.FAILED


def test_the_rule_for_claiming_agrees_with_its_query(ask_for):
    now = timezone.now()
    lease = rules.RUNNING_LEASE
    exports = [
        ask_for(),
        set_fields(ask_for(), status=Status.RUNNING, started_at=now),
        set_fields(ask_for(), status=Status.RUNNING, started_at=now - lease * 2),
        set_fields(ask_for(), status=Status.READY),
        set_fields(ask_for(), status=Status.FAILED),
    ]

    by_query = set(ReportExport.objects.filter(rules.claimable_q(now)).values_list("pk", flat=True))
    assert by_query == {e.pk for e in exports if rules.is_claimable(e, now)}
    assert by_query == {exports[0].pk, exports[2].pk}


def test_the_sweep_queues_again_only_exports_that_waited_too_long(ask_for, clock):
    waiting = ask_for()
    clock.shift(rules.QUEUED_GRACE + datetime.timedelta(seconds=1))
    fresh = ask_for()
    abandoned = set_fields(
        ask_for(), status=Status.RUNNING, started_at=timezone.now() - rules.RUNNING_LEASE * 2
    )
    set_fields(ask_for(), status=Status.READY)

    assert sorted(services.exports_sweep()) == sorted([waiting.pk, abandoned.pk])
    assert fresh.pk not in services.exports_sweep()


def test_exports_are_forgotten_after_the_days_they_are_kept(ask_for, clock, settings):
    settings.REPORTS_EXPORT_KEEP_DAYS = 7
    old = set_fields(ask_for(), status=Status.READY, content=b"x")
    clock.shift(datetime.timedelta(days=7, seconds=1))
    new = ask_for()

    assert services.exports_forget() == 1
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [new.pk]
    assert not ReportExport.objects.filter(pk=old.pk).exists()


def test_only_a_short_csv_is_made_at_once():
    day = datetime.date(2026, 9, 1)
    quarter_end = day + datetime.timedelta(days=rules.DIRECT_CSV_DAYS - 1)

    assert rules.is_made_directly(file_format="csv", start=day, end=quarter_end)
    assert not rules.is_made_directly(
        file_format="csv", start=day, end=quarter_end + datetime.timedelta(days=1)
    )
    for file_format in ("xlsx", "evidence_csv", "evidence_xlsx"):
        assert not rules.is_made_directly(file_format=file_format, start=day, end=day)


def test_an_export_with_someone_elses_key_is_a_new_one(ask_for, other_staff):
    import uuid

    key = uuid.uuid4()
    mine = ask_for(submission_key=key)

    theirs = ask_for(submission_key=key, by=other_staff)

    assert theirs.pk != mine.pk
    assert ask_for(submission_key=key).pk == mine.pk
