from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from sanctuary import audit, outbox, rules, selectors, services
from sanctuary.admin_input import SafeInputAdmin
from sanctuary.models import AuditEvent, OutgoingMessage, User
from sanctuary.roles import Role
from sanctuary.sms import admin as sms_admin  # noqa: F401 (registers the STOP list's page)
from sanctuary.text import isolated_column


class UserCreationForm(forms.ModelForm):
    """A new team member gets an email with a link to set their own password."""

    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "language", "venues"]


class UserChangeForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "first_name", "last_name", "language", "is_active", "groups", "venues"]


@admin.register(User)
class UserAdmin(SafeInputAdmin, DjangoUserAdmin):
    """Team accounts. Permissions come only from the three roles; nobody sets another
    person's password, and only a superuser can see or change a superuser or an email."""

    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = [
        "email",
        "first_name_isolated",
        "last_name_isolated",
        "role_names",
        "is_active",
        "last_login",
    ]
    list_filter = ["groups", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name"]
    filter_horizontal = []
    first_name_isolated = isolated_column(User, "first_name")
    last_name_isolated = isolated_column(User, "last_name")
    actions = ["send_set_password_link", "reset_two_factor"]
    add_fieldsets = [
        (
            None,
            {
                "fields": ["email", "first_name", "last_name", "language", "groups", "venues"],
                "description": _(
                    "We will email them a link to set their own password. Nobody else sees it."
                ),
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        roles = ["groups", "venues", "is_staff"]
        if request.user.is_superuser:
            roles.append("is_superuser")
        return [
            (None, {"fields": ["email", "first_name", "last_name", "language", "is_active"]}),
            (_("Roles"), {"fields": roles}),
            (_("Dates"), {"fields": ["last_login", "date_joined"]}),
        ]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["fields"] = ["email", "first_name", "last_name", "language", "groups", "venues"]
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        readonly = ["last_login", "date_joined", "is_staff"]
        if obj is not None and not request.user.is_superuser:
            # Whoever controls the address controls the account (set-password links go there).
            readonly.append("email")
        return readonly

    def get_queryset(self, request):
        queryset = super().get_queryset(request).prefetch_related("groups")
        if not request.user.is_superuser:
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = selectors.role_groups()
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["label"] = _("Roles")
            kwargs["help_text"] = ""
        if db_field.name == "venues":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("roles"))
    def role_names(self, obj):
        return ", ".join(
            str(Role(group.name).label) for group in obj.groups.all() if group.name in Role
        )

    def user_change_password(self, request, id, form_url=""):
        # People set their own passwords, from an emailed link.
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        """Saved with its roles by save_related, in one service call."""

    def save_related(self, request, form, formsets, change):
        services.user_save(
            user=form.instance,
            roles=form.cleaned_data["groups"],
            venues=form.cleaned_data["venues"],
            actor=request.user,
            changed=form.changed_data,
        )
        if not change:
            self.message_user(
                request,
                _("We have emailed %(email)s a link to set their password.")
                % {"email": form.instance.email},
            )

    @admin.action(description=_("Email a link to set a new password"), permissions=["change"])
    def send_set_password_link(self, request, queryset):
        count = 0
        for user in queryset.filter(is_active=True):
            services.user_invite(user=user, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Sent a set-password link to %(count)d person.",
                "Sent a set-password link to %(count)d people.",
                count,
            )
            % {"count": count},
        )

    @admin.action(
        description=_("Turn off two-step sign-in (a lost phone): they set it up again"),
        permissions=["change"],
    )
    def reset_two_factor(self, request, queryset):
        count = sum(
            bool(services.user_two_factor_reset(user=user, actor=request.user)) for user in queryset
        )
        self.message_user(
            request,
            ngettext(
                "Turned off two-step sign-in for %(count)d person.",
                "Turned off two-step sign-in for %(count)d people.",
                count,
            )
            % {"count": count},
        )


class ReadOnlyAdmin(SafeInputAdmin, admin.ModelAdmin):
    """Rows that only services write: the admin shows them and never changes them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class KnownValuesFilter(admin.SimpleListFilter):
    """A filter whose choices come from the code, not from a DISTINCT over the whole table
    (which grows with the outbox, page after page)."""

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(**{self.parameter_name: self.value()})
        return queryset


class TemplateFilter(KnownValuesFilter):
    title = _("template")
    parameter_name = "template"

    def lookups(self, request, model_admin):
        return [(name, name) for name in outbox.message_templates()]


class LanguageFilter(KnownValuesFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return settings.LANGUAGES


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "template",
        "channel",
        "masked_recipient",
        "language",
        "status",
        "attempts",
        "sent_at",
        "delivery",
    ]
    # Dates as ranges (today, the past 7 days…) rather than a date hierarchy, which reads every
    # row's date on every page.
    list_filter = [
        "status",
        "delivery_status",
        "channel",
        TemplateFilter,
        LanguageFilter,
        ("created_at", admin.DateFieldListFilter),
    ]
    search_fields = ["recipient", "dedupe_key"]
    actions = ["retry_failed"]
    fields = [
        "channel",
        "recipient",
        "language",
        "template",
        "context",
        "subject_type",
        "subject_id",
        "status",
        "attempts",
        "last_error",
        "dedupe_key",
        "created_at",
        "next_attempt_at",
        "sending_since",
        "sent_at",
        "provider_message_id",
        "delivery_status",
        "provider_error_code",
        "provider_error_reason",
        "delivered_at",
    ]

    @admin.display(description=_("recipient"))
    def masked_recipient(self, obj):
        return obj.masked_recipient

    @admin.display(description=_("delivery"), ordering="delivery_status")
    def delivery(self, obj):
        if not obj.delivery_status:
            return "–"
        if obj.provider_error_code:
            return f"{obj.get_delivery_status_display()} ({obj.provider_error_code})"
        return obj.get_delivery_status_display()

    def changelist_view(self, request, extra_context=None):
        self._warn_of_sms_cap(request)
        return super().changelist_view(request, extra_context)

    def _warn_of_sms_cap(self, request) -> None:
        if rules.sms_daily_cap_reached(timezone.now()):
            messages.error(
                request,
                _(
                    "Today's cap on text messages (%(cap)d, the SMS_DAILY_CAP setting) is "
                    "reached: texts wait until after midnight and then go."
                )
                % {"cap": settings.SMS_DAILY_CAP},
            )

    def has_retry_permission(self, request):
        return request.user.has_perm("sanctuary.retry_outgoingmessage")

    @admin.action(description=_("Try failed messages again"), permissions=["retry"])
    def retry_failed(self, request, queryset):
        retried = sum(
            services.message_retry(message=message, actor=request.user)
            # The service says which have failed (the others are left as they are).
            for message in queryset
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d failed message will be tried again.",
                "%(count)d failed messages will be tried again.",
                retried,
            )
            % {"count": retried},
            messages.SUCCESS if retried else messages.WARNING,
        )
        if retried and queryset.filter(channel=OutgoingMessage.Channel.SMS).exists():
            self._warn_of_sms_cap(request)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "actor", "action", "content_type", "object_repr", "what_changed"]
    list_filter = ["action", "content_type", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["actor", "content_type"]
    search_fields = ["object_repr", "action", "actor__email"]
    fields = [
        "created_at",
        "actor",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "what_changed",
        "detail",
    ]

    @admin.display(description=_("what changed"))
    def what_changed(self, obj):
        lines = audit.describe(obj.detail)
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))
