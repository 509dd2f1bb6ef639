"""The admin's page of numbers that asked for no texts: how many there are, and a form where
staff type a number to let it have texts again (only hashes are kept, so it cannot be chosen
from a list)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from sanctuary import services
from sanctuary.admin_input import SafeInputAdmin
from sanctuary.models import SmsSuppression


class NumberForm(forms.Form):
    number = PhoneNumberField(
        label=_("Mobile number"),
        help_text=_("As the person gives it, e.g. 07700 900123 or +447700900123."),
    )


@admin.register(SmsSuppression)
class SmsSuppressionAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["created_at", "reason", "number_hash_start"]
    list_filter = ["reason"]
    date_hierarchy = "created_at"
    fields = ["number_hash", "reason", "created_at"]

    @admin.display(description=_("number (hashed)"))
    def number_hash_start(self, obj):
        return f"{obj.number_hash[:12]}…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_remove_permission(self, request) -> bool:
        return request.user.has_perm("sanctuary.remove_smssuppression")

    def get_urls(self):
        return [
            path(
                "remove/",
                self.admin_site.admin_view(self.remove_view),
                name="sanctuary_smssuppression_remove",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_remove": self.has_remove_permission(request),
            "suppressed_count": SmsSuppression.objects.count(),
        }
        return super().changelist_view(request, extra_context)

    def remove_view(self, request):
        if not self.has_remove_permission(request):
            raise PermissionDenied
        form = NumberForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            removed = services.sms_suppression_remove(
                number=form.cleaned_data["number"].as_e164, actor=request.user
            )
            if removed:
                messages.success(request, _("That number will have texts again."))
                return redirect(reverse("admin:sanctuary_smssuppression_changelist"))
            form.add_error("number", _("That number is not on the list."))
        return render(
            request,
            "admin/sanctuary/smssuppression/remove.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": _("Let a number have texts again"),
                "form": form,
            },
        )
