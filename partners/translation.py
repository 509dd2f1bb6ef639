"""Which of a partner's fields staff translate in the admin (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from partners.models import PartnerOrganisation


@register(PartnerOrganisation)
class PartnerOrganisationTranslationOptions(TranslationOptions):
    fields = ("description",)
    fallback_undefined = {"description": ""}
