from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from sanctuary.admin_input import SafeInputAdmin
from venues import services
from venues.models import Venue


@admin.register(Venue)
class VenueAdmin(SafeInputAdmin, TranslationAdmin):
    list_display = ["name", "postcode", "is_active", "position"]
    list_editable = ["is_active", "position"]
    prepopulated_fields = {"slug": ["name_en"]}
    search_fields = ["name", "postcode"]

    def save_model(self, request, obj, form, change):
        services.venue_save(venue=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        # Sessions and bookings will point at venues: retire one by making it inactive.
        return False
