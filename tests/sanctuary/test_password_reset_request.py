"""Asking for a set-password link answers alike for any address: the request only hands the
address on, and the lookup and the email happen after it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sanctuary.models import OutgoingMessage


def ask_for_a_link(client, email, capture):
    with capture() as callbacks:
        response = client.post(reverse("account_reset_password"), {"email": email})
    assert response.status_code == 302
    return callbacks


def test_a_known_and_an_unknown_address_take_the_same_queries_on_the_request(
    client, volunteer, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as unknown:
        unknown_callbacks = ask_for_a_link(
            client, "stranger@example.org", django_capture_on_commit_callbacks
        )

    with django_assert_num_queries(len(unknown)):
        known_callbacks = ask_for_a_link(
            client, volunteer.email, django_capture_on_commit_callbacks
        )

    assert len(known_callbacks) == len(unknown_callbacks) == 1


def test_the_request_itself_queues_no_email(client, volunteer, django_capture_on_commit_callbacks):
    ask_for_a_link(client, volunteer.email, django_capture_on_commit_callbacks)

    assert not OutgoingMessage.objects.exists()


def test_the_link_is_queued_once_the_request_is_handed_on(
    client, volunteer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": volunteer.email.upper()})
        client.post(reverse("account_reset_password"), {"email": "stranger@example.org"})

    assert list(OutgoingMessage.objects.values_list("template", "recipient")) == [
        ("password_reset", volunteer.email)
    ]


def test_a_switched_off_account_is_sent_no_link(
    client, volunteer, django_capture_on_commit_callbacks
):
    volunteer.is_active = False
    volunteer.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": volunteer.email})

    assert not OutgoingMessage.objects.exists()
