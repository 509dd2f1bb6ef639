"""Guest tickets in the admin, for programme staff: the list per performance, search by
reference or door code, numbers changed and tickets cancelled through the services (under the
allocation's lock, audited, the guests told)."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import rules
from events.models import GuestTicket, Performance
from events.services.ticket_changes import ticket_cancel, ticket_change
from events.services.tickets import TicketError
from sanctuary.admin_input import SafeInputAdmin
from sanctuary.codes import reference_normalise
from sanctuary.text import isolated_column


class PerformanceFilter(admin.SimpleListFilter):
    """Performances from a month ago on: the list of every one ever would only grow."""

    title = _("performance")
    parameter_name = "performance"

    def lookups(self, request, model_admin):
        since = timezone.now() - timedelta(days=31)
        return [
            (str(performance.pk), f"{performance} ({performance.starts_at:%d/%m/%Y})")
            for performance in Performance.objects.filter(starts_at__gte=since)
        ]

    def queryset(self, request, queryset):
        if self.value():
            if not self.value().isdigit():
                raise IncorrectLookupParameters
            return queryset.filter(allocation__performance_id=self.value())
        return queryset


class GuestTicketForm(forms.ModelForm):
    """Only the numbers change here; the seats are checked again under the lock on saving."""

    class Meta:
        model = GuestTicket
        fields = ["guests", "hosts"]

    def clean(self):
        cleaned_data = super().clean()
        ticket = self.instance
        if not rules.may_guest_cancel(ticket, timezone.now()):
            raise forms.ValidationError(
                _("Only a confirmed ticket for a performance still to come can change.")
            )
        return cleaned_data


@admin.register(GuestTicket)
class GuestTicketAdmin(SafeInputAdmin, admin.ModelAdmin):
    form = GuestTicketForm
    list_display = [
        "reference",
        "door_code",
        "first_name_isolated",
        "performance",
        "organisation",
        "guests",
        "hosts",
        "language",
        "status",
        "created_at",
    ]
    list_filter = [PerformanceFilter, "status", "organisation", "language"]
    list_select_related = ["allocation__performance", "organisation"]
    search_fields = ["=reference", "=door_code"]
    ordering = ["-created_at"]
    actions = ["cancel_tickets"]
    fields = [
        "reference",
        "door_code",
        "performance",
        "organisation",
        "first_name_isolated",
        "guests",
        "hosts",
        "language",
        "access_needs_isolated",
        "email",
        "phone",
        "status",
        "created_at",
        "cancelled_at",
        "reminder_queued_at",
        "anonymised_at",
    ]
    readonly_fields = [
        "reference",
        "door_code",
        "performance",
        "organisation",
        "first_name_isolated",
        "language",
        "access_needs_isolated",
        "email",
        "phone",
        "status",
        "created_at",
        "cancelled_at",
        "reminder_queued_at",
        "anonymised_at",
    ]
    first_name_isolated = isolated_column(GuestTicket, "first_name")
    access_needs_isolated = isolated_column(GuestTicket, "access_needs", multiline=True)

    @admin.display(description=_("performance"), ordering="allocation__performance__starts_at")
    def performance(self, ticket):
        return ticket.allocation.performance

    def get_search_results(self, request, queryset, search_term):
        # References and door codes are read out loud: "g 7kq4tm" finds G-7KQ4TM.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            found |= queryset.filter(reference=reference_normalise(term))
            found |= queryset.filter(door_code="".join(term.split()).upper())
        return found, duplicates

    def has_add_permission(self, request):
        return False  # partners name guests in the portal, or guests claim by link

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead, so that the guests are told and the counts stay

    def save_model(self, request, obj, form, change):
        try:
            ticket_change(
                ticket_id=obj.pk,
                guests=form.cleaned_data["guests"],
                hosts=form.cleaned_data["hosts"],
                actor=request.user,
            )
        except TicketError as error:
            self.message_user(request, error.message, messages.ERROR)

    def has_cancel_permission(self, request):
        return request.user.has_perm("events.change_guestticket")

    @admin.action(
        description=_("Cancel the selected tickets and tell the guests"),
        permissions=["cancel"],
    )
    def cancel_tickets(self, request, queryset):
        count = 0
        for ticket in queryset.filter(rules.holds_seats_q()):
            ticket_cancel(ticket_id=ticket.pk, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d ticket is cancelled.", "%(count)d tickets are cancelled.", count)
            % {"count": count},
            messages.SUCCESS,
        )
