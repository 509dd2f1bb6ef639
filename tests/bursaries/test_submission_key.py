"""The application form carries a one-time key: sending it twice (a double tap, a retry after a
lost reply) makes one application, one message and takes one place in the hourly limit."""

import re
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from bursaries import services
from bursaries.models import Application
from sanctuary.models import AuditEvent, OutgoingMessage
from tests.bursaries.conftest import application_fields
from tests.bursaries.helpers import apply_url, form_data

KEY = re.compile(r'<input type="hidden" name="submission_key" value="([\w-]+)"')


def key_on(html: str) -> str:
    [key] = KEY.findall(html)
    return key


def test_each_showing_of_the_form_carries_a_new_key(client, fund, opportunity):
    first = key_on(client.get(apply_url(fund)).content.decode())
    second = key_on(client.get(apply_url(fund)).content.decode())
    assert len(first) >= 43
    assert first != second


def test_the_same_form_sent_twice_makes_one_application(client, fund, opportunity, settings):
    settings.BURSARY_APPLICATIONS_PER_HOUR = 2
    data = form_data(
        opportunity, submission_key=key_on(client.get(apply_url(fund)).content.decode())
    )

    first = client.post(apply_url(fund), data)
    again = client.post(apply_url(fund), data)

    application = Application.objects.get()
    sent = reverse("bursaries:sent", kwargs={"token": application.status_token})
    assert (first.status_code, first.url) == (302, sent)
    # The repeat is answered as the first was, and took no place in the hour's limit of two.
    assert (again.status_code, again.url) == (302, sent)
    assert OutgoingMessage.objects.count() == 1
    assert client.post(apply_url(fund), form_data(opportunity)).status_code == 302
    assert client.post(apply_url(fund), form_data(opportunity)).status_code == 429
    assert Application.objects.count() == 2


def test_two_forms_are_two_applications(client, fund, opportunity):
    for _ in range(2):
        key = key_on(client.get(apply_url(fund)).content.decode())
        assert (
            client.post(apply_url(fund), form_data(opportunity, submission_key=key)).status_code
            == 302
        )
    assert Application.objects.count() == 2


def test_a_form_that_comes_back_with_a_mistake_keeps_its_key(client, fund, opportunity):
    key = key_on(client.get(apply_url(fund)).content.decode())
    response = client.post(apply_url(fund), form_data(opportunity, name="", submission_key=key))
    assert response.status_code == 200
    assert key_on(response.content.decode()) == key
    client.post(apply_url(fund), form_data(opportunity, submission_key=key))
    client.post(apply_url(fund), form_data(opportunity, submission_key=key))
    assert Application.objects.get().submission_key == key


def test_a_key_too_long_to_be_ours_is_a_mistake_not_an_error(client, fund, opportunity):
    response = client.post(apply_url(fund), form_data(opportunity, submission_key="x" * 65))
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_the_service_returns_the_first_application_for_a_key_already_used(fund, opportunity):
    fields = application_fields(opportunity=opportunity, submission_key="k" * 43)
    first = services.application_submit(fund=fund, **fields)
    again = services.application_submit(fund=fund, **{**fields, "name": "Someone else"})
    assert (first.repeated, again.repeated) == (False, True)
    assert again.pk == first.pk and again.name == "Maryam"
    assert Application.objects.count() == 1
    assert OutgoingMessage.objects.count() == 1
    assert AuditEvent.objects.filter(action="application.submit").count() == 1


def test_a_repeat_after_the_fund_closed_still_finds_the_first(fund, opportunity):
    fields = application_fields(opportunity=opportunity, submission_key="k" * 43)
    first = services.application_submit(fund=fund, **fields)
    fund.closes_on = timezone.localdate() - timedelta(days=1)
    fund.save()
    assert services.application_submit(fund=fund, **fields).pk == first.pk


def test_only_the_chosen_way_of_reaching_them_is_kept(fund, opportunity):
    application = services.application_submit(
        fund=fund,
        **application_fields(
            opportunity=opportunity,
            contact_method=Application.Contact.PHONE,
            phone="+447911123456",
            email="left@example.org",
            referrer_email="also@example.org",
        ),
    )
    assert (application.email, application.referrer_email) == ("", "")
    assert str(application.phone) == "+447911123456"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_sends_of_one_form_at_the_same_moment_make_one_application(fund, opportunity):
    """The first send has saved its row but not committed when the second arrives: the second
    finds nothing yet, waits on the unique key, and then answers with the first."""
    fields = application_fields(opportunity=opportunity, submission_key="k" * 43)
    saved, second_started = threading.Event(), threading.Event()
    results = {}

    def waiting_for_a_lock(pid: int) -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted AND pid = %s", [pid])
            return cursor.fetchone()[0] > 0

    def first():
        try:
            with transaction.atomic():
                results["first"] = services.application_submit(fund=fund, **fields)
                saved.set()
                second_started.wait(timeout=10)
                # Commit only once the second send is waiting on the unique key.
                deadline = time.monotonic() + 10
                while not waiting_for_a_lock(results["pid"]) and time.monotonic() < deadline:
                    pass
        except Exception as error:  # the outcome is what the test checks
            results["first"] = error
        finally:
            connection.close()

    def second():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                results["pid"] = cursor.fetchone()[0]
            saved.wait(timeout=10)
            second_started.set()
            results["second"] = services.application_submit(fund=fund, **fields)
        except Exception as error:  # the outcome is what the test checks
            results["second"] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert isinstance(results["first"], Application), results
    assert isinstance(results["second"], Application), results
    assert results["second"].pk == results["first"].pk
    assert results["second"].repeated
    assert Application.objects.count() == 1
    assert OutgoingMessage.objects.count() == 1
