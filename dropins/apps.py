from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DropinsConfig(AppConfig):
    name = "dropins"
    verbose_name = _("Welcome drop-in")

    def ready(self):
        # Registers the context builders of the drop-in messages.
        from dropins import messages  # noqa: F401
        from dropins.models import DropInSeries, DropInSession
        from sanctuary.pagecache import content_watch

        # Public pages show series and sessions: a change leaves every cached page behind. What
        # a booking changes (the places left) is read fresh for every page instead.
        content_watch(DropInSeries, DropInSession)
