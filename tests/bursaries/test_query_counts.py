"""A bursary page's or action's query count does not grow with the rows around it: approving
one application, deciding many at once (only by each application's own writes), and the
admin's application list."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bursaries import services
from bursaries.models import Application, Review

CHANGELIST = reverse("admin:bursaries_application_changelist")


def many_applications(fund, opportunity, n: int, **fields) -> list[Application]:
    """n applications made in one go (as if sent over months), in review by default."""
    now = timezone.now()
    return Application.objects.bulk_create(
        Application(
            reference=f"B-T{index:05d}",
            status_token=f"token-{fund.pk}-{index}-{fields.get('status', 'in_review')}",
            fund=fund,
            opportunity=opportunity,
            name=f"Person {index}",
            contact_method=Application.Contact.EMAIL,
            email=f"person{index}@example.org",
            language="fa",
            support=["travel"],
            amount_requested=Decimal("5"),
            statement="A few words.",
            privacy_consent_at=now,
            submitted_at=now,
            **{"status": Application.Status.IN_REVIEW, **fields},
        )
        for index in range(n)
    )


def queries_of(action) -> int:
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def approve_one_in_a_fund_with(n, *, fund, opportunity, in_review, programme_staff):
    many_applications(
        fund, opportunity, n, status=Application.Status.APPROVED, amount_awarded=Decimal("1")
    )
    application = in_review()
    return queries_of(
        lambda: services.application_decide(
            application_id=application.pk,
            outcome=Application.Status.APPROVED,
            actor=programme_staff,
            amount_awarded=Decimal("10"),
            message="Yes",
        )
    )


def test_approving_one_application_costs_the_same_beside_1_or_100_awards(
    fund, opportunity, in_review, programme_staff
):
    def approve_one_beside(n: int) -> int:
        Application.objects.all().delete()
        count = approve_one_in_a_fund_with(
            n,
            fund=fund,
            opportunity=opportunity,
            in_review=in_review,
            programme_staff=programme_staff,
        )
        assert Application.objects.filter(status=Application.Status.APPROVED).count() == n + 1
        return count

    approve_one_beside(0)  # fills the caches (permissions, content types)
    assert approve_one_beside(1) == approve_one_beside(100)


def bulk_decide(n, *, fund, opportunity, programme_staff, template) -> int:
    ids = [a.pk for a in many_applications(fund, opportunity, n)]
    count = queries_of(
        lambda: services.applications_decide(
            application_ids=ids,
            outcome=Application.Status.APPROVED,
            actor=programme_staff,
            template=template,
        )
    )
    assert Application.objects.filter(status=Application.Status.APPROVED).count() == n
    Application.objects.all().delete()
    return count


# What each application adds to a bulk decision: its own writes (the application's UPDATE; its
# audit event, which checks its actor and content type; the words sent; the outbox row, with
# the check that its dedupe key is free, its content type and its savepoint) and two reads
# of that one row's rules (a conflict of interest declared by the actor, what is left in its
# fund before its award). Nothing about the other applications, the fund's other awards or
# the reviews.
PER_APPLICATION_AT_MOST = 12


def test_a_bulk_decision_grows_only_by_each_applications_own_work(
    fund, opportunity, programme_staff, decision_templates
):
    fund.budget = Decimal("10000")
    fund.save()
    template = decision_templates[Application.Status.APPROVED]
    bulk_decide(
        1, fund=fund, opportunity=opportunity, programme_staff=programme_staff, template=template
    )  # fills the caches (permissions, content types)
    counts = {
        n: bulk_decide(
            n,
            fund=fund,
            opportunity=opportunity,
            programme_staff=programme_staff,
            template=template,
        )
        for n in (1, 2, 100)
    }
    per_application = counts[2] - counts[1]
    base = counts[1] - per_application
    assert per_application <= PER_APPLICATION_AT_MOST, counts
    assert counts[100] == base + 100 * per_application, counts


def test_the_admin_application_list_costs_the_same_for_1_or_100_applications(
    client, fund, opportunity, in_review, reviewer, programme_staff
):
    client.force_login(programme_staff)
    counts = {}
    for n in (1, 100):
        Review.objects.all().delete()
        Application.objects.all().delete()
        applications = many_applications(fund, opportunity, n)
        in_review()  # one sent and reviewed the usual way, with its messages and audit
        Review.objects.bulk_create(
            Review(
                application=a,
                reviewer=reviewer,
                need=3,
                benefit=3,
                fit=3,
                recommendation="yes",
                opened_at=timezone.now(),
                submitted_at=timezone.now(),
            )
            for a in applications
        )
        client.get(CHANGELIST)  # the first request fills the caches (content types, session)
        counts[n] = queries_of(lambda: client.get(CHANGELIST))
    assert counts[1] == counts[100], counts
