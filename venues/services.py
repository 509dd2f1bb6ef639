from collections.abc import Iterable

from django.db import transaction

from sanctuary import audit
from sanctuary.models import User
from sanctuary.services import audit_record
from venues.models import Venue


@transaction.atomic
def venue_save(*, venue: Venue, actor: User | None, changed: Iterable[str] = ()) -> Venue:
    """Save a venue as staff edit it, and say in the audit trail what changed, old and new."""
    created = venue.pk is None
    fields = sorted(changed)
    before = {} if created else audit.values(Venue.objects.get(pk=venue.pk), fields)
    venue.full_clean()
    venue.save()
    if created:
        audit_record(actor=actor, action="venue.create", obj=venue)
    else:
        audit_record(
            actor=actor,
            action="venue.update",
            obj=venue,
            before=before,
            after=audit.values(venue, fields),
        )
    return venue
