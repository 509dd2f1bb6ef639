"""Bursaries in the Django admin: setting funds up, reviewing and deciding.

Applications are never edited here: what the applicant wrote stays as they wrote it, and every
change of status goes through bursaries.services (reviewing, deciding, bulk decisions), which
checks who may do it. Reviewers meet each application first on a page where they may declare a
conflict of interest before they see its details.
"""

import csv
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from bursaries import selectors, services
from bursaries.forms import BulkDecisionForm, DecisionForm, ReviewForm
from bursaries.models import (
    OPEN_STATUSES,
    Application,
    DecisionTemplate,
    Fund,
    Opportunity,
    PartnerOrganisation,
    Review,
)
from bursaries.money import pounds
from sanctuary.admin import ReadOnlyAdmin

DECIDE = "bursaries.decide_application"
REVIEW = "bursaries.add_review"


def _money(amount: Decimal | None) -> str:
    return "–" if amount is None else pounds(amount)


def _their_words(text: str) -> str:
    if not text:
        return "–"
    return format_html('<div dir="auto">{}</div>', linebreaksbr(text, autoescape=True))


# What each event in an application's audit trail says, in the reader's language.
AUDIT_LABELS = {
    "application.submit": _("Sent the application"),
    "application.view": _("Read the details"),
    "application.open": _("Said they have no conflict of interest and opened it"),
    "application.conflict": _("Declared a conflict of interest before reading it"),
    "application.preview_message": _("Drafted a message to the applicant: “%(outcome)s”"),
    "review.submit": _("Submitted a review recommending “%(recommendation)s”"),
    "application.in_review": _("Put in review"),
    "application.more_information": _("Asked for more information"),
    "application.approved": _("Approved: %(amount)s"),
    "application.declined": _("Declined"),
    "application.withdrawn": _("Withdrawn"),
    "application.anonymise": _("Personal details removed after the set time"),
}


def audit_label(event) -> str:
    """One line about an audit event, with the detail that matters to staff."""
    detail = event.detail or {}
    if event.action == "application.view" and detail.get("page") == "review":
        return gettext("Read the details on the review page")
    if event.action == "application.view" and detail.get("page") == "open":
        return gettext("Saw the name and who referred them, before opening it")
    if event.action == "application.conflict" and detail.get("after_viewing"):
        return gettext("Declared a conflict of interest after reading it")
    if event.action == "application.anonymise" and detail.get("reason") == "request":
        return gettext("Personal details removed on request")
    if event.action == "application.withdrawn" and detail.get("amount_released"):
        return gettext("Withdrawn: %(amount)s back in the fund") % {
            "amount": pounds(Decimal(detail["amount_released"]))
        }
    label = AUDIT_LABELS.get(event.action)
    if label is None:
        return event.action
    values = {}
    if "%(outcome)s" in str(label):
        values["outcome"] = _status_label(detail.get("outcome"))
    if "%(recommendation)s" in str(label):
        recommendation = detail.get("recommendation")
        values["recommendation"] = (
            Review.Recommendation(recommendation).label
            if recommendation in Review.Recommendation.values
            else recommendation
        )
    if "%(amount)s" in str(label):
        values["amount"] = pounds(Decimal(detail.get("amount_awarded") or 0))
    return str(label) % values if values else str(label)


# A cell that starts with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A CSV cell that a spreadsheet shows as text, never runs: names staff typed (a fund, an
    opportunity, a partner) could start with "=". Numbers are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _status_label(status: str | None) -> str:
    return Application.Status(status).label if status in Application.Status.values else "–"


