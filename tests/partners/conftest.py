import itertools

import pytest

from partners.models import PartnerOrganisation, Stream

_numbers = itertools.count(1)


@pytest.fixture
def make_partner(db):
    """A partner organisation, listed and active unless told otherwise, in the advice stream."""

    def make(**fields) -> PartnerOrganisation:
        number = next(_numbers)
        values = {
            "name": f"Partner {number}",
            "description": f"What partner {number} does.",
            "streams": [Stream.ADVICE.value],
            "is_listed": True,
            "is_active": True,
            **fields,
        }
        return PartnerOrganisation.objects.create(**values)

    return make
