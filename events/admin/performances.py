"""Performances and their guest seats in the admin. Staff split an allocation into partner
quotas, move seats between partners and the pool, and release unnamed seats early. Every save
goes through events.services (under the allocation's lock, audited), every check through
events.rules."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from events import rules, services
from events.admin import allocation_views
from events.models import GuestAllocation, GuestQuota, Performance
from sanctuary.admin_input import SafeInputAdmin


class PerformanceForm(forms.ModelForm):
    class Meta:
        model = Performance
        fields = [
            "title",
            "slug",
            "venue",
            "starts_at",
            "doors_at",
            "running_minutes",
            "description",
            "cancelled_at",
            "donations_total",
            "donations_partner",
        ]

    def clean(self):
        cleaned_data = super().clean()
        doors_at, starts_at = cleaned_data.get("doors_at"), cleaned_data.get("starts_at")
        if (
            doors_at
            and starts_at
            and not rules.doors_open_in_time(doors_at=doors_at, starts_at=starts_at)
        ):
            self.add_error("doors_at", _("Doors open before the performance starts."))
        return cleaned_data


@admin.register(Performance)
class PerformanceAdmin(SafeInputAdmin, TranslationAdmin):
    form = PerformanceForm
    list_display = ["title", "venue", "starts_at", "allocation_link"]
    list_filter = ["venue"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "starts_at"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("venue", "allocation")

    @admin.display(description=_("guest seats"))
    def allocation_link(self, performance):
        allocation = getattr(performance, "allocation", None)
        if allocation is None:
            return "—"
        url = reverse("admin:events_guestallocation_change", args=[allocation.pk])
        return format_html('<a href="{}">{}</a>', url, allocation.seats)

    def save_model(self, request, obj, form, change):
        services.performance_save(performance=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        # Tickets point at performances: cancel one instead.
        return False


class QuotaFormSet(BaseInlineFormSet):
    """Checks the split as staff typed it, by the rules the service checks again under the
    lock: the quotas never add up to more than the allocation, none below what is named."""

    def clean(self):
        super().clean()
        allocation = self.instance
        if any(form.errors for form in self.forms) or allocation.seats is None:
            return
        total = 0
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            seats = form.cleaned_data.get("seats") or 0
            total += seats
            named = getattr(form.instance, "named", 0) if form.instance.pk else 0
            if not rules.may_set_quota_seats(seats=seats, named=named):
                form.add_error(
                    "seats",
                    _("%(named)s guests are named: the quota cannot be smaller.")
                    % {"named": named},
                )
        pool_taken = rules.pool_seats_taken(allocation) if allocation.pk else 0
        if not rules.may_split_allocation(
            allocation_seats=allocation.seats, quota_seats=total, pool_taken=pool_taken
        ):
            raise ValidationError(
                _("The quotas add up to %(total)s seats: more than the %(seats)s guest seats.")
                % {"total": total + pool_taken, "seats": allocation.seats}
            )


class QuotaInline(admin.TabularInline):
    model = GuestQuota
    formset = QuotaFormSet
    fields = ["organisation", "seats", "named", "free", "released_seats"]
    readonly_fields = ["named", "free", "released_seats"]
    extra = 1
    can_delete = False  # set a quota's seats to 0 instead: its tickets point at it

    def get_queryset(self, request):
        return rules.quotas_with_figures(super().get_queryset(request)).select_related(
            "organisation"
        )

    @admin.display(description=_("named"))
    def named(self, quota):
        return getattr(quota, "named", 0)

    @admin.display(description=_("free"))
    def free(self, quota):
        return getattr(quota, "free", quota.seats or 0)


class AllocationForm(forms.ModelForm):
    class Meta:
        model = GuestAllocation
        fields = ["performance", "seats", "companion_seats", "release_at"]

    def clean_companion_seats(self):
        companion_seats = self.cleaned_data["companion_seats"]
        if self.instance.pk:
            taken = rules.companion_seats_taken(self.instance)
            if not rules.may_set_companion_seats(
                companion_seats=companion_seats, hosts_taken=taken
            ):
                raise ValidationError(
                    _("%(taken)s hosts are named: keep at least that many companion seats.")
                    % {"taken": taken}
                )
        return companion_seats


@admin.register(GuestAllocation)
class GuestAllocationAdmin(SafeInputAdmin, admin.ModelAdmin):
    form = AllocationForm
    inlines = [QuotaInline]
    list_display = ["performance", "seats", "companion_seats", "release_at", "released_at"]
    readonly_fields = ["released_at", "pool", "staff_actions"]
    list_select_related = ["performance"]

    def get_fields(self, request, obj=None):
        fields = ["performance", "seats", "companion_seats", "release_at"]
        return [*fields, "released_at", "pool", "staff_actions"] if obj else fields

    def get_readonly_fields(self, request, obj=None):
        return ["performance", *self.readonly_fields] if obj else self.readonly_fields

    @admin.display(description=_("shared pool"))
    def pool(self, allocation):
        figures = allocation_views.pool_figures(allocation)
        return format_html(
            "{}: {} · {}: {} · {}: {} · {}: {}",
            _("seats"),
            figures["seats"],
            _("named or offered"),
            figures["taken"],
            _("free"),
            figures["free"],
            _("waiting"),
            figures["waiting"],
        )

    @admin.display(description=_("staff actions"))
    def staff_actions(self, allocation):
        move = reverse("admin:events_guestallocation_move", args=[allocation.pk])
        release = reverse("admin:events_guestallocation_release", args=[allocation.pk])
        if rules.is_released(allocation):
            return format_html('<a href="{}">{}</a>', move, _("Move seats"))
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            move,
            _("Move seats"),
            release,
            _("Release unnamed seats now"),
        )

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, model_admin=self))

        return [
            path(
                "<path:object_id>/move/",
                view(allocation_views.move_view),
                name="events_guestallocation_move",
            ),
            path(
                "<path:object_id>/release/",
                view(allocation_views.release_view),
                name="events_guestallocation_release",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        """Saved with its quotas, in save_related, so the service checks the whole split."""

    def save_related(self, request, form, formsets, change):
        quotas = []
        for formset in formsets:
            # Saved by the service below, not by the formset: the admin's history reads these.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            for quota_form in formset.forms:
                data = quota_form.cleaned_data
                if not data or (not quota_form.instance.pk and not quota_form.has_changed()):
                    continue
                quotas.append(
                    services.QuotaSeats(
                        pk=quota_form.instance.pk,
                        organisation=data.get("organisation"),
                        seats=data["seats"],
                    )
                )
        try:
            services.allocation_save(allocation=form.instance, quotas=quotas, actor=request.user)
        except services.AllocationError as error:
            messages.error(request, error.message)

    def has_delete_permission(self, request, obj=None):
        return False

    def allocation_for(self, request, object_id) -> GuestAllocation:
        if not self.has_change_permission(request):
            raise PermissionDenied
        allocation = self.get_object(request, unquote(object_id))
        if allocation is None:
            raise Http404
        return allocation

    def back(self, allocation):
        return redirect("admin:events_guestallocation_change", allocation.pk)
