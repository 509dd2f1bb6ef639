from django.db.models import QuerySet

from partners.models import PartnerOrganisation
from partners.rules import listed_q


def partner_list_active() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(is_active=True)


def partner_list_listed() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(listed_q())
