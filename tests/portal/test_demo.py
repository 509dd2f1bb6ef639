"""The demo's partner workers: one for each demo partner, printed by demo_data."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from bursaries.models import Application
from dropins.models import Booking
from partners.models import PartnerWorker
from portal.demo import DEMO_ACCOUNTS, PARTNERS
from sanctuary.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_each_demo_partner_has_one_worker_printed_with_the_other_accounts():
    for _ in range(2):  # loading twice doubles nothing
        output = io.StringIO()
        call_command("demo_data", stdout=output)

    workers = PartnerWorker.objects.select_related("organisation", "user")
    assert sorted(worker.organisation.name for worker in workers) == sorted(PARTNERS)
    printed = output.getvalue()
    for email, _name, _roles in DEMO_ACCOUNTS:
        assert email in printed
    assert "staff@example.org" in printed
    assert Booking.objects.exclude(partner_organisation=None).count() == 1
    assert Application.objects.exclude(portal_organisation=None).count() == 1


def test_a_demo_worker_signs_in_and_sees_their_organisation_s_booking(client, demo):
    demo()
    email = DEMO_ACCOUNTS[0][0]
    assert client.login(email=email, password=DEMO_PASSWORD)

    page = client.get(reverse("portal:home")).content.decode()

    assert "Maryna" in page
    assert "Yusuf" in page
