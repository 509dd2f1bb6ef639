import pytest

from tests.events.helpers import make_allocation, partner, quota_of, worker_of

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
