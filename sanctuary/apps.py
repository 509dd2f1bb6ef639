from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _roles_sync(sender, **kwargs):
    from django.apps import apps

    from sanctuary.roles import roles_sync

    roles_sync(apps)


class SanctuaryConfig(AppConfig):
    name = "sanctuary"
    verbose_name = _("Sanctuary")

    def ready(self):
        # Registers the context builders of the shared messages.
        from sanctuary import checks, services  # noqa: F401

        # Keep the roles' permissions in step with the models after every migrate.
        post_migrate.connect(_roles_sync, sender=self, dispatch_uid="sanctuary.roles_sync")
