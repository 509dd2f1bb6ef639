"""The team's roles, as Django groups, and what each may do.

ROLE_PERMISSIONS is the one place that says it. A data migration creates the groups, and every
`migrate` brings their permissions up to date (so an app that adds models adds them here).
"""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    # The value is the group's name, which is stored; the label is what people read.
    PROGRAMME_STAFF = "Programme staff", _("Programme staff")
    BURSARY_REVIEWERS = "Bursary reviewers", _("Bursary reviewers")
    VOLUNTEERS = "Volunteers", _("Volunteers")
    PARTNER_WORKERS = "Partner workers", _("Partner workers")


# Roles whose work happens in the Django admin.
ROLES_WITH_ADMIN_ACCESS = (Role.PROGRAMME_STAFF, Role.BURSARY_REVIEWERS)

# Permissions that show people's contact details, or decide who may see them. Whoever holds
# one must use two-step sign-in (sanctuary.rules.must_use_two_factor).
CONTACT_DETAIL_PERMISSIONS = (
    "dropins.view_booking",
    "events.view_networkbooking",
    "events.view_mailinglistmember",
    "events.export_mailinglistmember",
    "bursaries.decide_application",
    "bursaries.export_application",
    "sanctuary.view_outgoingmessage",
    "sanctuary.view_user",
    "sanctuary.change_user",
)
# Applicants' names and statements, without their contact details: two-step sign-in is
# required when MFA_REQUIRED_FOR_REVIEWERS says so.
APPLICATION_READING_PERMISSIONS = ("bursaries.view_application", "bursaries.view_review")

# "app_label.codename" for each role.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PROGRAMME_STAFF: (
        "reports.view_reports",
        "reports.view_evidencestatement",
        "reports.change_evidencestatement",
        "venues.add_venue",
        "venues.change_venue",
        "venues.view_venue",
        "sanctuary.view_outgoingmessage",
        "sanctuary.retry_outgoingmessage",
        "sanctuary.view_smssuppression",
        "sanctuary.remove_smssuppression",
        "sanctuary.view_auditevent",
        "sanctuary.add_user",
        "sanctuary.change_user",
        "sanctuary.view_user",
        "dropins.add_dropinseries",
        "dropins.change_dropinseries",
        "dropins.view_dropinseries",
        "dropins.change_dropinsession",
        "dropins.view_dropinsession",
        "dropins.cancel_dropinsession",
        "dropins.view_booking",
        "dropins.cancel_booking",
        "attendance.take_attendance",
        "attendance.view_checkin",
        "attendance.view_attendance",
        "attendance.change_attendance",
        "bursaries.add_fund",
        "bursaries.change_fund",
        "bursaries.view_fund",
        "bursaries.add_opportunity",
        "bursaries.change_opportunity",
        "bursaries.view_opportunity",
        "partners.add_partnerorganisation",
        "partners.change_partnerorganisation",
        "partners.view_partnerorganisation",
        "partners.add_partnerworker",
        "partners.change_partnerworker",
        "partners.view_partnerworker",
        "events.add_performance",
        "events.change_performance",
        "events.view_performance",
        "events.add_guestallocation",
        "events.change_guestallocation",
        "events.view_guestallocation",
        "events.add_guestquota",
        "events.change_guestquota",
        "events.view_guestquota",
        "events.view_poolrequest",
        "events.view_guestticket",
        "events.change_guestticket",
        "bursaries.add_decisiontemplate",
        "bursaries.change_decisiontemplate",
        "bursaries.view_decisiontemplate",
        "bursaries.view_application",
        "bursaries.decide_application",
        "bursaries.export_application",
        "bursaries.add_review",
        "bursaries.view_review",
        "events.add_networkevent",
        "events.change_networkevent",
        "events.view_networkevent",
        "events.add_networkeventdate",
        "events.change_networkeventdate",
        "events.view_networkeventdate",
        "events.view_networkbooking",
        "events.change_networkbooking",
        "events.view_mailinglistmember",
        "events.export_mailinglistmember",
    ),
    Role.BURSARY_REVIEWERS: (
        "venues.view_venue",
        "bursaries.view_fund",
        "bursaries.view_opportunity",
        "partners.view_partnerorganisation",
        "bursaries.view_application",
        "bursaries.add_review",
        "bursaries.view_review",
    ),
    # Volunteers never use the admin: only the register at the door.
    Role.VOLUNTEERS: ("attendance.take_attendance",),
    # Partner workers never use the admin: only the portal, for their own organisation
    # (partners.rules.organisation_of says which).
    Role.PARTNER_WORKERS: ("partners.use_portal",),
}


def roles_sync(apps) -> None:
    """Create the role groups and give each exactly its permissions.

    Takes an app registry so that a migration can pass its historical one.
    """
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # A migration's historical app configs have no models module; create_permissions
        # skips those unless told otherwise.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = []
        for name in names:
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:  # its app may not be migrated yet
                wanted.append(permission)
        group.permissions.set(wanted)
