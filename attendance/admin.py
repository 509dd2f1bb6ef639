"""The register's records in the Django admin: the numbers of each closed register, which
staff may correct (through attendance.services, so into the audit trail), and the check-ins as
the tablets recorded them."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from attendance import services
from attendance.models import Attendance, CheckIn
from dropins.admin import SessionFilter
from sanctuary.admin import ReadOnlyAdmin
from sanctuary.admin_input import SafeInputAdmin
from sanctuary.text import isolated_column


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = list(services.ATTENDANCE_NUMBERS)


@admin.register(Attendance)
class AttendanceAdmin(SafeInputAdmin, admin.ModelAdmin):
    """The numbers of each closed register. Staff correct them here; every correction is in
    the audit trail."""

    form = AttendanceForm
    list_display = [
        "session",
        "venue",
        "booked_people",
        "attended_people",
        "no_show_bookings",
        "walk_in_people",
        "children",
        "closed_by",
        "corrected_at",
    ]
    list_filter = ["session__series__venue"]
    list_select_related = ["session__series__venue", "closed_by"]
    date_hierarchy = "closed_at"
    fields = [
        "session",
        *services.ATTENDANCE_NUMBERS,
        "closed_at",
        "closed_by",
        "corrected_at",
        "register_link",
    ]
    readonly_fields = ["session", "closed_at", "closed_by", "corrected_at", "register_link"]

    @admin.display(description=_("venue"), ordering="session__series__venue__position")
    def venue(self, obj):
        return obj.session.series.venue

    @admin.display(description=_("register"))
    def register_link(self, obj):
        url = reverse("register:session", kwargs={"pk": obj.session_id})
        return format_html('<a href="{}">{}</a>', url, _("Who came"))

    def has_add_permission(self, request):
        return False  # closing a register makes these

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.attendance_correct(
            attendance_id=obj.pk,
            actor=request.user,
            **{name: form.cleaned_data[name] for name in services.ATTENDANCE_NUMBERS},
        )


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin):
    """Who arrived, as the tablets recorded it. Read-only: the register is where it happens."""

    list_display = [
        "arrived_at",
        "session",
        "performance",
        "booking",
        "ticket",
        "first_name_isolated",
        "adults",
        "children",
        "guests",
        "hosts",
        "recorded_by",
        "voided_at",
    ]
    list_filter = [SessionFilter, "session__series__venue", "performance__venue"]
    list_select_related = ["session__series", "performance", "booking", "ticket", "recorded_by"]
    search_fields = ["=booking__reference", "=ticket__reference"]
    ordering = ["-arrived_at"]
    exclude = ["client_id", "first_name"]
    readonly_fields = ["first_name_isolated"]
    first_name_isolated = isolated_column(CheckIn, "first_name")
