from django.urls import reverse

from sanctuary import services
from sanctuary.models import AuditEvent
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
