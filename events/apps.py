from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Performances and events")

    def ready(self):
        # Registers the context builders of the guest ticket messages.
        from events import messages  # noqa: F401
