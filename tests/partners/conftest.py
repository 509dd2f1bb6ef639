import pytest

from partners import services
from partners.models import PartnerOrganisation
from tests.factories import PASSWORD


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
