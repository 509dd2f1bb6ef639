from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VenuesConfig(AppConfig):
    name = "venues"
    verbose_name = _("Venues")

    def ready(self):
        from sanctuary.pagecache import content_watch
        from venues.models import Venue

        # Public pages show venues: a change leaves every cached page behind.
        content_watch(Venue)
