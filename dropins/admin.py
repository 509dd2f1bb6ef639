"""The drop-in in the Django admin, for programme staff: series, sessions with their counts,
and bookings. Every change goes through dropins.services, and so into the audit trail."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from dropins import rules, selectors, services
from dropins.forms import SessionCancelForm
from dropins.models import Booking, DropInSeries, DropInSession, InterpreterLanguage
from sanctuary.admin_input import SafeInputAdmin
from sanctuary.text import isolated_column


class DropInSeriesForm(forms.ModelForm):
    interpreter_languages = forms.MultipleChoiceField(
        label=_("languages with interpreters"),
        choices=InterpreterLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DropInSeries
        fields = [
            "venue",
            "title",
            "description",
            "weekday",
            "start_time",
            "end_time",
            "capacity",
            "booking_opens_days",
            "interpreter_languages",
            "is_active",
        ]


@admin.register(DropInSeries)
class DropInSeriesAdmin(SafeInputAdmin, TranslationAdmin):
    form = DropInSeriesForm
    list_display = [
        "title",
        "venue",
        "weekday",
        "start_time",
        "end_time",
        "capacity",
        "coming_sessions",
        "coming_booked",
        "coming_waiting",
        "is_active",
    ]
    list_filter = ["venue", "is_active"]
    fields = DropInSeriesForm.Meta.fields

    def get_queryset(self, request):
        return selectors.series_with_coming_counts()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "waitlist_rule": rules.waitlist_rule_words()}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("coming sessions"), ordering="coming_sessions")
    def coming_sessions(self, series):
        return series.coming_sessions

    @admin.display(description=_("booked, coming sessions"), ordering="coming_booked")
    def coming_booked(self, series):
        return series.coming_booked

    @admin.display(description=_("waiting, coming sessions"), ordering="coming_waiting")
    def coming_waiting(self, series):
        return series.coming_waiting

    def save_model(self, request, obj, form, change):
        services.series_save(series=obj, actor=request.user, changed=form.changed_data)

    def has_delete_permission(self, request, obj=None):
        # Sessions and bookings point at a series: stop one by making it inactive.
        return False


class UpcomingFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("Coming up")), ("past", _("Past"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.exclude(rules.ended_q(timezone.now()))
        if self.value() == "past":
            return queryset.filter(rules.ended_q(timezone.now()))
        return queryset


@admin.register(DropInSession)
class DropInSessionAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = [
        "starts_at",
        "venue",
        "status",
        "capacity",
        "booked",
        "waiting",
        "places_left",
        "bookings_link",
    ]
    list_filter = [UpcomingFilter, "status", "series__venue"]
    date_hierarchy = "starts_at"
    ordering = ["starts_at"]
    actions = ["cancel_sessions"]
    fields = [
        "series",
        "date",
        "starts_at",
        "ends_at",
        "capacity",
        "status",
        "cancel_reason",
        "cancel_note",
        "cancelled_at",
        "cancelled_by",
        "waiting_list",
    ]
    readonly_fields = [
        "series",
        "date",
        "starts_at",
        "ends_at",
        "status",
        "cancel_reason",
        "cancel_note",
        "cancelled_at",
        "cancelled_by",
        "waiting_list",
    ]

    def get_queryset(self, request):
        return selectors.sessions_with_counts()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "waitlist_rule": rules.waitlist_rule_words()}
        return super().changelist_view(request, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "waitlist_rule": rules.waitlist_rule_words()}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("waiting list, in its order"))
    def waiting_list(self, session):
        waiting = selectors.waitlist_of(session=session)
        if not waiting:
            return _("Nobody is waiting.")
        until = timezone.localtime(rules.waitlist_in_order_until(session))
        phase = (
            _("Strictly in order until %(when)s.") % {"when": until.strftime("%Y-%m-%d %H:%M")}
            if rules.is_waitlist_in_order(session, timezone.now())
            else _("Whoever fits goes in now, earliest first.")
        )
        return format_html(
            "<p>{}</p><ol>{}</ol>",
            phase,
            format_html_join(
                "",
                "<li>{} · {} · {}</li>",
                (
                    (
                        booking.reference,
                        ngettext("%(count)d person", "%(count)d people", booking.people)
                        % {"count": booking.people},
                        timezone.localtime(booking.created_at).strftime("%Y-%m-%d %H:%M"),
                    )
                    for booking in waiting
                ),
            ),
        )

    def get_changelist_instance(self, request):
        # Open on what is coming up, the sessions staff act on.
        if "when" not in request.GET and not request.GET.get("starts_at__year"):
            request.GET = request.GET.copy()
            request.GET["when"] = "upcoming"
        return super().get_changelist_instance(request)

    @admin.display(description=_("venue"), ordering="series__venue__name")
    def venue(self, session):
        return session.series.venue

    @admin.display(description=_("booked"), ordering="people_booked")
    def booked(self, session):
        return session.people_booked

    @admin.display(description=_("waiting"), ordering="people_waiting")
    def waiting(self, session):
        return session.people_waiting

    @admin.display(description=_("places left"), ordering="places_left")
    def places_left(self, session):
        return session.places_left

    @admin.display(description=_("bookings"))
    def bookings_link(self, session):
        url = reverse("admin:dropins_booking_changelist") + f"?session__id__exact={session.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Bookings"))

    def has_add_permission(self, request):
        return False  # sessions come from their series

    def has_cancel_permission(self, request):
        return request.user.has_perm("dropins.cancel_dropinsession")

    def has_delete_permission(self, request, obj=None):
        return False  # cancel instead, so that people are told

    def save_model(self, request, obj, form, change):
        services.session_capacity_set(
            session_id=obj.pk, capacity=form.cleaned_data["capacity"], actor=request.user
        )

    @admin.action(
        description=_("Cancel the selected sessions and tell everyone booked"),
        permissions=["cancel"],
    )
    def cancel_sessions(self, request, queryset):
        sessions = list(queryset.filter(rules.cancellable_sessions_q(timezone.now())))
        form = SessionCancelForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            for session in sessions:
                services.session_cancel(
                    session_id=session.pk,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            self.message_user(
                request,
                ngettext(
                    "%(count)d session is cancelled; everyone booked is being told.",
                    "%(count)d sessions are cancelled; everyone booked is being told.",
                    len(sessions),
                )
                % {"count": len(sessions)},
                messages.SUCCESS,
            )
            return None
        return render(
            request,
            "admin/dropins/cancel_sessions.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Cancel sessions"),
                "sessions": sessions,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


class SessionFilter(admin.SimpleListFilter):
    """Sessions from the last week on: the list of every session ever would only grow."""

    title = _("session")
    parameter_name = "session__id__exact"

    def lookups(self, request, model_admin):
        since = timezone.now() - timedelta(days=7)
        return [
            (str(session.pk), str(session)) for session in selectors.sessions_since(since=since)
        ]

    def queryset(self, request, queryset):
        if self.value():
            if not self.value().isdigit():
                raise IncorrectLookupParameters
            return queryset.filter(session_id=self.value())
        return queryset


@admin.register(Booking)
class BookingAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = [
        "reference",
        "first_name_isolated",
        "session",
        "adults",
        "children",
        "status",
        "repeated_contact",
        "interpreter_language",
        "created_at",
    ]
    list_filter = ["status", SessionFilter, "session__series__venue"]
    list_select_related = ["session__series"]
    search_fields = ["=reference", "first_name"]
    ordering = ["-created_at"]
    actions = ["cancel_bookings"]
    readonly_fields = [
        "session",
        "reference",
        "first_name_isolated",
        "adults",
        "children",
        "email",
        "phone",
        "language",
        "interpreter_language",
        "access_needs_isolated",
        "status",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "cancelled_by",
        "reminder_queued_at",
        "partner_organisation",
        "booked_by",
        "consent_recorded_at",
        "anonymised_at",
    ]
    exclude = ["token", "first_name", "access_needs"]
    first_name_isolated = isolated_column(Booking, "first_name")
    access_needs_isolated = isolated_column(Booking, "access_needs", multiline=True)

    def get_queryset(self, request):
        return selectors.bookings_with_repeated_contact()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "waitlist_rule": rules.waitlist_rule_words()}
        return super().changelist_view(request, extra_context)

    @admin.display(
        description=_("same contact as another booking"),
        boolean=True,
        ordering="repeated_contact",
    )
    def repeated_contact(self, booking):
        return booking.repeated_contact

    def get_search_results(self, request, queryset, search_term):
        # People read references out loud: "d 7kq4tm" finds D-7KQ4TM.
        from sanctuary.codes import reference_normalise

        found, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            found |= queryset.filter(reference=reference_normalise(search_term))
        return found, duplicates

    def has_add_permission(self, request):
        return False  # people book on the public site; staff can book for them there

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description=_("Cancel the selected bookings (their places go to the waiting list)"),
        permissions=["cancel"],
    )
    def cancel_bookings(self, request, queryset):
        count = 0
        for booking in queryset.filter(rules.live_q()):
            services.booking_cancel(
                booking_id=booking.pk, by=Booking.CancelledBy.STAFF, actor=request.user
            )
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d booking is cancelled.", "%(count)d bookings are cancelled.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def has_cancel_permission(self, request):
        return request.user.has_perm("dropins.cancel_booking")
