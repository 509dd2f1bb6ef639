"""Demo partner organisations for `make run`: the network's members the bursaries, drop-in
bookings and guest tickets of the demo name. Safe to run again: it updates what is there."""

from partners.models import PartnerOrganisation

PARTNERS = [
    "The Bridge Plus+",
    "New Routes",
    "GYROS",
    "Dereham Ukraine Aid Centre",
    "Norwich City of Sanctuary",
]


def demo_load() -> None:
    for name in PARTNERS:
        PartnerOrganisation.objects.update_or_create(name=name, defaults={"is_active": True})
