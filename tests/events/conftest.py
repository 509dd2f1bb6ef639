import pytest

from tests.events.helpers import make_allocation


@pytest.fixture
def allocation(db):
    """150 guest seats (60 Dereham, 40 Bridge, 30 New Routes, 20 the theatre's), 60 companion
    seats, the release deadline in three days, the performance in ten."""
    return make_allocation()
