"""The portal's guest pages ask the database the same number of times for 1 guest party as
for 40."""

import pytest
from django.urls import reverse

from events import services
from tests.events.helpers import name_party

pytestmark = pytest.mark.django_db


def _fill(allocation, quota, count):
    for index in range(count):
        name_party(allocation, quota, guests=1, hosts=index % 2, first_name=f"Guest {index}")


@pytest.mark.parametrize("count", [1, 40])
def test_the_quota_page_does_not_grow_with_guests(
    client, olena, allocation, dereham, count, django_assert_max_num_queries
):
    _fill(allocation, dereham, count)
    services.quota_move(
        allocation_id=allocation.pk,
        from_quota_id=dereham.pk,
        to_quota_id=None,
        seats=60 - count,
        actor=None,
    )
    for index in range(min(count, 5)):
        services.pool_request_create(
            allocation_id=allocation.pk,
            quota_id=dereham.pk,
            organisation=dereham.organisation,
            requested_by=olena,
            first_name=f"W{index}",
            guests=1,
            hosts=0,
            language="uk",
        )
    with django_assert_max_num_queries(12):
        response = client.get(reverse("portal:guest-quota", kwargs={"quota_id": dereham.pk}))
    assert response.content.decode().count('class="card" id="t-') == count


@pytest.mark.parametrize("count", [1, 40])
def test_the_list_does_not_grow_with_performances(
    client, olena, count, django_assert_max_num_queries
):
    from tests.events.helpers import make_allocation

    for index in range(count):
        make_allocation(slug=f"show-{index}", quotas={"Dereham Ukraine Aid Centre": 5})
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal:guest-quotas"))
    assert response.content.decode().count('class="card"') >= count
