"""Applications in the admin: the list (with its filters, figures and actions) and the page of
one application. Applications are never edited here: what the applicant wrote stays as they
wrote it, and every change of status goes through bursaries.services, from the workflow pages
in bursaries.staff_views that get_urls wires in."""

from functools import partial

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from bursaries import exports, rules, selectors, services, staff_views
from bursaries.admin.display import audit_label, money_or_dash, their_words
from bursaries.models import Application
from sanctuary.admin_input import SafeInputAdmin


class ReviewableFilter(admin.SimpleListFilter):
    """For a reviewer: the applications they may review now (bursaries.rules.reviewable_q)."""

    title = _("reviews")
    parameter_name = "reviewable"

    def lookups(self, request, model_admin):
        return [("yes", _("Open for you to review"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(reviewable=True)
        return queryset


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
class ApplicationAdmin(SafeInputAdmin, admin.ModelAdmin):
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
                    "portal_organisation",
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
        filters = list(self.list_filter)
        if rules.is_reviewer(request.user):
            filters.append(ReviewableFilter)
        if rules.may_see_messages(request.user):
            filters.append(MessagesFilter)
        return filters

    def get_search_fields(self, request):
        if rules.may_see_contact_details(request.user):
            return [*self.search_fields, *self.CONTACT_FIELDS]
        return self.search_fields

    def get_fieldsets(self, request, obj=None):
        if rules.may_see_contact_details(request.user):
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
        if rules.may_see_messages(request.user):
            return [*self.list_display, "message_problems"]
        return self.list_display

    @admin.display(description=_("for"))
    def what_for(self, obj):
        return obj.opportunity.title if obj.opportunity else gettext("Their own idea")

    @admin.display(description=_("requested"), ordering="amount_requested")
    def requested_display(self, obj):
        return money_or_dash(obj.amount_requested)

    @admin.display(description=_("awarded"), ordering="amount_awarded")
    def awarded_display(self, obj):
        return money_or_dash(obj.amount_awarded)

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
        return str(rules.average_score(obj.score_total))

    @admin.display(description=_("days waiting"), ordering="-submitted_at")
    def days_waiting(self, obj):
        if not rules.is_undecided(obj):
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

    @admin.display(description=pgettext_lazy("person", "name"))
    def name_display(self, obj):
        return their_words(obj.name)

    @admin.display(description=_("referrer's name"))
    def referrer_name_display(self, obj):
        return their_words(obj.referrer_name)

    @admin.display(description=_("what they would like to do, in their words"))
    def own_words_display(self, obj):
        return their_words(obj.own_words)

    @admin.display(description=_("what it would mean to them"))
    def statement_display(self, obj):
        return their_words(obj.statement)

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
        return rules.may_decide(request.user)

    def has_export_permission(self, request):
        return request.user.has_perm("bursaries.export_application")

    # One application --------------------------------------------------------------------------

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(partial(function, model_admin=self))

        return [
            path(
                "<path:object_id>/open/",
                view(staff_views.open_view),
                name="bursaries_application_open",
            ),
            path(
                "<path:object_id>/conflict/",
                view(staff_views.conflict_view),
                name="bursaries_application_conflict",
            ),
            path(
                "<path:object_id>/review/",
                view(staff_views.review_view),
                name="bursaries_application_review",
            ),
            path(
                "<path:object_id>/move/<slug:to_status>/",
                view(staff_views.move_view),
                name="bursaries_application_move",
            ),
            path("export/", view(staff_views.export_view), name="bursaries_application_export"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, unquote(object_id))
        if application is None:
            return super().change_view(request, object_id, form_url, extra_context)
        user = request.user
        can_decide = rules.may_decide(user)
        own_review = selectors.review_of(application=application, user=user)
        if own_review is None and not can_decide:
            # Reviewers first say whether they have a conflict of interest.
            return redirect("admin:bursaries_application_open", application.pk)
        if request.method == "GET":
            services.application_view_record(application=application, actor=user, page="details")
        # From the admin's queryset: bursaries.rules.reviewable_q, for this person.
        may_review = application.reviewable
        context = {
            "can_decide": can_decide,
            "can_review": may_review and not (own_review and own_review.submitted_at),
            "can_declare_conflict": may_review,
            "own_review": own_review,
            "reviews": selectors.reviews_visible_to(application=application, user=user),
            "moves": application.next_statuses() if can_decide else [],
            "fund": selectors.fund_with_totals(fund_id=application.fund_id),
            "score_total": application.score_total,
            "scores_visible": application.scores_visible,
        }
        if rules.may_see_messages(user):
            context["outbox_messages"] = selectors.application_messages(application=application)
        if user.has_perm("sanctuary.view_auditevent"):
            history = list(selectors.application_history(application=application))
            for event in history:
                event.label = audit_label(event)
            context["history"] = history
        return super().change_view(
            request, object_id, form_url, {**context, **(extra_context or {})}
        )

    # Actions on many --------------------------------------------------------------------------

    @admin.action(description=_("Approve the selected applications…"), permissions=["decide"])
    def approve_selected(self, request, queryset):
        return staff_views.bulk_decide(
            request, queryset, Application.Status.APPROVED, model_admin=self
        )

    @admin.action(description=_("Decline the selected applications…"), permissions=["decide"])
    def decline_selected(self, request, queryset):
        return staff_views.bulk_decide(
            request, queryset, Application.Status.DECLINED, model_admin=self
        )

    @admin.action(
        description=_("Remove the applicant's personal details now"), permissions=["decide"]
    )
    def anonymise_selected(self, request, queryset):
        return staff_views.anonymise_confirm(request, queryset, model_admin=self)

    @admin.action(
        description=_("Export the selected applications for funders (CSV)"),
        permissions=["export"],
    )
    def export_csv(self, request, queryset):
        return exports.applications_csv(applications=queryset, actor=request.user)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_export": self.has_export_permission(request)}
        return super().changelist_view(request, extra_context)
