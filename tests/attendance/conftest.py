import pytest

from sanctuary.roles import Role
from tests.attendance.door_helpers import door_keeper, night, olena  # noqa: F401 (fixtures)
from tests.attendance.helpers import EMAIL, PHONE

# The register works on drop-in sessions: the drop-in tests' fixtures are these tests' too.
from tests.dropins.conftest import book, door_session, series, session  # noqa: F401
from tests.factories import user_with_role


@pytest.fixture
def volunteer(door_session):  # noqa: F811
    return user_with_role(
        Role.VOLUNTEERS,
        first_name="Vik",
        venues=[door_session.series.venue],
        email="vik@example.org",
    )


@pytest.fixture
def family(door_session):  # noqa: F811
    return book(
        door_session,
        first_name="Amal",
        adults=2,
        children=1,
        email=EMAIL,
        phone=PHONE,
        interpreter_language="ar",
        access_needs="Step-free entrance, please",
    )
