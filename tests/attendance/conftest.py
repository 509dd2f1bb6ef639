# The register works on drop-in sessions: the drop-in tests' fixtures are these tests' too.
from tests.dropins.conftest import door_session, series, session  # noqa: F401
