"""Who may act for a partner organisation. One home for the rule; the portal's views, the
events' guest pages and the tests ask it."""

from django.db.models import Q

from partners.models import PartnerOrganisation


def organisation_of(user) -> PartnerOrganisation | None:
    """The organisation `user` works for in the portal, or None: not signed in, no partner
    worker record, no partner worker role, an inactive account or organisation."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    worker = getattr(user, "partner_worker", None)
    if worker is None or not worker.organisation.is_active:
        return None
    if not user.has_perm("partners.use_portal"):  # the role taken away
        return None
    return worker.organisation


def may_use_portal(user) -> bool:
    return organisation_of(user) is not None


def listed_q() -> Q:
    """Partners shown to the public on "Find support"."""
    return Q(is_listed=True, is_active=True)


def is_listed(partner: PartnerOrganisation) -> bool:
    """The same rule as listed_q, for one partner in hand."""
    return partner.is_listed and partner.is_active
