"""Staff remove an applicant's personal details on request, after a confirmation and with
an audit event; reviewers cannot."""

from django.utils import timezone, translation

from bursaries import services
from bursaries.models import Application
from sanctuary.models import AuditEvent
from tests.bursaries.helpers import CHANGELIST, bulk, change_url


def test_staff_remove_personal_details_on_request_after_a_confirmation(
    client, in_review, submit, programme_staff
):
    first = in_review(name="Zahra Karimi", statement="Something very personal.")
    second = submit(name="Olena Petrenko", email="olena@example.org")
    untouched = submit(name="Amal", email="amal@example.org")
    client.force_login(programme_staff)
    assert "anonymise_selected" in client.get(CHANGELIST).content.decode()

    confirm = bulk(client, "anonymise_selected", [first, second])

    assert confirm.status_code == 200
    html = confirm.content.decode()
    assert first.reference in html and second.reference in html
    for private in ["Zahra", "Olena", "Something very personal."]:
        assert private not in html, private
    assert "This cannot be undone." in html
    assert not Application.objects.filter(anonymised_at__isnull=False).exists()

    response = bulk(client, "anonymise_selected", [first, second], confirm="1")

    assert response.status_code == 302
    for application in (first, second):
        application.refresh_from_db()
        assert application.anonymised_at is not None
        assert (application.name, application.email, application.statement) == ("", "", "")
    untouched.refresh_from_db()
    assert untouched.name == "Amal"
    events = AuditEvent.objects.filter(action="application.anonymise", actor=programme_staff)
    assert sorted(e.object_id for e in events) == sorted([str(first.pk), str(second.pk)])
    [message] = [str(m) for m in client.get(CHANGELIST).context["messages"]]
    assert first.reference in message and second.reference in message


def test_the_audit_trail_says_when_personal_details_were_removed_and_why(
    client, submit, programme_staff, settings
):
    on_request = submit()
    on_schedule = submit(email="old@example.org")
    services.application_anonymise(application_id=on_request.pk, actor=programme_staff)
    Application.objects.filter(pk=on_schedule.pk).update(
        submitted_at=services.months_before(timezone.now(), 30)
    )
    services.applications_anonymise()
    client.force_login(programme_staff)

    with translation.override("uk"):
        requested = client.get(change_url(on_request)).content.decode()
        scheduled = client.get(change_url(on_schedule)).content.decode()
        assert translation.gettext("Personal details removed on request") in requested
        assert translation.gettext("Personal details removed after the set time") in scheduled
    assert "application.anonymise" not in requested + scheduled


def test_removing_personal_details_already_removed_changes_nothing(client, submit, programme_staff):
    application = submit()
    services.application_anonymise(application_id=application.pk, actor=programme_staff)
    client.force_login(programme_staff)

    confirm = bulk(client, "anonymise_selected", [application]).content.decode()
    assert "already removed" in confirm
    bulk(client, "anonymise_selected", [application], confirm="1")

    messages = [str(m) for m in client.get(CHANGELIST).context["messages"]]
    assert messages == ["Nothing was changed."]
    assert AuditEvent.objects.filter(action="application.anonymise").count() == 1


def test_a_reviewer_can_neither_see_nor_use_the_removal_of_personal_details(
    client, in_review, reviewer
):
    application = in_review()
    client.force_login(reviewer)
    assert "anonymise_selected" not in client.get(CHANGELIST).content.decode()

    for extra in [{}, {"confirm": "1"}]:
        response = bulk(client, "anonymise_selected", [application], **extra)
        # Refused: the list again (a reviewer has no actions at all), no confirmation.
        assert response.status_code in {200, 302}
        assert "This cannot be undone." not in response.content.decode()

    application.refresh_from_db()
    assert application.name == "Maryam"
    assert application.anonymised_at is None
    assert not AuditEvent.objects.filter(action="application.anonymise").exists()
