"""The public bursary pages stay light and need few queries."""

import io

from django.core.management import call_command

from tests.bursaries.helpers import apply_url

PAGE_BUDGET_BYTES = 30 * 1024


def measure(*paths: str) -> dict[str, dict[str, int]]:
    output = io.StringIO()
    call_command("measure_pages", *paths, stdout=output)
    header, *rows = output.getvalue().splitlines()
    columns = header.split()[1:]
    return {
        row.split()[0]: dict(zip(columns, map(int, row.split()[1:]), strict=True)) for row in rows
    }


def test_the_bursary_pages_weigh_less_than_30_kb_and_need_few_queries(submit, fund, closed_fund):
    application = submit()
    pages = measure(
        "/en/bursaries/",
        f"/fa/bursaries/{fund.slug}/",
        f"/fa/bursaries/{fund.slug}/apply/",
        f"/en/bursaries/{closed_fund.slug}/",
        f"/ps/bursaries/application/{application.status_token}/sent/",
        f"/ar/bursaries/application/{application.status_token}/",
    )
    assert len(pages) == 6
    for sizes in pages.values():
        assert 0 < sizes["brotli"] < sizes["gzip"] < PAGE_BUDGET_BYTES
        assert sizes["queries"] <= 3


def test_the_form_needs_the_same_queries_however_many_opportunities(
    client, fund, opportunity, partner, django_assert_num_queries
):
    from bursaries.models import Opportunity
    from partners.models import PartnerOrganisation

    with django_assert_num_queries(3):
        client.get(apply_url(fund))
    for number in range(10):
        Opportunity.objects.create(
            kind="workshop",
            title=f"Workshop {number}",
            venue=opportunity.venue,
            starts_on=opportunity.starts_on,
        )
        PartnerOrganisation.objects.create(name=f"Partner {number}")
    with django_assert_num_queries(3):
        client.get(apply_url(fund))
