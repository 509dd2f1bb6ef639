"""The partnership mailing list: double opt-in, the same answer whoever asks, at most one mail
an hour, nothing but the confirmation to an address that has not confirmed, one-link leave,
and forgetting addresses never confirmed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from events import rules, services
from events.models import MailingListMember
from sanctuary.delivery import message_deliver
from sanctuary.models import OutgoingMessage

pytestmark = pytest.mark.django_db

JOIN = "/en/events/mailing-list/"


def main_of(response) -> str:
    return response.content.decode().split("<main")[1].split("</main>")[0]


def join(client, email="ada@example.org", **fields):
    data = {"email": email, "name": "Ada", "language": "uk", "website": "", **fields}
    return client.post(JOIN, data, follow=True)


def test_joining_sends_a_confirmation_link_in_the_chosen_language(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = join(client)

    member = MailingListMember.objects.get()
    assert member.status == MailingListMember.Status.PENDING
    assert response.redirect_chain[-1][0] == "/en/events/mailing-list/check-your-email/"
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert f"/uk/events/mailing-list/confirm/{member.token}/" in body
    assert f"/uk/events/mailing-list/leave/{member.token}/" in body


def test_only_the_link_confirms_and_only_confirmed_addresses_count(client):
    join(client)
    member = MailingListMember.objects.get()
    assert not MailingListMember.objects.filter(rules.mailing_counts_q()).exists()

    # Opening the link (as a mail scanner might) shows one button and changes nothing.
    opened = client.get(member.confirm_path())
    member.refresh_from_db()
    assert "Yes, add me to the list" in opened.content.decode()
    assert member.status == MailingListMember.Status.PENDING

    page = client.post(member.confirm_path())

    member.refresh_from_db()
    assert page.status_code == 200
    assert member.status == MailingListMember.Status.CONFIRMED
    assert member.leave_path() in page.content.decode()  # the leave link on the page too
    assert list(MailingListMember.objects.filter(rules.mailing_counts_q())) == [member]


def test_asking_again_for_a_confirmed_address_gives_the_same_answer(client, clock):
    first = join(client, email="new@example.org")
    join(client, email="member@example.org")
    services.mailing_confirm(token=MailingListMember.objects.get(email="member@example.org").token)
    clock.shift(timedelta(hours=2))

    again = join(Client(), email="member@example.org", name="Someone else", language="ar")

    assert again.redirect_chain == first.redirect_chain
    assert main_of(again) == main_of(first)
    member = MailingListMember.objects.get(email="member@example.org")
    assert (member.name, member.language) == ("Ada", "uk")  # nobody else's words change it
    assert member.status == MailingListMember.Status.CONFIRMED


def test_asking_again_sends_at_most_one_mail_an_hour(client, clock):
    for _try in range(3):
        join(client)
    assert OutgoingMessage.objects.filter(template="mailing_confirm").count() == 1

    clock.shift(timedelta(minutes=61))
    join(client)

    assert OutgoingMessage.objects.filter(template="mailing_confirm").count() == 2


def test_nothing_but_the_confirmation_goes_to_an_address_not_confirmed(client, clock):
    for _day in range(3):
        join(client)
        clock.shift(timedelta(hours=2))

    templates = OutgoingMessage.objects.filter(recipient="ada@example.org")
    assert set(templates.values_list("template", flat=True)) == {"mailing_confirm"}


def test_a_notice_for_a_confirmed_address_is_not_sent_if_it_is_not_confirmed_by_then(client):
    join(client)
    member = MailingListMember.objects.get()
    services.mailing_confirm(token=member.token)
    MailingListMember.objects.filter(pk=member.pk).update(last_sent_at=None)
    services.mailing_join(email=member.email, language="en")
    notice = OutgoingMessage.objects.get(template="mailing_already_joined")
    MailingListMember.objects.filter(pk=member.pk).update(status="pending")

    message_deliver(message_id=notice.pk)

    notice.refresh_from_db()
    assert notice.status == OutgoingMessage.Status.NOT_NEEDED
    assert len(mail.outbox) == 0


def test_a_confirmed_address_asking_again_hears_it_is_on_the_list(
    client, clock, django_capture_on_commit_callbacks
):
    join(client)
    member = MailingListMember.objects.get()
    services.mailing_confirm(token=member.token)
    clock.shift(timedelta(hours=2))

    with django_capture_on_commit_callbacks(execute=True):
        join(client)

    assert len(mail.outbox) == 1
    assert "Вона вже в списку" in mail.outbox[0].body  # in the address's language
    assert member.leave_path().replace("/en/", "/uk/") in mail.outbox[0].body
    assert "/confirm/" not in mail.outbox[0].body


def test_leaving_is_one_click_after_a_get_that_changes_nothing(client):
    join(client)
    member = MailingListMember.objects.get()
    services.mailing_confirm(token=member.token)

    page = client.get(member.leave_path())
    assert page.status_code == 200
    assert MailingListMember.objects.filter(pk=member.pk).exists()

    response = client.post(member.leave_path(), follow=True)

    assert response.redirect_chain[-1][0] == "/en/events/mailing-list/left/"
    assert not MailingListMember.objects.exists()
    # What was sent to it forgets the address.
    assert not OutgoingMessage.objects.filter(recipient=member.email).exists()
    assert client.get(member.leave_path()).status_code == 404


def test_an_unknown_link_says_so_kindly(client):
    for response in (
        client.get("/en/events/mailing-list/confirm/no-such-key/"),
        client.post("/en/events/mailing-list/confirm/no-such-key/"),
    ):
        assert response.status_code == 404
        assert "You can join again." in response.content.decode()


def test_addresses_never_confirmed_are_forgotten_after_seven_days(client, clock):
    join(client, email="late@example.org")
    join(client, email="kept@example.org")
    services.mailing_confirm(token=MailingListMember.objects.get(email="kept@example.org").token)
    clock.shift(timedelta(days=6))
    join(client, email="recent@example.org")
    clock.shift(timedelta(days=1, minutes=1))

    forgotten = services.mailing_unconfirmed_forget()

    assert forgotten == 1
    assert set(MailingListMember.objects.values_list("email", flat=True)) == {
        "kept@example.org",
        "recent@example.org",
    }
    assert not OutgoingMessage.objects.filter(recipient="late@example.org").exists()


@pytest.mark.parametrize(
    ("change", "error"),
    [({"email": ""}, "This field is required."), ({"email": "nope"}, "Enter a valid email")],
)
def test_bad_input_gets_a_clear_error(client, change, error):
    response = join(client, **change)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not MailingListMember.objects.exists()


def test_joining_is_rate_limited(client, settings):
    settings.MAILING_JOINS_PER_HOUR = 2
    for index in range(2):
        join(client, email=f"person{index}@example.org")

    response = join(client, email="third@example.org")

    assert response.status_code == 429
    assert MailingListMember.objects.count() == 2
