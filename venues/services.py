from collections.abc import Iterable

from django.db import transaction

from sanctuary.models import User
from sanctuary.services import audit_record
from venues.models import Venue


@transaction.atomic
def venue_save(*, venue: Venue, actor: User | None, changed: Iterable[str] = ()) -> Venue:
    """Save a venue as staff edit it, and say in the audit trail what they changed."""
    created = venue.pk is None
    venue.full_clean()
    venue.save()
    if created:
        audit_record(actor=actor, action="venue.create", obj=venue)
    elif changed:
        audit_record(
            actor=actor, action="venue.update", obj=venue, detail={"fields": sorted(changed)}
        )
    return venue