# Setting up -------------------------------------------------------------------------------------


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]

    def save_model(self, request, obj, form, change):
        services.partner_save(partner=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        # Applications point at partners: retire one by making it inactive.
        return False


class FundForm(forms.ModelForm):
    def clean_budget(self):
        budget = self.cleaned_data["budget"]
        if self.instance.pk and budget is not None:
            # The admin validates and saves in one transaction: holding the fund from here
            # means no approval can land between this check and the save (fund_save checks
            # again, under the same lock, so the save cannot then fail).
            Fund.objects.select_for_update().get(pk=self.instance.pk)
            awarded = selectors.fund_awarded(fund_id=self.instance.pk)
            if budget < awarded:
                raise ValidationError(
                    _("This fund has already awarded %(awarded)s.") % {"awarded": pounds(awarded)}
                )
        return budget


@admin.register(Fund)
class FundAdmin(TranslationAdmin):
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
        return _money(obj.budget)

    @admin.display(description=_("awarded"), ordering="awarded")
    def awarded_display(self, obj):
        return _money(obj.awarded)

    @admin.display(description=_("left"), ordering="remaining")
    def remaining_display(self, obj):
        return _money(obj.remaining)

    @admin.display(description=_("requested, not yet decided"), ordering="requested_undecided")
    def requested_undecided_display(self, obj):
        return _money(obj.requested_undecided)

    @admin.display(description=_("applications"), ordering="application_count")
    def application_count(self, obj):
        return obj.application_count

    def save_model(self, request, obj, form, change):
        services.fund_save(fund=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Opportunity)
class OpportunityAdmin(TranslationAdmin):
    list_display = ["title", "kind", "venue", "starts_on", "ends_on", "is_active"]
    list_filter = ["kind", "venue", "is_active"]
    list_select_related = ["venue"]
    search_fields = ["title"]

    def save_model(self, request, obj, form, change):
        services.opportunity_save(opportunity=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DecisionTemplate)
class DecisionTemplateAdmin(TranslationAdmin):
    list_display = ["name", "outcome", "position", "is_active"]
    list_filter = ["outcome", "is_active"]

    def save_model(self, request, obj, form, change):
        services.decision_template_save(template=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        return False


# Reviews ----------------------------------------------------------------------------------------


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    """A list of reviews: everyone's for those who decide, a reviewer's own for a reviewer.
    Reviews are written from the application's page."""

    list_display = [
        "application",
        "reviewer",
        "conflict_of_interest",
        "need",
        "benefit",
        "fit",
        "recommendation",
        "submitted_at",
    ]
    list_filter = ["recommendation", "conflict_of_interest"]
    list_select_related = ["application", "reviewer"]
    search_fields = ["application__reference"]
    fields = [*list_display, "comment_display", "opened_at", "conflict_declared_at"]
    readonly_fields = ["comment_display"]

    @admin.display(description=_("comment"))
    def comment_display(self, obj):
        return _their_words(obj.comment)

    def get_queryset(self, request):
        reviews = super().get_queryset(request)
        visible = selectors.application_list_for(user=request.user).values("pk")
        reviews = reviews.filter(application__in=visible)
        if not request.user.has_perm(DECIDE):
            reviews = reviews.filter(reviewer=request.user)
        return reviews


# Applications -----------------------------------------------------------------------------------


class MessagesFilter(admin.SimpleListFilter):
    """Applications with a message that could not be sent, for someone to follow up."""

    title = _("messages")
    parameter_name = "message_problem"

    def lookups(self, request, model_admin):
        return [("not_sent", _("A message could not be sent"))]

    def queryset(self, request, queryset):
        if self.value() == "not_sent":
            return queryset.filter(has_failed_message=True)
        return queryset


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    change_form_template = "admin/bursaries/application/change_form.html"
    change_list_template = "admin/bursaries/application/change_list.html"
    list_display = [
        "reference",
        "status",
        "fund",
        "what_for",
        "requested_display",
        "awarded_display",
        "review_count",
        "average_score",
        "days_waiting",
    ]
    list_filter = [
        "status",
        "fund",
        "opportunity",
        "referrer_organisation",
        "language",
    ]
    search_fields = ["reference", "name"]
    list_per_page = 50
    actions = ["approve_selected", "decline_selected", "export_csv", "anonymise_selected"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "reference",
                    "status",
                    "fund",
                    "opportunity",
                    "own_words_display",
                    "support_display",
                    "requested_display",
                    "awarded_display",
                    "language",
                    "submitted_at",
                    "anonymised_at",
                ]
            },
        ),
        (
            _("The applicant"),
            {
                "fields": [
                    "name_display",
                    "contact_method",
                    "email",
                    "phone",
                    "referrer_organisation",
                    "referrer_name_display",
                    "referrer_email",
                    "privacy_consent_at",
                    "referrer_consent_at",
                ]
            },
        ),
        (_("In their own words"), {"fields": ["statement_display"]}),
        (_("Decision"), {"fields": ["messages_display", "decided_by", "decided_at"]}),
    ]
    readonly_fields = [field for _title, options in fieldsets for field in options["fields"]]
    # How to reach the applicant: only for those who decide and tell them.
    CONTACT_FIELDS = ["email", "phone", "referrer_email"]

    # The list ---------------------------------------------------------------------------------

    def get_queryset(self, request):
        # What the list shows, the export too: someone who declared a conflict of interest
        # never sees that application again, not even as a row of figures they could find by
        # searching for the name.
        return selectors.application_list_for(user=request.user)

    def lookup_allowed(self, lookup, value, request):
        """Only the filters in the sidebar. Django otherwise takes a filter on any of the
        model's own fields from the address (?email__startswith=a), with which someone who may
        not see a detail could guess it a letter at a time."""
        sidebar = set()
        for list_filter in self.get_list_filter(request):
            if isinstance(list_filter, str):
                # The parameters Django's own filters for a field or a relation send.
                sidebar |= {f"{list_filter}__exact", f"{list_filter}__id__exact"}
                sidebar.add(f"{list_filter}__isnull")
            else:
                sidebar.add(list_filter.parameter_name)
        return lookup in sidebar and super().lookup_allowed(lookup, value, request)

    def get_list_filter(self, request):
        if request.user.has_perm("sanctuary.view_outgoingmessage"):
            return [*self.list_filter, MessagesFilter]
        return self.list_filter

    def get_search_fields(self, request):
        if request.user.has_perm(DECIDE):
            return [*self.search_fields, *self.CONTACT_FIELDS]
        return self.search_fields

    def get_fieldsets(self, request, obj=None):
        if request.user.has_perm(DECIDE):
            return self.fieldsets
        return [
            (
                title,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f not in self.CONTACT_FIELDS],
                },
            )
            for title, options in self.fieldsets
        ]

    def get_list_display(self, request):
        if request.user.has_perm("sanctuary.view_outgoingmessage"):
            return [*self.list_display, "message_problems"]
        return self.list_display

    @admin.display(description=_("for"))
    def what_for(self, obj):
        return obj.opportunity.title if obj.opportunity else gettext("Their own idea")

    @admin.display(description=_("requested"), ordering="amount_requested")
    def requested_display(self, obj):
        return _money(obj.amount_requested)

    @admin.display(description=_("awarded"), ordering="amount_awarded")
    def awarded_display(self, obj):
        return _money(obj.amount_awarded)

    # Both are None for a reviewer who has not reviewed it yet (selectors.application_list_for).

    @admin.display(description=_("reviews"), ordering="review_count")
    def review_count(self, obj):
        if not obj.scores_visible:
            return gettext("after your review")
        return obj.review_count

    @admin.display(description=_("average score"), ordering="score_total")
    def average_score(self, obj):
        if not obj.scores_visible:
            return gettext("after your review")
        if obj.score_total is None:
            return "–"
        return f"{Decimal(obj.score_total) / 3:.1f}"

    @admin.display(description=_("days waiting"), ordering="-submitted_at")
    def days_waiting(self, obj):
        if obj.status not in OPEN_STATUSES:
            return "–"
        return (timezone.now() - obj.submitted_at).days

    @admin.display(description=_("messages"))
    def message_problems(self, obj):
        if not obj.has_failed_message:
            return ""
        url = (
            reverse("admin:sanctuary_outgoingmessage_changelist")
            + "?"
            + urlencode({"q": selectors.message_key_prefix(obj.pk)})
        )
        return format_html('<a class="errornote" href="{}">{}</a>', url, gettext("Not sent"))

    @admin.display(description=_("support needed"))
    def support_display(self, obj):
        return ", ".join(obj.support_labels())

    # Their words, in any language and direction, as they wrote them.

    @admin.display(description=_("name"))
    def name_display(self, obj):
        return _their_words(obj.name)

    @admin.display(description=_("referrer's name"))
    def referrer_name_display(self, obj):
        return _their_words(obj.referrer_name)

    @admin.display(description=_("what they would like to do, in their words"))
    def own_words_display(self, obj):
        return _their_words(obj.own_words)

    @admin.display(description=_("what it would mean to them"))
    def statement_display(self, obj):
        return _their_words(obj.statement)

    @admin.display(description=_("messages to the applicant"))
    def messages_display(self, obj):
        """Each message staff sent, with its outcome and date, in the words sent."""
        sent = selectors.applicant_messages(application=obj)
        if not sent:
            return "–"
        return format_html_join(
            "",
            '<div class="applicant-message"><p><strong>{}</strong> · {} · {}</p>'
            '<div dir="auto" lang="{}">{}</div></div>',
            (
                (
                    message.get_status_display(),
                    date_format(timezone.localtime(message.created_at), "DATETIME_FORMAT"),
                    message.written_by.display_name if message.written_by else "–",
                    message.language,
                    linebreaksbr(message.body, autoescape=True),
                )
                for message in sent
            ),
        )

    def has_add_permission(self, request):
        return False  # people apply on the public site

    def has_change_permission(self, request, obj=None):
        return False  # statuses change through the review and decision pages

    def has_delete_permission(self, request, obj=None):
        return False  # anonymised on a schedule instead

    def has_decide_permission(self, request):
        return request.user.has_perm(DECIDE)

    def has_export_permission(self, request):
        return request.user.has_perm("bursaries.export_application")

    # One application --------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/open/", view(self.open_view), name="bursaries_application_open"),
            path(
                "<path:object_id>/conflict/",
                view(self.conflict_view),
                name="bursaries_application_conflict",
            ),
            path(
                "<path:object_id>/review/",
                view(self.review_view),
                name="bursaries_application_review",
            ),
            path(
                "<path:object_id>/move/<slug:to_status>/",
                view(self.move_view),
                name="bursaries_application_move",
            ),
            path("export/", view(self.export_view), name="bursaries_application_export"),
            *super().get_urls(),
        ]

    def _application(self, request, object_id) -> Application:
        application = self.get_object(request, unquote(object_id))
        if application is None:
            raise Http404
        return application

    def _change_url(self, application):
        return reverse("admin:bursaries_application_change", args=[application.pk])

    def _context(self, request, application, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": application,
            "application": application,
            "has_view_permission": True,
            **extra,
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, unquote(object_id))
        if application is None:
            return super().change_view(request, object_id, form_url, extra_context)
        user = request.user
        can_decide = user.has_perm(DECIDE)
        own_review = selectors.review_of(application=application, user=user)
        if own_review is None and not can_decide:
            # Reviewers first say whether they have a conflict of interest.
            return redirect("admin:bursaries_application_open", application.pk)
        if request.method == "GET":
            services.application_view_record(application=application, actor=user, page="details")
        context = {
            "can_decide": can_decide,
            "can_review": user.has_perm(REVIEW)
            and application.is_open
            and not (own_review and own_review.submitted_at),
            "can_declare_conflict": user.has_perm(REVIEW) and application.is_open,
            "own_review": own_review,
            "reviews": selectors.reviews_visible_to(application=application, user=user),
            "moves": application.next_statuses() if can_decide else [],
            "fund": selectors.fund_with_totals(fund_id=application.fund_id),
            "score_total": application.score_total,
        }
        if user.has_perm("sanctuary.view_outgoingmessage"):
            context["outbox_messages"] = selectors.application_messages(application=application)
        if user.has_perm("sanctuary.view_auditevent"):
            history = list(selectors.application_history(application=application))
            for event in history:
                event.label = audit_label(event)
            context["history"] = history
        return super().change_view(
            request, object_id, form_url, {**context, **(extra_context or {})}
        )

    def open_view(self, request, object_id):
        """Before the details: declare a conflict of interest, or open the application. This
        page shows who it is from, so seeing it is in the audit trail."""
        application = self._application(request, object_id)
        if not request.user.has_perm(REVIEW):
            raise PermissionDenied
        if selectors.review_of(application=application, user=request.user) is not None:
            return redirect(self._change_url(application))
        if not application.is_open or application.anonymised_at is not None:
            # Nothing left to review: nobody new needs to know who it is from.
            if request.user.has_perm(DECIDE):
                return redirect(self._change_url(application))
            notice = (
                gettext("This application has already been decided")
                if not application.is_open
                else gettext("This application has been anonymised.")
            )
            return TemplateResponse(
                request,
                "admin/bursaries/application/closed.html",
                self._context(request, application, title=notice),
            )
        if request.method == "POST":
            try:
                if "conflict" in request.POST:
                    return self._declare_conflict(request, application)
                services.review_open(application_id=application.pk, reviewer=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            return redirect(self._change_url(application))
        services.application_view_record(application=application, actor=request.user, page="open")
        return TemplateResponse(
            request,
            "admin/bursaries/application/open.html",
            self._context(request, application, title=gettext("Before you open it")),
        )

    def conflict_view(self, request, object_id):
        """A conflict of interest noticed after reading the application: declared all the same,
        and recorded as after viewing."""
        application = self._application(request, object_id)
        if not request.user.has_perm(REVIEW):
            raise PermissionDenied
        if request.method == "POST":
            try:
                return self._declare_conflict(request, application)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return redirect(self._change_url(application))
        return TemplateResponse(
            request,
            "admin/bursaries/application/conflict.html",
            self._context(request, application, title=gettext("Declare a conflict of interest")),
        )

    def _declare_conflict(self, request, application):
        services.review_declare_conflict(application_id=application.pk, reviewer=request.user)
        self.message_user(
            request,
            gettext("Thank you. You will not see application %(reference)s again.")
            % {"reference": application.reference},
        )
        return redirect("admin:bursaries_application_changelist")

    def review_view(self, request, object_id):
        application = self._application(request, object_id)
        if not request.user.has_perm(REVIEW):
            raise PermissionDenied
        review = selectors.review_of(application=application, user=request.user)
        if review is None:
            return redirect("admin:bursaries_application_open", application.pk)
        if review.submitted_at is not None:
            # A submitted review is final (services.review_submit refuses a second one).
            self.message_user(
                request,
                gettext(
                    "You have already submitted your review. A submitted review cannot be changed."
                ),
                messages.WARNING,
            )
            return redirect(self._change_url(application))
        if request.method == "POST":
            form = ReviewForm(data=request.POST)
            if form.is_valid():
                try:
                    services.review_submit(
                        application_id=application.pk, reviewer=request.user, **form.cleaned_data
                    )
                except ValidationError as error:
                    form.add_error(None, error.messages)
                else:
                    self.message_user(
                        request,
                        gettext("Your review of %(reference)s is saved.")
                        % {"reference": application.reference},
                        messages.SUCCESS,
                    )
                    return redirect(self._change_url(application))
        else:
            form = ReviewForm()
            services.application_view_record(
                application=application, actor=request.user, page="review"
            )
        return TemplateResponse(
            request,
            "admin/bursaries/application/review.html",
            self._context(
                request,
                application,
                form=form,
                title=gettext("Review %(reference)s") % {"reference": application.reference},
            ),
        )

    def move_view(self, request, object_id, to_status):
        """Decide, ask for more information, put in review or withdraw: one application."""
        application = self._application(request, object_id)
        if not request.user.has_perm(DECIDE):
            raise PermissionDenied
        if to_status not in application.next_statuses():
            raise Http404
        templates = list(selectors.decision_templates(outcome=to_status))
        chosen = next(
            (t for t in templates if str(t.pk) == request.GET.get("template")),
            templates[0] if templates else None,
        )
        form = DecisionForm(
            data=request.POST if request.method == "POST" else None,
            outcome=to_status,
            initial={
                "amount_awarded": application.amount_requested,
                "message": services.decision_message_draft(
                    application=application, template=chosen
                ),
            },
        )
        if request.method == "GET" and form.fields.get("message"):
            services.decision_message_preview_record(
                application=application, actor=request.user, outcome=to_status, template=chosen
            )
        if request.method == "POST" and form.is_valid():
            try:
                services.application_transition(
                    application_id=application.pk,
                    to_status=to_status,
                    actor=request.user,
                    amount_awarded=form.cleaned_data.get("amount_awarded"),
                    message=form.cleaned_data.get("message", ""),
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                fund = selectors.fund_with_totals(fund_id=application.fund_id)
                self.message_user(
                    request,
                    gettext("%(reference)s is now “%(status)s”. %(left)s is left in %(fund)s.")
                    % {
                        "reference": application.reference,
                        "status": Application.Status(to_status).label,
                        "left": _money(fund.remaining),
                        "fund": fund.name,
                    },
                    messages.SUCCESS,
                )
                return redirect(self._change_url(application))
        return TemplateResponse(
            request,
            "admin/bursaries/application/move.html",
            self._context(
                request,
                application,
                form=form,
                to_status=to_status,
                to_status_label=Application.Status(to_status).label,
                templates=templates,
                chosen=chosen,
                fund=selectors.fund_with_totals(fund_id=application.fund_id),
                average_score=self.average_score(application),
                title=gettext("%(reference)s: %(status)s")
                % {
                    "reference": application.reference,
                    "status": Application.Status(to_status).label,
                },
            ),
        )

    # Actions on many --------------------------------------------------------------------------

    @admin.action(description=_("Approve the selected applications…"), permissions=["decide"])
    def approve_selected(self, request, queryset):
        return self._bulk_decide(request, queryset, Application.Status.APPROVED)

    @admin.action(description=_("Decline the selected applications…"), permissions=["decide"])
    def decline_selected(self, request, queryset):
        return self._bulk_decide(request, queryset, Application.Status.DECLINED)

    def _bulk_decide(self, request, queryset, outcome):
        applications = list(queryset.order_by("submitted_at"))
        form = BulkDecisionForm(
            data=request.POST if "confirm" in request.POST else None, outcome=outcome
        )
        if form.is_valid():
            self._bulk_apply(request, applications, outcome, form.cleaned_data["template"])
            return None
        funds = {}
        for application in applications:
            funds.setdefault(application.fund_id, Decimal("0"))
            funds[application.fund_id] += application.amount_requested
        fund_rows = [
            (fund, funds[fund.pk])
            for fund in selectors.fund_list_with_totals().filter(pk__in=list(funds))
        ]
        return TemplateResponse(
            request,
            "admin/bursaries/application/bulk_decide.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": Application.Status(outcome).label,
                "outcome": outcome,
                "applications": applications,
                "fund_rows": fund_rows,
                "form": form,
                "action": request.POST.get("action"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )

    def _bulk_apply(self, request, applications, outcome, template):
        """All of them, or none: see services.applications_decide."""
        try:
            decided = services.applications_decide(
                application_ids=[application.pk for application in applications],
                outcome=outcome,
                actor=request.user,
                template=template,
            )
        except ValidationError as error:
            self.message_user(
                request,
                " ".join([gettext("Nothing was changed."), *error.messages]),
                messages.ERROR,
            )
            return
        self.message_user(
            request,
            ngettext(
                "%(count)d application is now “%(status)s”: %(references)s",
                "%(count)d applications are now “%(status)s”: %(references)s",
                len(decided),
            )
            % {
                "count": len(decided),
                "status": Application.Status(outcome).label,
                "references": ", ".join(application.reference for application in decided),
            },
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Remove the applicant's personal details now"), permissions=["decide"]
    )
    def anonymise_selected(self, request, queryset):
        """When someone asks us to delete their application sooner than the schedule would
        (the privacy notice says they may): after a confirmation, see
        services.application_anonymise."""
        applications = list(queryset.order_by("submitted_at"))
        if "confirm" not in request.POST:
            return TemplateResponse(
                request,
                "admin/bursaries/application/anonymise.html",
                {
                    **self.admin_site.each_context(request),
                    "opts": self.opts,
                    "title": gettext("Remove the applicant's personal details now"),
                    "applications": applications,
                    "action": request.POST.get("action"),
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                },
            )
        removed = [
            application.reference
            for application in applications
            if services.application_anonymise(application_id=application.pk, actor=request.user)
        ]
        if not removed:
            self.message_user(request, gettext("Nothing was changed."), messages.WARNING)
            return None
        self.message_user(
            request,
            ngettext(
                "Personal details removed from %(count)d application: %(references)s",
                "Personal details removed from %(count)d applications: %(references)s",
                len(removed),
            )
            % {"count": len(removed), "references": ", ".join(removed)},
            messages.SUCCESS,
        )
        return None

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_export": self.has_export_permission(request)}
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        """The list as it is filtered and searched, all of it, as a CSV file for funders."""
        if not self.has_export_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:bursaries_application_changelist") + "?e=1")
        return self.export_csv(request, changelist.get_queryset(request))

    @admin.action(
        description=_("Export the selected applications for funders (CSV)"),
        permissions=["export"],
    )
    def export_csv(self, request, queryset):
        """Figures for funders: no names, contact details, statements or referrers' names."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="bursary-applications.csv"'
        writer = csv.writer(response)
        supports = list(Application.Support)
        writer.writerow(
            [
                "reference",
                "fund",
                "opportunity",
                "status",
                "language",
                "referred_by",
                *[f"support_{support.value}" for support in supports],
                "requested",
                "awarded",
                "reviews",
                "average_score",
                "submitted_on",
                "decided_on",
            ]
        )
        references = []
        for application in queryset.order_by("submitted_at"):
            references.append(application.reference)
            row = [
                application.reference,
                application.fund.name,
                application.opportunity.title if application.opportunity else "",
                application.status,
                application.language,
                application.referrer_organisation.name if application.referrer_organisation else "",
                *["yes" if s.value in application.support else "" for s in supports],
                application.amount_requested,
                application.amount_awarded if application.amount_awarded is not None else "",
                application.review_count,
                f"{Decimal(application.score_total) / 3:.1f}"
                if application.score_total is not None
                else "",
                timezone.localdate(application.submitted_at).isoformat(),
                timezone.localdate(application.decided_at).isoformat()
                if application.decided_at
                else "",
            ]
            writer.writerow([spreadsheet_safe(cell) for cell in row])
        services.applications_export_record(references=references, actor=request.user)
        return response
