"""Partner organisations in the admin: what each does in every language, its streams, the
contact details the public "Find support" page shows, and whether it is listed there. Each save
goes through its service, which audits it."""

from django import forms
from django.contrib import admin
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from partners import contact, services
from partners.models import PartnerOrganisation, Stream
from sanctuary.admin_input import SafeInputAdmin


class PartnerOrganisationForm(forms.ModelForm):
    streams = forms.MultipleChoiceField(
        label=_("streams"),
        choices=Stream.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The parts of life it helps with. The public page lists it under each."),
    )
    website = forms.URLField(
        label=_("website"),
        required=False,
        assume_scheme="https",
        validators=[contact.website_validator],
    )

    def clean_streams(self):
        chosen = set(self.cleaned_data["streams"])
        return [value for value in Stream.values if value in chosen]  # the page's order

    def clean_public_phone(self):
        return contact.public_phone_clean(self.cleaned_data["public_phone"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_listed") and not cleaned.get("streams") and "streams" in cleaned:
            self.add_error(
                "streams",
                _("Choose at least one stream: the public page lists partners under them."),
            )
        return cleaned


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(SafeInputAdmin, TranslationAdmin):
    form = PartnerOrganisationForm
    list_display = ["name", "streams_display", "is_listed", "is_active"]
    list_filter = ["is_listed", "is_active"]
    search_fields = ["name", "description", "public_email"]
    fieldsets = [
        (None, {"fields": ["name", "description", "streams"]}),
        (
            _("Contact details for the public"),
            {"fields": ["website", "public_email", "public_phone", "address"]},
        ),
        (None, {"fields": ["is_listed", "is_active"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Each language's box reads and types the right way round (modeltranslation's fields
        # know their language).
        language = getattr(db_field, "language", None)
        if formfield is not None and language:
            direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
            formfield.widget.attrs.update(lang=language, dir=direction)
        return formfield

    @admin.display(description=_("streams"))
    def streams_display(self, obj):
        labels = dict(Stream.choices)
        return ", ".join(str(labels[value]) for value in obj.streams if value in labels) or "–"

    def save_model(self, request, obj, form, change):
        services.partner_save(partner=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        # Applications point at partners: retire one by making it inactive.
        return False
