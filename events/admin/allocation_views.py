"""The allocation's staff pages beside its admin form: moving seats between partners and the
pool, and releasing unnamed seats before the deadline."""

from django import forms
from django.contrib import messages
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import rules, services
from events.models import GuestAllocation

POOL = "pool"


def pool_figures(allocation: GuestAllocation) -> dict:
    seats = rules.pool_seats(allocation)
    free = rules.pool_seats_free(allocation)
    return {
        "seats": seats,
        "taken": seats - free,
        "free": free,
        "waiting": allocation.pool_requests.filter(rules.waiting_q()).count(),
    }


class MoveForm(forms.Form):
    source = forms.ChoiceField(label=_("From"))
    target = forms.ChoiceField(label=_("To"))
    seats = forms.IntegerField(label=_("Seats to move"), min_value=1, max_value=10_000)

    def __init__(self, *args, places, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = places
        self.fields["target"].choices = places

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("source") and cleaned_data.get("source") == cleaned_data.get("target"):
            self.add_error("target", _("Choose somewhere else to move the seats to."))
        return cleaned_data


def _quota_id(value: str) -> int | None:
    return None if value == POOL else int(value)


def move_view(request, object_id, *, model_admin):
    allocation = model_admin.allocation_for(request, object_id)
    quotas = list(rules.quotas_with_figures(allocation.quotas.select_related("organisation")))
    pool = pool_figures(allocation)
    places = [
        (POOL, _("The shared pool (%(free)s free)") % {"free": pool["free"]}),
        *[
            (
                str(quota.pk),
                _("%(quota)s (%(seats)s seats, %(named)s named, %(free)s free)")
                % {"quota": quota, "seats": quota.seats, "named": quota.named, "free": quota.free},
            )
            for quota in quotas
        ],
    ]
    form = MoveForm(request.POST or None, places=places)
    if request.method == "POST" and form.is_valid():
        try:
            services.quota_move(
                allocation_id=allocation.pk,
                from_quota_id=_quota_id(form.cleaned_data["source"]),
                to_quota_id=_quota_id(form.cleaned_data["target"]),
                seats=form.cleaned_data["seats"],
                actor=request.user,
            )
        except services.AllocationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The seats are moved."))
            return model_admin.back(allocation)
    return render(
        request,
        "admin/events/guestallocation/move.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": _("Move seats: %(performance)s") % {"performance": allocation},
            "allocation": allocation,
            "quotas": quotas,
            "pool": pool,
            "form": form,
        },
    )


def release_view(request, object_id, *, model_admin):
    allocation = model_admin.allocation_for(request, object_id)
    if request.method == "POST":
        try:
            released = services.allocation_release(
                allocation_id=allocation.pk, now=timezone.now(), actor=request.user, early=True
            )
        except services.TicketError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("%(seats)s unnamed seats went to the shared pool.") % {"seats": released}
            )
        return model_admin.back(allocation)
    return render(
        request,
        "admin/events/guestallocation/release.html",
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "title": _("Release unnamed seats now: %(performance)s") % {"performance": allocation},
            "allocation": allocation,
        },
    )
