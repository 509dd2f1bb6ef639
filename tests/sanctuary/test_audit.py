from django.urls import reverse

from sanctuary import audit, services
from sanctuary.models import AuditEvent, User
from tests.factories import VenueFactory


def test_an_audit_event_records_who_did_what_to_which_object(programme_staff):
    venue = VenueFactory(name="Playhouse")
    event = services.audit_record(
        actor=programme_staff, action="venue.hide", obj=venue, detail={"reason": "works"}
    )
    assert (event.actor, event.action, event.object_repr) == (
        programme_staff,
        "venue.hide",
        "Playhouse",
    )
    assert event.object_id == str(venue.pk)
    assert event.content_type.model == "venue"
    assert event.detail == {"reason": "works"}


def test_the_audit_trail_is_read_only_in_the_admin(client, programme_staff):
    event = services.audit_record(actor=programme_staff, action="test", obj=None)
    client.force_login(programme_staff)
    change = reverse("admin:sanctuary_auditevent_change", args=[event.pk])
    assert client.get(change).status_code == 200
    trail = list(AuditEvent.objects.values_list("pk", "action"))
    assert client.post(change, {"action": "edited"}).status_code == 403
    event.refresh_from_db()
    assert event.action == "test"
    assert client.get(reverse("admin:sanctuary_auditevent_add")).status_code == 403
    assert list(AuditEvent.objects.values_list("pk", "action")) == trail


def test_a_change_is_recorded_old_to_new_and_personal_fields_without_values(programme_staff):
    venue = VenueFactory(name="Playhouse", postcode="NR3 1AB")
    before = audit.values(venue, ["name", "postcode", "position"])
    venue.name, venue.postcode = "Stage Two", "NR2 1RL"
    event = services.audit_record(
        actor=programme_staff,
        action="venue.update",
        obj=venue,
        before=before,
        after=audit.values(venue, ["name", "postcode", "position"]),
        personal=["postcode"],
    )
    assert event.detail == {
        "changes": {
            "name": {"old": "Playhouse", "new": "Stage Two"},
            "postcode": {"changed": True},
        }
    }
    assert audit.describe(event.detail) == ["name: Playhouse → Stage Two", "postcode: …"]


def test_an_update_that_changes_nothing_records_nothing(programme_staff):
    venue = VenueFactory(name="Playhouse")
    same = audit.values(venue, ["name"])
    assert (
        services.audit_record(
            actor=programme_staff, action="venue.update", obj=venue, before=same, after=same
        )
        is None
    )
    assert not AuditEvent.objects.filter(action="venue.update").exists()


def test_snapshots_are_plain_json_values(db):
    venue = VenueFactory(name="Playhouse")
    user = User.objects.create(email="vik@example.org")
    user.venues.set([venue])
    assert audit.values(user, ["venues", "language", "date_joined"]) == {
        "venues": [venue.pk],
        "language": "en",
        "date_joined": user.date_joined.isoformat(),
    }


def test_staff_read_what_changed_in_the_audit_trail(client, programme_staff):
    venue = VenueFactory(name="Playhouse")
    event = services.audit_record(
        actor=programme_staff,
        action="venue.update",
        obj=venue,
        before={"position": 40},
        after={"position": 20},
    )
    client.force_login(programme_staff)
    page = client.get(reverse("admin:sanctuary_auditevent_change", args=[event.pk]))
    assert "position: 40 → 20" in page.text
    listing = client.get(reverse("admin:sanctuary_auditevent_changelist"))
    assert "position: 40 → 20" in listing.text
