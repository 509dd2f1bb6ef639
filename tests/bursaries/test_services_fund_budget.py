"""A fund's budget: awards never exceed what is left, a withdrawal gives the money back, and
the totals count only approvals and open requests."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from bursaries import selectors, services
from bursaries.models import Application
from sanctuary.models import AuditEvent

Status = Application.Status


def test_approving_more_than_is_left_in_the_fund_is_refused(in_review, programme_staff, fund):
    first, second = in_review(), in_review(email="olena@example.org")
    services.application_decide(
        application_id=first.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("900.00"),
        message="Yes",
    )
    with pytest.raises(ValidationError) as refused:
        services.application_decide(
            application_id=second.pk,
            outcome=Status.APPROVED,
            actor=programme_staff,
            amount_awarded=Decimal("100.01"),
            message="Yes",
        )
    [error] = refused.value.error_dict["amount_awarded"]
    assert error.code == "over_budget"
    assert "£100.00 of £1,000.00" in error.messages[0]
    services.application_decide(
        application_id=second.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("100.00"),
        message="Yes",
    )
    assert selectors.fund_with_totals(fund_id=fund.pk).remaining == Decimal("0.00")


def test_withdrawing_an_approved_application_gives_the_money_back_to_the_fund(
    in_review, programme_staff, fund
):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("400"),
        message="Yes",
    )
    assert selectors.fund_with_totals(fund_id=fund.pk).remaining == Decimal("600.00")
    services.application_transition(
        application_id=application.pk, to_status=Status.WITHDRAWN, actor=programme_staff
    )
    assert selectors.fund_with_totals(fund_id=fund.pk).remaining == Decimal("1000.00")
    application.refresh_from_db()
    assert application.amount_awarded is None  # nothing left to count, in any report
    assert fund.applications.aggregate(total=Sum("amount_awarded"))["total"] is None
    event = AuditEvent.objects.get(action="application.withdrawn")
    assert event.detail == {"from": "approved", "to": "withdrawn", "amount_released": "400.00"}


def test_the_database_keeps_awards_only_on_approved_applications(submit):
    from django.db import IntegrityError, transaction

    application = submit()
    for status in [s for s in Status.values if s != Status.APPROVED]:
        with pytest.raises(IntegrityError), transaction.atomic():
            Application.objects.filter(pk=application.pk).update(
                status=status, amount_awarded=Decimal("10")
            )


def test_the_fund_budget_cannot_drop_below_what_it_has_awarded(in_review, programme_staff, fund):
    application = in_review()
    services.application_decide(
        application_id=application.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("400"),
        message="Yes",
    )
    fund.budget = Decimal("399.99")
    with pytest.raises(ValidationError):
        services.fund_save(fund=fund, actor=programme_staff, changed=["budget"])


def test_fund_totals_count_only_approvals_and_open_requests(
    submit, in_review, programme_staff, fund
):
    approved, declined = in_review(), in_review(email="b@example.org")
    submit(email="c@example.org", amount_requested=Decimal("30"))
    services.application_decide(
        application_id=approved.pk,
        outcome=Status.APPROVED,
        actor=programme_staff,
        amount_awarded=Decimal("100"),
        message="Yes",
    )
    services.application_decide(
        application_id=declined.pk, outcome=Status.DECLINED, actor=programme_staff, message="No"
    )
    totals = selectors.fund_with_totals(fund_id=fund.pk)
    assert totals.awarded == Decimal("100.00")
    assert totals.remaining == Decimal("900.00")
    assert totals.requested_undecided == Decimal("30.00")
    assert totals.application_count == 3
