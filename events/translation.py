"""Which public text staff translate in the admin (django-modeltranslation). Anything left
empty falls back to English."""

from modeltranslation.translator import TranslationOptions, register

from events.models import NetworkEvent, Performance


@register(Performance)
class PerformanceTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    fallback_undefined = {"description": ""}


@register(NetworkEvent)
class NetworkEventTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    fallback_undefined = {"description": ""}
