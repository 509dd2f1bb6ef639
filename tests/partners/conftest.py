import itertools

import pytest

from partners import services
from partners.models import PartnerOrganisation, Stream
from tests.factories import PASSWORD

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


def make_worker(organisation, *, email=None, first_name="Olena", actor=None):
    email = email or f"worker-{PartnerOrganisation.objects.count()}-{organisation.pk}@example.org"
    return services.partner_worker_invite(
        email=email,
        first_name=first_name,
        organisation=organisation,
        actor=actor,
        password=PASSWORD,
    )


@pytest.fixture
def organisation(db):
    return PartnerOrganisation.objects.create(name="Dereham Ukraine Aid Centre")


@pytest.fixture
def other_organisation(db):
    return PartnerOrganisation.objects.create(name="The Bridge Plus+")


@pytest.fixture
def worker(organisation):
    return make_worker(organisation, email="olena@example.org")


@pytest.fixture
def other_worker(other_organisation):
    return make_worker(other_organisation, email="farid@example.org", first_name="Farid")


@pytest.fixture
def worker_client(client, worker):
    client.login(email=worker.user.email, password=PASSWORD)
    return client
