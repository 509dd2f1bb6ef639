"""Which drop-in fields staff translate in the admin (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from dropins.models import DropInSeries


@register(DropInSeries)
class DropInSeriesTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    fallback_undefined = {"description": ""}
