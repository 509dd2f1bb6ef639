"""Approvals at the same moment, on the real PostgreSQL: the fund never pays out more than its
budget."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from bursaries import selectors, services
from bursaries.models import Application
from sanctuary.models import User

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

APPROVERS = 8


def approve_all_at_once(application_ids: list[int], actor_id: int, amount: Decimal) -> list:
    """One thread per application, all released together; each says how it went."""
    barrier = threading.Barrier(len(application_ids))
    outcomes = [None] * len(application_ids)

    def approve(index: int, application_id: int) -> None:
        try:
            actor = User.objects.get(pk=actor_id)
            barrier.wait(timeout=10)
            services.application_decide(
                application_id=application_id,
                outcome=Application.Status.APPROVED,
                actor=actor,
                amount_awarded=amount,
                message="Yes",
            )
            outcomes[index] = "approved"
        except Exception as error:  # the outcome is what the test checks
            outcomes[index] = getattr(error, "error_dict", {}).get("amount_awarded", error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=approve, args=(index, application_id))
        for index, application_id in enumerate(application_ids)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.parametrize("round_", range(3))
def test_concurrent_approvals_never_exceed_the_budget(in_review, programme_staff, fund, round_):
    # £1,000 fits three awards of £300, not four.
    applications = [in_review(email=f"person{n}@example.org") for n in range(APPROVERS)]

    outcomes = approve_all_at_once(
        [application.pk for application in applications], programme_staff.pk, Decimal("300")
    )

    assert outcomes.count("approved") == 3, outcomes
    refused = [outcome for outcome in outcomes if outcome != "approved"]
    assert all(error[0].code == "over_budget" for error in refused), refused
    assert Application.objects.filter(status=Application.Status.APPROVED).count() == 3
    totals = selectors.fund_with_totals(fund_id=fund.pk)
    assert totals.awarded == Decimal("900.00")
    assert totals.remaining == Decimal("100.00")


def test_the_last_pounds_go_to_exactly_one_of_two_approvals(in_review, programme_staff, fund):
    first, second = in_review(), in_review(email="olena@example.org")

    outcomes = approve_all_at_once([first.pk, second.pk], programme_staff.pk, Decimal("1000"))

    assert sorted(map(str, outcomes)).count("approved") == 1, outcomes
    assert selectors.fund_with_totals(fund_id=fund.pk).remaining == Decimal("0.00")
