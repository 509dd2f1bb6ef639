import pytest

from tests.events.helpers import make_allocation
from tests.factories import PASSWORD


@pytest.fixture
def allocation(db):
    """150 guest seats (60 Dereham, 40 Bridge, 30 New Routes, 20 the theatre's), 60 companion
    seats, the release deadline in three days, the performance in ten."""
    return make_allocation()


@pytest.fixture
def staff_client(client, programme_staff):
    """The test client, signed in as programme staff (for the admin)."""
    client.login(email=programme_staff.email, password=PASSWORD)
    return client
