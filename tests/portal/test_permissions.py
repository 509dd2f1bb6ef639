"""Who reaches each portal page: only partner workers, and each only their own organisation's
referrals and bookings, by id or by link."""

import pytest
from django.urls import reverse

from bursaries.models import Application
from dropins.models import Booking
from partners.models import PartnerOrganisation
from tests.factories import PASSWORD, user_with_role
from tests.portal.helpers import (
    booking_create_url,
    client_booking_data,
    referral_create_url,
    referral_data,
)
from tests.portal.test_services import book_for_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs(session, submit, other_worker):
    """Another organisation's booking and referral, for a client called Halyna."""
    booking = book_for_client(session, other_worker, first_name="Halyna")
    application = submit(name="Halyna", portal_organisation=other_worker.organisation)
    return booking, application


@pytest.fixture
def every_url(session, fund, theirs):
    booking, application = theirs
    return [
        reverse("portal:home"),
        reverse("portal:referrals"),
        reverse("portal:referral_funds"),
        referral_create_url(fund),
        reverse("portal:referral", kwargs={"pk": application.pk}),
        reverse("portal:bookings"),
        reverse("portal:booking_sessions"),
        booking_create_url(session),
        reverse("portal:booking", kwargs={"pk": booking.pk}),
        reverse("portal:booking_cancel", kwargs={"pk": booking.pk}),
    ]


def test_every_portal_url_sends_an_anonymous_visitor_to_sign_in(client, every_url):
    for url in every_url:
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("account_login")), url


@pytest.mark.parametrize("role", ["Volunteers", "Bursary reviewers", "Programme staff"])
def test_every_portal_url_is_forbidden_to_the_team_without_a_worker_record(client, every_url, role):
    user = user_with_role(role)
    client.login(email=user.email, password=PASSWORD)

    for url in every_url:
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_a_partner_role_without_a_worker_record_is_forbidden(client, every_url):
    user = user_with_role("Partner workers")
    client.login(email=user.email, password=PASSWORD)

    for url in every_url:
        assert client.get(url).status_code == 403, url


def test_a_worker_of_an_inactive_organisation_is_forbidden(worker_client, organisation, every_url):
    PartnerOrganisation.objects.filter(pk=organisation.pk).update(is_active=False)

    for url in every_url:
        assert worker_client.get(url).status_code == 403, url


def test_another_organisation_s_booking_is_not_found_by_id(worker_client, theirs):
    booking, _application = theirs
    for name in ("portal:booking", "portal:booking_cancel"):
        assert worker_client.get(reverse(name, kwargs={"pk": booking.pk})).status_code == 404
    cancel = reverse("portal:booking_cancel", kwargs={"pk": booking.pk})
    assert worker_client.post(cancel).status_code == 404
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_another_organisation_s_referral_is_not_found_by_id(worker_client, theirs):
    _booking, application = theirs

    response = worker_client.get(reverse("portal:referral", kwargs={"pk": application.pk}))

    assert response.status_code == 404


def test_another_organisation_s_rows_are_not_found_by_their_links(worker_client, theirs):
    booking, application = theirs
    for key in (booking.token, booking.reference, application.status_token, application.reference):
        for path in ("bookings", "referrals"):
            response = worker_client.get(f"{reverse('portal:home')}{path}/{key}/")
            assert response.status_code == 404
            assert "Halyna" not in response.content.decode()


def test_another_organisation_s_booking_key_finds_nothing(worker_client, session, other_worker):
    data = client_booking_data(submission_key="0b7c6f1e-2f7a-4d8e-9d55-3f0f0d6b9a11")
    book_for_client(
        session,
        other_worker,
        first_name="Halyna",
        submission_key="0b7c6f1e-2f7a-4d8e-9d55-3f0f0d6b9a11",
    )

    response = worker_client.post(booking_create_url(session), data)

    assert response.status_code == 404
    assert "Halyna" not in response.content.decode()
    assert Booking.objects.count() == 1


def test_nothing_of_another_organisation_shows_on_any_list(
    worker_client, worker, session, submit, theirs
):
    booking, application = theirs
    ours = book_for_client(session, worker, first_name="Amina")
    submit(name="Maryam", portal_organisation=worker.organisation)
    # Named by the public form as their referrer: still not theirs to see.
    submit(name="Petro", referrer_organisation=worker.organisation, referrer_consent=True)

    for name in ("portal:home", "portal:bookings", "portal:referrals"):
        page = worker_client.get(reverse(name)).content.decode()
        assert "Halyna" not in page, name
        assert "Petro" not in page, name
        assert booking.reference not in page, name
        assert application.reference not in page, name
    assert ours.reference in worker_client.get(reverse("portal:bookings")).content.decode()
    assert "Maryam" in worker_client.get(reverse("portal:referrals")).content.decode()


def test_a_worker_s_referral_goes_to_their_own_organisation(
    worker_client, fund, opportunity, worker, other_organisation
):
    # Whatever the form sends about the referrer, the organisation is the worker's own.
    worker_client.post(
        referral_create_url(fund),
        referral_data(opportunity, referrer_organisation=str(other_organisation.pk)),
    )

    application = Application.objects.get()
    assert application.portal_organisation == worker.organisation
    assert application.referrer_organisation == worker.organisation


@pytest.mark.parametrize("path", ["bookings", "referrals", "bookings/new"])
def test_an_id_too_big_for_the_database_is_not_found(worker_client, path):
    response = worker_client.get(f"{reverse('portal:home')}{path}/99999999999999999999999/")

    assert response.status_code == 404


def test_a_page_number_that_is_not_one_shows_the_first(worker_client):
    assert worker_client.get(reverse("portal:bookings"), {"page": "x\x00"}).status_code == 200
    assert worker_client.get(reverse("portal:referrals"), {"page": "-9"}).status_code == 200
