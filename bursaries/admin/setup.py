"""Setting up in the admin: funds, opportunities and decision templates. Each save
goes through its service, which audits it."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from bursaries import selectors, services
from bursaries.admin.display import money_or_dash
from bursaries.models import DecisionTemplate, Fund, Opportunity
from sanctuary.admin_input import SafeInputAdmin


class FundForm(forms.ModelForm):
    def clean_budget(self):
        budget = self.cleaned_data["budget"]
        # The admin validates and saves in one transaction: the check holds the fund from
        # here, so no approval can land between it and the save (fund_save checks again).
        fund = self.instance
        if fund.pk is not None and budget is not None:
            fund.budget = budget
            services.fund_budget_check(fund=fund)
        return budget


@admin.register(Fund)
class FundAdmin(SafeInputAdmin, TranslationAdmin):
    form = FundForm
    list_display = [
        "name",
        "opens_on",
        "closes_on",
        "budget_display",
        "awarded_display",
        "remaining_display",
        "requested_undecided_display",
        "application_count",
    ]
    prepopulated_fields = {"slug": ["name_en"]}
    search_fields = ["name"]
    FIGURES = [
        "budget_display",
        "awarded_display",
        "remaining_display",
        "requested_undecided_display",
    ]

    def get_queryset(self, request):
        return selectors.fund_list_with_totals()

    def get_readonly_fields(self, request, obj=None):
        return self.FIGURES if obj is not None else []

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        fields = [f for f in fieldsets[0][1]["fields"] if f not in self.FIGURES]
        return [(None, {"fields": fields}), (_("Money"), {"fields": self.FIGURES})]

    @admin.display(description=_("budget"), ordering="budget")
    def budget_display(self, obj):
        return money_or_dash(obj.budget)

    @admin.display(description=_("awarded"), ordering="awarded")
    def awarded_display(self, obj):
        return money_or_dash(obj.awarded)

    @admin.display(description=_("left"), ordering="remaining")
    def remaining_display(self, obj):
        return money_or_dash(obj.remaining)

    @admin.display(description=_("requested, not yet decided"), ordering="requested_undecided")
    def requested_undecided_display(self, obj):
        return money_or_dash(obj.requested_undecided)

    @admin.display(description=_("applications"), ordering="application_count")
    def application_count(self, obj):
        return obj.application_count

    def save_model(self, request, obj, form, change):
        services.fund_save(fund=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Opportunity)
class OpportunityAdmin(SafeInputAdmin, TranslationAdmin):
    list_display = ["title", "kind", "venue", "starts_on", "ends_on", "is_active"]
    list_filter = ["kind", "venue", "is_active"]
    list_select_related = ["venue"]
    search_fields = ["title"]

    def save_model(self, request, obj, form, change):
        services.opportunity_save(opportunity=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DecisionTemplate)
class DecisionTemplateAdmin(SafeInputAdmin, TranslationAdmin):
    list_display = ["name", "outcome", "position", "is_active"]
    list_filter = ["outcome", "is_active"]

    def save_model(self, request, obj, form, change):
        services.decision_template_save(template=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False
