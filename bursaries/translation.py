"""Which public text staff translate in the admin (django-modeltranslation). Anything left
empty falls back to English."""

from modeltranslation.translator import TranslationOptions, register

from bursaries.models import DecisionTemplate, Fund, Opportunity


@register(Fund)
class FundTranslationOptions(TranslationOptions):
    fields = ("name", "description", "covers", "how_decided")
    fallback_undefined = {"description": "", "covers": "", "how_decided": ""}


@register(Opportunity)
class OpportunityTranslationOptions(TranslationOptions):
    fields = ("title", "description", "schedule")
    fallback_undefined = {"description": "", "schedule": ""}


@register(DecisionTemplate)
class DecisionTemplateTranslationOptions(TranslationOptions):
    fields = ("body",)
