"""Which of a venue's fields staff translate in the admin (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from venues.models import Venue


@register(Venue)
class VenueTranslationOptions(TranslationOptions):
    fields = ("name", "description", "access_information", "getting_there")
    fallback_undefined = {"description": "", "access_information": "", "getting_there": ""}
