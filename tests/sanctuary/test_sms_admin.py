"""Staff see how many numbers asked for no texts, and let one have texts again by typing it."""

import pytest
from django.urls import reverse

from sanctuary import rules
from sanctuary.models import AuditEvent, SmsSuppression
from sanctuary.sms.suppression import suppression_add
from tests.sanctuary.sms_helpers import NUMBER

LIST = "admin:sanctuary_smssuppression_changelist"
REMOVE = "admin:sanctuary_smssuppression_remove"


@pytest.fixture
def stopped(db):
    suppression_add(number=NUMBER, reason=SmsSuppression.Reason.STOP_REPLY)
    suppression_add(number="+447911123457", reason=SmsSuppression.Reason.PROVIDER_OPT_OUT)


def test_staff_see_how_many_numbers_asked_for_no_texts_and_never_the_numbers(
    stopped, client, programme_staff
):
    client.force_login(programme_staff)

    page = client.get(reverse(LIST)).content.decode()

    assert "2 numbers have asked for no texts" in page
    assert "Let a number have texts again" in page
    assert "7911123456" not in page


def test_staff_let_a_number_have_texts_again_by_typing_it(stopped, client, programme_staff):
    client.force_login(programme_staff)

    response = client.post(reverse(REMOVE), {"number": "07911 123456"}, follow=True)

    assert "That number will have texts again." in response.content.decode()
    assert rules.may_text(NUMBER)
    assert not rules.may_text("+447911123457")
    event = AuditEvent.objects.get(action="sms.suppression.remove")
    assert event.actor == programme_staff
    assert "7911123456" not in str(event.detail) + event.object_repr


def test_a_number_not_on_the_list_is_said_so(stopped, client, programme_staff):
    client.force_login(programme_staff)

    response = client.post(reverse(REMOVE), {"number": "+447911123499"})

    assert response.status_code == 200
    assert "That number is not on the list." in response.content.decode()
    assert SmsSuppression.objects.count() == 2


def test_a_number_that_is_not_one_is_refused_with_a_message(stopped, client, programme_staff):
    client.force_login(programme_staff)

    response = client.post(reverse(REMOVE), {"number": "not a number"})

    assert response.status_code == 200
    assert response.context["form"].errors["number"]
    assert SmsSuppression.objects.count() == 2


def test_reviewers_can_neither_see_the_list_nor_remove_a_number(stopped, client, reviewer):
    client.force_login(reviewer)

    assert client.get(reverse(LIST)).status_code == 403
    assert client.post(reverse(REMOVE), {"number": NUMBER}).status_code == 403
    assert not rules.may_text(NUMBER)
