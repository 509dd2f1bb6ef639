"""Partner organisations in the admin: what each does in every language, its streams, public
contact details that are checked, and every save audited."""

import pytest
from django.urls import reverse

from partners.models import PartnerOrganisation
from sanctuary.models import AuditEvent

ADD = reverse("admin:partners_partnerorganisation_add")


def partner_form(**changes) -> dict:
    data = {
        "name": "GYROS",
        "description_en": "Advice for migrants.",
        "description_uk": "Консультації для мігрантів.",
        "description_ar": "مشورة للمهاجرين.",
        "description_fa": "",
        "description_ps": "",
        "streams": ["work", "advice"],
        "website": "https://gyros.example.org/",
        "public_email": "hello@gyros.example.org",
        "public_phone": "+44 1603 496003",
        "address": "Prince of Wales Road, Norwich",
        "is_listed": "on",
        "is_active": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def staff_client(client, programme_staff):
    client.force_login(programme_staff)
    return client


def errors_of(response) -> dict:
    assert response.status_code == 200, response.status_code
    form = response.context["adminform"].form
    return {name: list(errors) for name, errors in form.errors.items()}


def test_staff_add_a_partner_in_every_language_and_it_is_audited(staff_client, programme_staff):
    response = staff_client.post(ADD, partner_form())

    assert response.status_code == 302
    partner = PartnerOrganisation.objects.get(name="GYROS")
    assert partner.streams == ["advice", "work"]  # in the page's order
    assert partner.description_uk == "Консультації для мігрантів."
    assert partner.public_phone == "01603 496003"  # as it is dialled in the UK
    assert partner.is_listed and partner.is_active
    event = AuditEvent.objects.get(action="partner.create")
    assert event.actor == programme_staff
    assert event.object_id == str(partner.pk)


def test_a_change_records_each_field_old_and_new(staff_client, make_partner):
    partner = make_partner(name="GYROS", streams=["advice", "work"], public_phone="01603 496003")
    url = reverse("admin:partners_partnerorganisation_change", args=[partner.pk])
    form = partner_form(description_en=partner.description, streams=["advice", "arts", "work"])

    assert staff_client.post(url, form).status_code == 302

    event = AuditEvent.objects.get(action="partner.update")
    assert event.detail["changes"]["streams"] == {
        "old": ["advice", "work"],
        "new": ["advice", "arts", "work"],
    }
    assert event.detail["changes"]["description_uk"]["new"] == "Консультації для мігрантів."


def test_streams_are_checkboxes_and_each_language_is_typed_its_way_round(staff_client):
    html = staff_client.get(ADD).content.decode()
    assert 'type="checkbox" name="streams" value="advice"' in html
    assert 'type="checkbox" name="streams" value="housing"' in html
    for code, direction in [("en", "ltr"), ("uk", "ltr"), ("ar", "rtl"), ("fa", "rtl")]:
        assert f'name="description_{code}"' in html
        assert f'lang="{code}" dir="{direction}"' in html


def test_an_unknown_stream_is_refused(staff_client):
    errors = errors_of(staff_client.post(ADD, partner_form(streams=["advice", "astrology"])))
    assert list(errors) == ["streams"]
    assert not PartnerOrganisation.objects.exists()


def test_a_listed_partner_needs_a_stream_to_be_found_under(staff_client):
    errors = errors_of(staff_client.post(ADD, partner_form(streams=[])))
    assert errors == {
        "streams": ["Choose at least one stream: the public page lists partners under them."]
    }
    response = staff_client.post(ADD, partner_form(streams=[], is_listed=None))
    assert response.status_code == 302  # not listed: no stream needed yet


@pytest.mark.parametrize("phone", ["12345", "01603 123", "call us", "+44 20 1"])
def test_a_public_phone_number_must_be_one_people_can_call(staff_client, phone):
    errors = errors_of(staff_client.post(ADD, partner_form(public_phone=phone)))
    assert errors == {
        "public_phone": ["Enter a phone number people can call, such as 01603 630000."]
    }


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("01603496003", "01603 496003"),
        ("+441603 496003", "01603 496003"),
        ("+33 1 42 68 53 00", "+33 1 42 68 53 00"),
        ("", ""),
    ],
)
def test_a_public_phone_number_is_kept_the_way_it_is_dialled(staff_client, typed, kept):
    assert staff_client.post(ADD, partner_form(public_phone=typed)).status_code == 302
    assert PartnerOrganisation.objects.get().public_phone == kept


@pytest.mark.parametrize(
    "website",
    ["ftp://gyros.example.org/", "javascript:alert(1)", "data:text/html,hi", "gyros"],
)
def test_a_website_must_be_a_web_address(staff_client, website):
    errors = errors_of(staff_client.post(ADD, partner_form(website=website)))
    assert list(errors) == ["website"]


def test_a_website_typed_without_https_gets_it(staff_client):
    assert staff_client.post(ADD, partner_form(website="gyros.example.org")).status_code == 302
    assert PartnerOrganisation.objects.get().website == "https://gyros.example.org"


def test_the_list_shows_streams_and_filters_by_listed_and_active_and_searches(
    staff_client, make_partner
):
    make_partner(name="GYROS", streams=["advice", "work"])
    make_partner(name="Hidden group", is_listed=False)
    url = reverse("admin:partners_partnerorganisation_changelist")

    html = staff_client.get(url).content.decode()
    assert "Advice and casework, Work and volunteering" in html
    listed = staff_client.get(url, {"is_listed__exact": "1"}).content.decode()
    assert "GYROS" in listed and "Hidden group" not in listed
    found = staff_client.get(url, {"q": "hidden"}).content.decode()
    assert "Hidden group" in found and "GYROS" not in found
    assert staff_client.get(url, {"is_active__exact": "0"}).status_code == 200


def test_a_partner_cannot_be_deleted_only_retired(staff_client, make_partner):
    partner = make_partner()
    url = reverse("admin:partners_partnerorganisation_delete", args=[partner.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 403
    assert PartnerOrganisation.objects.filter(pk=partner.pk).exists()


def test_a_reviewer_may_look_but_not_change(client, reviewer, make_partner):
    partner = make_partner()
    client.force_login(reviewer)
    url = reverse("admin:partners_partnerorganisation_change", args=[partner.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, partner_form(name="Renamed")).status_code == 403
    assert client.post(ADD, partner_form()).status_code == 403
