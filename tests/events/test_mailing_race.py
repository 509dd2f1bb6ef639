"""The same address asked for from several places at once, against the real PostgreSQL: one
row, one confirmation."""

import pytest

from events import services
from events.models import MailingListMember
from sanctuary.models import OutgoingMessage
from tests.dropins.test_races import race

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_one_address_asked_for_at_once_is_one_member_and_one_mail():
    results = race(lambda index: services.mailing_join(email="ada@example.org", language="en"), 8)

    assert [result for result in results if isinstance(result, Exception)] == []
    assert MailingListMember.objects.count() == 1
    assert OutgoingMessage.objects.filter(template="mailing_confirm").count() == 1
