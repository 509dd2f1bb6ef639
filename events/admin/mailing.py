"""The partnership mailing list in the admin: who asked and who confirmed, and the confirmed
list as a CSV file for the team's mail program (a permission of its own; each export is
audited). Nobody is added here: only the double opt-in adds an address."""

import csv
from functools import partial

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bursaries.exports import spreadsheet_safe
from events import services
from events.models import MailingListMember
from events.selectors.mailing import members_confirmed
from sanctuary.admin_input import SafeInputAdmin
from sanctuary.text import isolated_column


def mailing_list_csv(*, members, actor) -> HttpResponse:
    """The confirmed addresses as a CSV download, recorded in the audit trail."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="partnership-mailing-list.csv"'
    writer = csv.writer(response)
    writer.writerow(["email", "name", "language", "confirmed_on"])
    count = 0
    for member in members:
        count += 1
        row = [
            member.email,
            member.name,
            member.language,
            timezone.localdate(member.confirmed_at).isoformat() if member.confirmed_at else "",
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    services.mailing_export_record(count=count, actor=actor)
    return response


@admin.register(MailingListMember)
class MailingListMemberAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["email", "name_isolated", "language", "status", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email", "name"]
    readonly_fields = [
        "email",
        "name_isolated",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "last_sent_at",
    ]
    exclude = ["token", "name"]
    actions = ["export_confirmed"]
    name_isolated = isolated_column(MailingListMember, "name")

    def has_add_permission(self, request):
        return False  # only the double opt-in adds an address

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # people leave by their link; unconfirmed ones are forgotten

    def has_export_permission(self, request):
        return request.user.has_perm("events.export_mailinglistmember")

    @admin.action(
        description=_("Export the confirmed addresses among the selected (CSV)"),
        permissions=["export"],
    )
    def export_confirmed(self, request, queryset):
        members = members_confirmed().filter(pk__in=queryset.values("pk"))
        return mailing_list_csv(members=members, actor=request.user)

    def export_view(self, request):
        if not self.has_export_permission(request):
            raise PermissionDenied
        return mailing_list_csv(members=members_confirmed(), actor=request.user)

    def get_urls(self):
        return [
            path(
                "export/",
                self.admin_site.admin_view(partial(MailingListMemberAdmin.export_view, self)),
                name="events_mailinglistmember_export",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_export": self.has_export_permission(request)}
        return super().changelist_view(request, extra_context)
