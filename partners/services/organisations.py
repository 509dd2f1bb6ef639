"""Every write about partner organisations."""

from collections.abc import Iterable

from partners.models import PartnerOrganisation
from sanctuary.models import User
from sanctuary.services import audited_save


def partner_save(
    *, partner: PartnerOrganisation, actor: User | None, changed: Iterable[str] = ()
) -> PartnerOrganisation:
    return audited_save(obj=partner, actor=actor, changed=changed, name="partner")
