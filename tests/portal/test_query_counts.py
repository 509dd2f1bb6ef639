"""The portal's lists take as many queries with 30 rows as with 1."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.portal.test_services import book_for_client

pytestmark = pytest.mark.django_db


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def rows_of_each(count, *, session, submit, worker):
    for index in range(count):
        book_for_client(session, worker, first_name=f"Client {index}")
        submit(name=f"Client {index}", portal_organisation=worker.organisation)


@pytest.mark.parametrize("name", ["portal:home", "portal:bookings", "portal:referrals"])
def test_a_list_takes_as_many_queries_with_30_rows_as_with_1(
    worker_client, worker, session, submit, name
):
    rows_of_each(1, session=session, submit=submit, worker=worker)
    with_one = queries_of(worker_client, reverse(name))

    rows_of_each(29, session=session, submit=submit, worker=worker)
    with_thirty = queries_of(worker_client, reverse(name))

    assert with_thirty == with_one
