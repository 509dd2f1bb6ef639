from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname

from partners import contact
from partners.models import PartnerOrganisation, Stream
from partners.rules import listed_q


def partner_list_active() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(is_active=True)


def partner_list_listed() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(listed_q())


@dataclass(frozen=True)
class StreamGroup:
    """One stream of the "Find support" page and the partners working in it."""

    stream: Stream
    partners: list[PartnerOrganisation]


def partner_directory() -> list[StreamGroup]:
    """Listed partners grouped by stream, in the streams' order, each group by name; a partner
    in several streams is in each, a stream with none is left out. One query, however many
    partners. Each partner carries its tel: link and the language its description is in
    (the visitor's, or English where it has none)."""
    language = get_language()
    partners = list(partner_list_listed().order_by("name"))
    for partner in partners:
        partner.phone_link = contact.phone_link(partner.public_phone)
        partner.website_label = contact.website_label(partner.website) if partner.website else ""
        own = getattr(partner, build_localized_fieldname("description", language), None)
        partner.description_language = language if own else settings.LANGUAGE_CODE
    groups = []
    for stream in Stream:
        members = [partner for partner in partners if stream.value in partner.streams]
        if members:
            groups.append(StreamGroup(stream=stream, partners=members))
    return groups
