"""Network events in the admin: staff publish an event with its dates (each language in its own
tab), see each date's bookings, and cancel a date or a booking. Every change goes through
events.services."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from events import rules, services
from events.models import NetworkBooking, NetworkEvent, NetworkEventDate
from sanctuary.admin_input import SafeInputAdmin
from sanctuary.text import isolated_column


class NetworkEventDateInline(admin.TabularInline):
    model = NetworkEventDate
    fields = ["starts_at", "ends_at", "cancelled_at"]
    readonly_fields = ["cancelled_at"]
    extra = 1
    can_delete = False


@admin.register(NetworkEvent)
class NetworkEventAdmin(SafeInputAdmin, TranslationAdmin):
    list_display = ["title", "kind", "organiser", "place", "capacity", "date_count", "is_published"]
    list_filter = ["kind", "is_published", "venue"]
    list_select_related = ["venue"]
    search_fields = ["title", "organiser"]
    prepopulated_fields = {"slug": ["title_en"]}
    inlines = [NetworkEventDateInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "description", "organiser", "is_published"]}),
        (
            _("Where"),
            {
                "fields": ["venue", "place_name", "place_address", "map_url"],
                "description": _("One of the venues, or another place with its address."),
            },
        ),
        (_("Places"), {"fields": ["capacity", "ticket_limit"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(date_total=Count("dates"))

    @admin.display(description=_("where"))
    def place(self, event):
        return event.venue.name if event.venue else event.place_name

    @admin.display(description=_("dates"), ordering="date_total")
    def date_count(self, event):
        return event.date_total

    def save_model(self, request, obj, form, change):
        services.network_event_save(event=obj, actor=request.user, changed=form.changed_data)

    def save_formset(self, request, form, formset, change):
        for date in formset.save(commit=False):
            services.network_date_save(date=date, actor=request.user, changed=["starts_at"])
        formset.save_m2m()

    def has_delete_permission(self, request, obj=None):
        return False  # unpublish instead: bookings keep their event


@admin.register(NetworkEventDate)
class NetworkEventDateAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["__str__", "starts_at", "ends_at", "booked", "bookings_count", "cancelled_at"]
    list_filter = ["event"]
    list_select_related = ["event"]
    readonly_fields = ["event", "starts_at", "ends_at", "cancelled_at"]
    actions = ["cancel_dates"]
    ordering = ["-starts_at"]

    def get_queryset(self, request):
        held = rules.network_holds_tickets_q("bookings__")
        return (
            super()
            .get_queryset(request)
            .annotate(
                taken=Coalesce(Sum("bookings__tickets", filter=held), 0),
                held_count=Count("bookings", filter=held),
            )
        )

    @admin.display(description=_("tickets booked"), ordering="taken")
    def booked(self, date):
        return date.taken

    @admin.display(description=_("bookings"), ordering="held_count")
    def bookings_count(self, date):
        return date.held_count

    def has_add_permission(self, request):
        return False  # dates are added on their event's page

    def has_delete_permission(self, request, obj=None):
        return False

    def has_cancel_permission(self, request):
        return request.user.has_perm("events.change_networkevent")

    @admin.action(
        description=_("Cancel the selected dates (each booker is told)"), permissions=["cancel"]
    )
    def cancel_dates(self, request, queryset):
        dates = list(queryset.filter(cancelled_at__isnull=True).values_list("pk", flat=True))
        for date_id in dates:
            services.network_date_cancel(date_id=date_id, actor=request.user)
        self.message_user(
            request,
            ngettext("%(count)d date is cancelled.", "%(count)d dates are cancelled.", len(dates))
            % {"count": len(dates)},
            messages.SUCCESS,
        )


@admin.register(NetworkBooking)
class NetworkBookingAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["reference", "name_isolated", "date", "tickets", "status", "created_at"]
    list_filter = ["status", "date__event"]
    list_select_related = ["date__event"]
    search_fields = ["=reference", "name", "=email"]
    ordering = ["-created_at"]
    actions = ["cancel_bookings"]
    readonly_fields = [
        "date",
        "reference",
        "name_isolated",
        "email",
        "tickets",
        "language",
        "status",
        "created_at",
        "cancelled_at",
        "anonymised_at",
    ]
    exclude = ["token", "name"]
    name_isolated = isolated_column(NetworkBooking, "name")

    def has_add_permission(self, request):
        return False  # people book on the public site

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_cancel_permission(self, request):
        return request.user.has_perm("events.change_networkbooking")

    @admin.action(description=_("Cancel the selected bookings"), permissions=["cancel"])
    def cancel_bookings(self, request, queryset):
        held = list(queryset.filter(rules.network_holds_tickets_q()).values_list("pk", flat=True))
        for booking_id in held:
            services.network_booking_cancel(booking_id=booking_id, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d booking is cancelled.", "%(count)d bookings are cancelled.", len(held)
            )
            % {"count": len(held)},
            messages.SUCCESS,
        )
