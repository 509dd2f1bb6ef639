"""The portal's tests use the partner workers, drop-in sessions and bursary funds of the
partners', drop-ins' and bursaries' tests, and the guest seats of the events' tests."""

import pytest

from tests.bursaries.conftest import closed_fund, fund, opportunity, submit  # noqa: F401
from tests.dropins.conftest import series, session  # noqa: F401 (fixtures)
from tests.events.helpers import make_allocation, partner, quota_of, worker_of
from tests.partners.conftest import (  # noqa: F401 (fixtures)
    organisation,
    other_organisation,
    other_worker,
    worker,
    worker_client,
)

DEREHAM, BRIDGE = "Dereham Ukraine Aid Centre", "The Bridge Plus+"


@pytest.fixture
def allocation(db):
    return make_allocation()


@pytest.fixture
def dereham(allocation):
    return quota_of(allocation, DEREHAM)


@pytest.fixture
def bridge(allocation):
    return quota_of(allocation, BRIDGE)


@pytest.fixture
def olena(allocation, client):
    """A Dereham Ukraine Aid Centre worker, signed in."""
    user = worker_of(partner(DEREHAM), "Olena")
    client.force_login(user)
    return user


@pytest.fixture
def bridge_worker(allocation):
    return worker_of(partner(BRIDGE), "Sam")
