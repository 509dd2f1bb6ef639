"""The portal's tests use the partner workers, drop-in sessions and bursary funds of the
partners', drop-ins' and bursaries' tests."""

from tests.bursaries.conftest import closed_fund, fund, opportunity, submit  # noqa: F401
from tests.dropins.conftest import series, session  # noqa: F401 (fixtures)
from tests.partners.conftest import (  # noqa: F401 (fixtures)
    organisation,
    other_organisation,
    other_worker,
    worker,
    worker_client,
)
