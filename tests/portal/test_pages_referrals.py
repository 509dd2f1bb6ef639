"""Referring someone for a bursary through the portal: the public form, with the referral
filled in from the worker's account."""

import pytest
from django.urls import reverse

from bursaries.models import Application
from sanctuary.models import OutgoingMessage
from tests.portal.helpers import referral_create_url, referral_data

pytestmark = pytest.mark.django_db


def test_the_open_funds_link_to_the_portal_s_form(worker_client, fund):
    page = worker_client.get(reverse("portal:referral_funds")).content.decode()

    assert referral_create_url(fund) in page


def test_the_form_asks_nothing_about_the_referrer(worker_client, fund, opportunity):
    page = worker_client.get(referral_create_url(fund)).content.decode()

    assert 'name="statement"' in page
    assert 'name="referrer_consent"' in page
    for name in ("referrer_organisation", "referrer_name", "referrer_email"):
        assert f'name="{name}"' not in page


def test_a_referral_is_filled_in_with_the_worker_s_details(
    worker_client, fund, opportunity, worker
):
    response = worker_client.post(referral_create_url(fund), referral_data(opportunity))

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:referral", kwargs={"pk": application.pk})
    assert application.portal_organisation == worker.organisation
    assert application.referrer_organisation == worker.organisation
    assert application.referrer_name == "Olena"
    assert application.referrer_email == worker.user.email
    assert application.referrer_consent_at is not None
    message = OutgoingMessage.objects.get(template="bursary_received")
    assert message.recipient == worker.user.email  # they chose to hear through the referrer


def test_the_referral_s_page_shows_its_status(worker_client, fund, opportunity):
    response = worker_client.post(referral_create_url(fund), referral_data(opportunity))

    page = worker_client.get(response["Location"]).content.decode()

    application = Application.objects.get()
    assert application.reference in page
    assert "Maryam" in page
    assert "Submitted" in page


def test_a_referral_needs_the_person_s_agreement_to_talk_to_the_worker(
    worker_client, fund, opportunity
):
    response = worker_client.post(
        referral_create_url(fund), referral_data(opportunity, referrer_consent="")
    )

    assert response.status_code == 200
    assert "Tick the box to say they agree" in response.content.decode()
    assert not Application.objects.exists()


def test_the_same_form_sent_twice_is_one_referral(worker_client, fund, opportunity):
    data = referral_data(opportunity, submission_key="k" * 40)

    first = worker_client.post(referral_create_url(fund), data)
    second = worker_client.post(referral_create_url(fund), data)

    assert Application.objects.count() == 1
    assert first["Location"] == second["Location"]
    assert OutgoingMessage.objects.filter(template="bursary_received").count() == 1


def test_a_key_of_another_organisation_s_referral_finds_nothing(
    worker_client, fund, opportunity, submit, other_organisation
):
    theirs = submit(portal_organisation=other_organisation, submission_key="t" * 40)

    response = worker_client.post(
        referral_create_url(fund), referral_data(opportunity, submission_key="t" * 40)
    )

    assert response.status_code == 404
    assert theirs.name not in response.content.decode()
    assert Application.objects.count() == 1


def test_a_closed_fund_sends_the_worker_back_to_the_open_ones(worker_client, closed_fund):
    response = worker_client.get(referral_create_url(closed_fund))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:referral_funds")


@pytest.mark.parametrize(
    "hostile",
    [
        {"amount_requested": "lots"},
        {"support": ["gold"]},
        {"opportunity": "999999"},
        {"contact_method": "pigeon"},
        {"name": "\x00"},
        {"statement": "x" * 50_000},
        {"submission_key": "\x00bad"},
        {"language": "zz"},
    ],
)
def test_hostile_input_gets_an_answer_never_an_error(worker_client, fund, opportunity, hostile):
    response = worker_client.post(referral_create_url(fund), referral_data(opportunity, **hostile))

    assert response.status_code == 200
    assert not Application.objects.exists()


def test_too_many_referrals_in_an_hour_are_refused_with_everything_kept(
    worker_client, fund, opportunity, settings
):
    settings.PORTAL_REFERRALS_PER_HOUR = 1
    worker_client.post(referral_create_url(fund), referral_data(opportunity))

    response = worker_client.post(
        referral_create_url(fund), referral_data(opportunity, name="Second")
    )

    assert response.status_code == 429
    assert "Second" in response.content.decode()
    assert Application.objects.count() == 1
