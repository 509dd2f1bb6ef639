from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Performances and events")

    def ready(self):
        # Registers the context builders of the events' messages.
        from events.messages import mailing, network, pool, tickets  # noqa: F401
