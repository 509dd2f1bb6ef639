"""The applications list in the admin: the figures staff need, what a reviewer sees before
reviewing, its filters and searches, and a bounded number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bursaries import services
from bursaries.models import Application, Fund, Review
from tests.bursaries.conftest import reviewed
from tests.bursaries.helpers import CHANGELIST
from tests.factories import user_with_role


def changelist_queries(client, url=CHANGELIST) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def make_applications(submit, reviewer, programme_staff, count, start=0):
    for number in range(start, start + count):
        application = submit(email=f"person{number}@example.org")
        if number % 2:
            application = reviewed(application, reviewer)
        if number % 4 == 1:
            services.application_decide(
                application_id=application.pk,
                outcome=Application.Status.APPROVED,
                actor=programme_staff,
                amount_awarded=Decimal("10"),
                message="Yes",
            )


@pytest.mark.parametrize("person", ["programme_staff", "reviewer"])
def test_the_application_list_needs_the_same_queries_for_5_or_50_applications(
    client, request, submit, reviewer, programme_staff, person, django_assert_max_num_queries
):
    make_applications(submit, reviewer, programme_staff, 5)
    client.force_login(request.getfixturevalue(person))
    with_five = changelist_queries(client)

    make_applications(submit, reviewer, programme_staff, 45, start=5)

    with django_assert_max_num_queries(with_five):
        response = client.get(CHANGELIST)
    assert response.context["cl"].result_count == 50
    assert changelist_queries(client, CHANGELIST + "?status__exact=in_review") == with_five


def test_the_fund_list_needs_the_same_queries_however_many_funds(
    client, programme_staff, fund, submit, django_assert_max_num_queries
):
    submit()
    client.force_login(programme_staff)
    url = reverse("admin:bursaries_fund_changelist")
    with_one = changelist_queries(client, url)
    for number in range(20):
        Fund.objects.create(
            name=f"Fund {number}",
            slug=f"fund-{number}",
            budget=Decimal("100"),
            opens_on=fund.opens_on,
            closes_on=fund.closes_on,
        )
    with django_assert_max_num_queries(with_one):
        client.get(url)


def test_the_list_shows_the_figures_staff_need(client, programme_staff, in_review, reviewer):
    application = in_review()
    reviewed(application, user_with_role("Bursary reviewers"), need=5, benefit=5, fit=2)
    client.force_login(programme_staff)
    html = client.get(CHANGELIST).content.decode()
    for column in [
        "reference",
        "status",
        "fund",
        "what_for",
        "requested_display",
        "awarded_display",
        "review_count",
        "average_score",
        "days_waiting",
        "message_problems",
    ]:
        assert f"column-{column}" in html, column
    assert application.reference in html
    assert "£120.00" in html
    assert '<td class="field-review_count">2</td>' in html
    assert '<td class="field-average_score">4.0</td>' in html  # (12/3 + 12/3) / 2


def test_the_list_can_be_searched_by_reference_and_name(client, programme_staff, submit):
    maryam = submit()
    olena = submit(name="Olena", email="olena@example.org")
    client.force_login(programme_staff)
    found = client.get(CHANGELIST, {"q": olena.reference}).context["cl"].result_list
    assert list(found) == [olena]
    found = client.get(CHANGELIST, {"q": "maryam"}).context["cl"].result_list
    assert list(found) == [maryam]


def test_reviewers_see_the_review_count_and_average_only_after_their_own_review(
    client, in_review, reviewer
):
    application = in_review()
    second = user_with_role("Bursary reviewers")
    client.force_login(second)
    response = client.get(CHANGELIST)
    html = response.content.decode()
    assert '<td class="field-review_count">after your review</td>' in html
    assert '<td class="field-average_score">after your review</td>' in html
    [row] = response.context["cl"].result_list
    assert (row.review_count, row.score_total) == (None, None)

    reviewed(application, second, need=2, benefit=2, fit=2)

    html = client.get(CHANGELIST).content.decode()
    assert "after your review" not in html
    assert '<td class="field-review_count">2</td>' in html
    assert '<td class="field-average_score">3.0</td>' in html  # (12/3 + 6/3) / 2


def test_sorting_by_score_or_reviews_tells_a_reviewer_nothing_before_their_review(
    client, in_review, reviewer
):
    in_review(email="high@example.org")
    low = in_review(email="low@example.org")
    Review.objects.filter(application=low).update(need=1, benefit=1, fit=1)
    second = user_with_role("Bursary reviewers")
    client.force_login(second)
    columns = client.get(CHANGELIST).context["cl"].list_display
    for column in ("average_score", "review_count"):
        index = columns.index(column)
        orders = [
            [
                a.pk
                for a in client.get(CHANGELIST, {"o": f"{sign}{index}"}).context["cl"].result_list
            ]
            for sign in ("", "-")
        ]
        assert orders[0] == orders[1], column


def test_programme_staff_see_every_review_figure_without_reviewing(
    client, in_review, programme_staff
):
    in_review()
    client.force_login(programme_staff)
    [row] = client.get(CHANGELIST).context["cl"].result_list
    assert row.review_count == 1
    assert row.score_total == 12


@pytest.mark.parametrize(
    "lookup",
    [
        "email__startswith",
        "phone__contains",
        "referrer_email__startswith",
        "status_token__startswith",
        "statement__icontains",
        "name__startswith",
        "reviews__comment__icontains",
        "status__regex",
        "messages__isnull",
    ],
)
@pytest.mark.parametrize("person", ["reviewer", "programme_staff"])
def test_the_list_takes_no_filter_on_private_details_from_the_address(
    client, request, submit, person, lookup
):
    """Django's admin otherwise filters on any of the model's own fields named in the
    address, with which a detail someone may not see can be guessed a letter at a time."""
    application = submit(email="secret@example.org")
    client.force_login(request.getfixturevalue(person))
    value = {
        "email__startswith": "secret",
        "phone__contains": "7",
        "referrer_email__startswith": "",
        "status_token__startswith": application.status_token[:3],
        "statement__icontains": "stage",
        "name__startswith": "Mar",
        "reviews__comment__icontains": "a",
        "status__regex": "(",
        "messages__isnull": "True",
    }[lookup]

    response = client.get(CHANGELIST, {lookup: value})

    assert response.status_code == 400


def test_the_sidebar_filters_still_work(client, submit, reviewer, fund):
    application = submit()
    client.force_login(reviewer)
    for query in (
        {"status__exact": "submitted"},
        {"fund__id__exact": fund.pk},
        {"language__exact": "fa"},
    ):
        response = client.get(CHANGELIST, query)
        assert response.status_code == 200, query
        assert list(response.context["cl"].result_list) == [application], query
