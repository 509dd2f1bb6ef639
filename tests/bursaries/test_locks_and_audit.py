"""Bursaries use the project's one way of locking rows, of recording old → new in the audit
trail, and of linking each message to what it is about."""

from decimal import Decimal
from importlib import import_module

from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bursaries import services
from bursaries.models import Application, Fund, Opportunity
from sanctuary.models import AuditEvent, OutgoingMessage
from sanctuary.selectors import messages_about


def locks_on(queries, table: str) -> int:
    return sum(1 for q in queries if "FOR UPDATE" in q["sql"] and f'FROM "{table}"' in q["sql"])


def test_a_budget_change_is_in_the_audit_trail_old_and_new(fund, programme_staff):
    fund.budget = Decimal("5000")
    services.fund_save(fund=fund, actor=programme_staff, changed=["budget"])
    fund.budget = Decimal("4000")
    services.fund_save(fund=fund, actor=programme_staff, changed=["budget"])
    event = AuditEvent.objects.filter(action="fund.update").latest("pk")
    assert event.detail["changes"] == {"budget": {"old": "5000.00", "new": "4000.00"}}


def test_an_opportunity_change_records_only_what_changed(opportunity, programme_staff):
    opportunity.title_uk = "Молодіжний театр"
    opportunity.is_active = False
    services.opportunity_save(
        opportunity=opportunity, actor=programme_staff, changed=["title_uk", "is_active"]
    )
    event = AuditEvent.objects.get(action="opportunity.update")
    assert event.detail["changes"] == {
        "title_uk": {"old": "", "new": "Молодіжний театр"},
        "is_active": {"old": True, "new": False},
    }
    assert not Opportunity.objects.get().is_active


def test_a_bulk_approval_locks_the_fund_once_for_the_whole_batch(
    in_review, programme_staff, fund, decision_templates
):
    applications = [in_review(email=f"person{n}@example.org") for n in range(4)]
    with CaptureQueriesContext(connection) as queries:
        services.applications_decide(
            application_ids=[a.pk for a in applications],
            outcome=Application.Status.APPROVED,
            actor=programme_staff,
            template=decision_templates[Application.Status.APPROVED],
        )
    assert locks_on(queries, Fund._meta.db_table) == 1
    assert locks_on(queries, Application._meta.db_table) == 1
    assert Application.objects.filter(status=Application.Status.APPROVED).count() == 4


def test_a_bulk_approval_over_two_funds_locks_them_together_once(
    submit, reviewer, programme_staff, fund, decision_templates
):
    other = Fund.objects.create(
        name="Other", slug="other", budget=1000, opens_on=fund.opens_on, closes_on=fund.closes_on
    )
    ids = [submit(email="one@example.org").pk, submit(email="two@example.org", fund=other).pk]
    for application_id in ids:
        services.application_transition(
            application_id=application_id, to_status="in_review", actor=programme_staff
        )
    with CaptureQueriesContext(connection) as queries:
        services.applications_decide(
            application_ids=ids,
            outcome=Application.Status.APPROVED,
            actor=programme_staff,
            template=decision_templates[Application.Status.APPROVED],
        )
    fund_locks = [
        q["sql"]
        for q in queries
        if "FOR UPDATE" in q["sql"] and f'FROM "{Fund._meta.db_table}"' in q["sql"]
    ]
    assert len(fund_locks) == 1
    assert "ORDER BY" in fund_locks[0]  # in key order: two batches at once never deadlock


def test_every_message_about_an_application_is_linked_to_it(
    in_review, programme_staff, decision_templates
):
    application = in_review()
    services.application_transition(
        application_id=application.pk,
        to_status="more_information",
        actor=programme_staff,
        message="Tell us more.",
    )
    services.application_decide(
        application_id=application.pk,
        outcome="declined",
        actor=programme_staff,
        message="Not this time.",
    )
    about = set(messages_about(application).values_list("template", flat=True))
    assert about == {"bursary_received", "bursary_more_information", "bursary_decision"}
    assert OutgoingMessage.objects.count() == 3


def test_messages_sent_before_the_subject_link_are_linked_to_their_application(submit):
    application = submit()
    by_context = OutgoingMessage.objects.create(
        channel="email",
        recipient="old@example.org",
        template="bursary_decision",
        context={"application_id": application.pk},
        dedupe_key="old-decision",
    )
    by_key = OutgoingMessage.objects.create(
        channel="email",
        recipient="older@example.org",
        template="bursary_received",
        dedupe_key=f"bursary:application:{application.pk}:older",
    )
    elsewhere = OutgoingMessage.objects.create(
        channel="email", recipient="x@example.org", template="other", dedupe_key="other:1"
    )
    migration = import_module("bursaries.migrations.0006_link_messages_to_applications")
    migration.link_application_messages(django_apps, None)
    linked = set(messages_about(application))
    assert {by_context, by_key} <= linked
    assert elsewhere not in linked
