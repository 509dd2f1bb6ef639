"""Approvals at the same moment, on the real PostgreSQL: the fund never pays out more than its
budget."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from bursaries import selectors, services
from bursaries.models import Application
from bursaries.services import deciding
from sanctuary.models import User
from tests.conftest import backend_pid, wait_until_waiting_for_a_lock

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


@pytest.mark.parametrize("round_", range(5))
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


def decide_in_threads(calls: list) -> list:
    """Each call in its own thread, all released together; each says how it went."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index: int, call) -> None:
        try:
            barrier.wait(timeout=10)
            call()
            outcomes[index] = "done"
        except ValidationError as error:
            outcomes[index] = error
        except Exception as error:  # a deadlock or anything else: the test fails on it
            outcomes[index] = f"unexpected: {error!r}"
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


# Which of five calls reaches the budget first varies: without the fund's lock some rounds
# still stay within it, so this one runs more rounds.
@pytest.mark.parametrize("round_", range(10))
def test_bulk_and_single_approvals_at_once_wait_for_each_other_and_stay_within_budget(
    in_review, programme_staff, fund, decision_templates, round_
):
    # Six applications of £300 each: any four would pass the £1,000 budget.
    applications = [in_review(email=f"person{n}@example.org") for n in range(6)]
    ids = [application.pk for application in applications]
    template = decision_templates[Application.Status.APPROVED]

    def bulk(chosen):
        def call():
            actor = User.objects.get(pk=programme_staff.pk)
            services.applications_decide(
                application_ids=chosen,
                outcome=Application.Status.APPROVED,
                actor=actor,
                template=template,
            )

        return call

    def single(application_id):
        def call():
            actor = User.objects.get(pk=programme_staff.pk)
            services.application_decide(
                application_id=application_id,
                outcome=Application.Status.APPROVED,
                actor=actor,
                amount_awarded=Decimal("300"),
                message="Yes",
            )

        return call

    Application.objects.filter(pk__in=ids).update(amount_requested=Decimal("300"))
    outcomes = decide_in_threads(
        [bulk(ids[:3]), bulk(ids[3:][::-1]), single(ids[2]), single(ids[3]), bulk([ids[5], ids[0]])]
    )

    assert not [o for o in outcomes if isinstance(o, str) and o.startswith("unexpected")], outcomes
    assert None not in outcomes, outcomes
    totals = selectors.fund_with_totals(fund_id=fund.pk)
    assert totals.awarded <= fund.budget
    approved = Application.objects.filter(status=Application.Status.APPROVED).count()
    assert totals.awarded == approved * Decimal("300")
    assert outcomes.count("done") >= 1


def test_a_single_approval_during_a_bulk_one_waits_for_it_instead_of_deadlocking(
    in_review, programme_staff, fund, decision_templates, monkeypatch
):
    """The bulk approval holds the fund while it works through its applications; a single
    approval of one of them, started meanwhile, must wait for the fund before it takes the
    application's row (the order every approval locks in), or each would wait for the other."""
    applications = [in_review(email=f"person{n}@example.org") for n in range(3)]
    ids = [application.pk for application in applications]
    draft = services.decision_message_draft
    drafted = threading.Event()
    single_pid = []
    single_ready = threading.Event()

    def draft_then_let_the_single_approval_queue(**kwargs):
        if threading.current_thread().name == "bulk":
            if drafted.is_set():
                # Between applications, with the first one approved and the fund held: go on
                # only once the single approval is queued behind a lock.
                single_ready.wait(timeout=10)
                wait_until_waiting_for_a_lock(single_pid[0])
            drafted.set()
        return draft(**kwargs)

    monkeypatch.setattr(
        deciding, "decision_message_draft", draft_then_let_the_single_approval_queue
    )
    outcomes = {}

    def bulk():
        try:
            services.applications_decide(
                application_ids=ids,
                outcome=Application.Status.APPROVED,
                actor=User.objects.get(pk=programme_staff.pk),
                template=decision_templates[Application.Status.APPROVED],
            )
            outcomes["bulk"] = "done"
        except Exception as error:  # the outcome is what the test checks
            outcomes["bulk"] = error
        finally:
            connection.close()

    def single():
        try:
            actor = User.objects.get(pk=programme_staff.pk)
            single_pid.append(backend_pid())
            single_ready.set()
            drafted.wait(timeout=10)
            services.application_decide(
                application_id=ids[-1],
                outcome=Application.Status.APPROVED,
                actor=actor,
                amount_awarded=Decimal("100"),
                message="Yes",
            )
            outcomes["single"] = "done"
        except Exception as error:  # the outcome is what the test checks
            outcomes["single"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=bulk, name="bulk"), threading.Thread(target=single)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert outcomes["bulk"] == "done", outcomes
    # The single approval came second: by then the application was already approved.
    assert isinstance(outcomes["single"], ValidationError), outcomes
    assert outcomes["single"].code == "invalid_transition"
    assert selectors.fund_with_totals(fund_id=fund.pk).awarded == Decimal("360.00")
