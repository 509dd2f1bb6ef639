"""Staff export the confirmed mailing list from the admin: only confirmed addresses, nothing a
spreadsheet would run, audited, and only with the export permission."""

import csv
import io

import pytest
from django.urls import reverse

from events import services
from events.models import MailingListMember
from sanctuary.models import AuditEvent

pytestmark = pytest.mark.django_db

EXPORT = reverse("admin:events_mailinglistmember_export")


def joined(email: str, *, name: str = "", confirmed: bool = True) -> MailingListMember:
    services.mailing_join(email=email, name=name, language="fa")
    member = MailingListMember.objects.get(email=email)
    if confirmed:
        services.mailing_confirm(token=member.token)
    return member


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_export_has_only_confirmed_addresses(client, programme_staff):
    joined("kept@example.org", name="Kept")
    joined("waiting@example.org", confirmed=False)
    client.force_login(programme_staff)

    response = client.get(EXPORT)

    assert response["Content-Type"].startswith("text/csv")
    assert [(row["email"], row["name"], row["language"]) for row in rows(response)] == [
        ("kept@example.org", "Kept", "fa")
    ]


def test_the_export_action_leaves_out_the_unconfirmed_among_the_selected(client, programme_staff):
    joined("kept@example.org")
    joined("waiting@example.org", confirmed=False)
    client.force_login(programme_staff)

    response = client.post(
        reverse("admin:events_mailinglistmember_changelist"),
        {
            "action": "export_confirmed",
            "_selected_action": list(MailingListMember.objects.values_list("pk", flat=True)),
            "index": "0",
        },
    )

    assert [row["email"] for row in rows(response)] == ["kept@example.org"]


def test_a_name_cannot_carry_a_spreadsheet_formula(client, programme_staff):
    joined("sly@example.org", name='=HYPERLINK("http://evil.example")')
    client.force_login(programme_staff)

    (row,) = rows(client.get(EXPORT))

    assert row["name"].startswith("'=")


def test_an_export_is_audited_without_the_addresses(client, programme_staff):
    joined("kept@example.org")
    client.force_login(programme_staff)

    client.get(EXPORT)

    event = AuditEvent.objects.get(action="mailing.export")
    assert event.actor == programme_staff
    assert event.detail == {"count": 1}


def test_without_the_permission_there_is_no_export(client, reviewer):
    joined("kept@example.org")
    client.force_login(reviewer)

    response = client.get(EXPORT)

    assert response.status_code == 403
    assert "kept@example.org" not in response.content.decode()
    assert not AuditEvent.objects.filter(action="mailing.export").exists()


def test_the_list_offers_the_export_to_who_may_use_it(client, programme_staff):
    client.force_login(programme_staff)

    html = client.get(reverse("admin:events_mailinglistmember_changelist")).content.decode()

    assert EXPORT in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(EXPORT)

    assert response.status_code == 302
    assert "login" in response["Location"]
