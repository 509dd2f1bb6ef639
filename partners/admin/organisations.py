"""Partner organisations in the admin. Each save goes through its service, which audits it."""

from django.contrib import admin

from partners import services
from partners.models import PartnerOrganisation
from sanctuary.admin_input import SafeInputAdmin


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["name", "is_listed", "is_active"]
    list_filter = ["is_listed", "is_active"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        services.partner_save(partner=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        # Applications point at partners: retire one by making it inactive.
        return False
