"""Partner workers in the admin: staff invite one by email, and take the portal away from one
who has left. Both go through partners.services, which audits them."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext_lazy as _

from partners import selectors, services
from partners.models import PartnerWorker
from sanctuary.admin_input import SafeInputAdmin
from sanctuary.models import User
from sanctuary.text import PlainTextField


class PartnerWorkerInviteForm(forms.ModelForm):
    """Who to invite: the account is made with them, in the "Partner workers" role."""

    email = forms.EmailField(label=_("Email address"), max_length=254)
    first_name = PlainTextField(label=_("First name"), max_length=150)
    last_name = PlainTextField(label=_("Last name"), max_length=150, required=False)
    language = forms.ChoiceField(label=_("Language for their emails"))

    class Meta:
        model = PartnerWorker
        fields = ["organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.partner_list_active()
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
        ]

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"].strip())
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone already has an account with this address."))
        return email


@admin.register(PartnerWorker)
class PartnerWorkerAdmin(SafeInputAdmin, admin.ModelAdmin):
    list_display = ["email", "organisation", "is_active", "created_at"]
    list_filter = ["organisation", "user__is_active"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "user__first_name", "organisation__name"]
    readonly_fields = ["user", "organisation", "invited_by", "created_at", "is_active"]
    actions = ["deactivate"]

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = PartnerWorkerInviteForm
            kwargs["fields"] = ["email", "first_name", "last_name", "language", "organisation"]
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    None,
                    {
                        "fields": ["email", "first_name", "last_name", "language", "organisation"],
                        "description": _(
                            "We will email them a link to set their own password. They can use "
                            "the partner portal for this organisation only."
                        ),
                    },
                )
            ]
        return [(None, {"fields": self.readonly_fields})]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        # Their bookings and referrals name them: deactivate instead.
        return False

    @admin.display(description=_("email address"), ordering="user__email")
    def email(self, obj):
        return obj.user.email

    @admin.display(description=_("can use the portal"), boolean=True)
    def is_active(self, obj):
        return obj.user.is_active

    def save_model(self, request, obj, form, change):
        if change:
            return  # nothing on a worker is edited here
        worker = services.partner_worker_invite(
            email=form.cleaned_data["email"],
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            language=form.cleaned_data["language"],
            organisation=form.cleaned_data["organisation"],
            actor=request.user,
        )
        # The admin goes on with the object it gave us: it is now the one the service made.
        obj.pk, obj.user, obj.created_at = worker.pk, worker.user, worker.created_at
        obj.invited_by = worker.invited_by

    def save_related(self, request, form, formsets, change):
        """Nothing related: the service made the account."""

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(
            request,
            _("We have emailed %(email)s a link to set their password.")
            % {"email": obj.user.email},
        )
        return super().response_add(request, obj, post_url_continue)

    @admin.action(
        description=_("Take the partner portal away (they have left)"), permissions=["change"]
    )
    def deactivate(self, request, queryset):
        count = 0
        for worker in queryset.select_related("user").filter(user__is_active=True):
            services.partner_worker_deactivate(worker=worker, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d partner worker can no longer sign in.",
                "%(count)d partner workers can no longer sign in.",
                count,
            )
            % {"count": count},
        )
