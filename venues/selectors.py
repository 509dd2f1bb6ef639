from django.db.models import QuerySet

from venues.models import Venue


def venue_list_public() -> QuerySet[Venue]:
    return Venue.objects.filter(is_active=True)


def venue_get_public(*, slug: str) -> Venue | None:
    return venue_list_public().filter(slug=slug).first()
