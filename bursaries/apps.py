from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BursariesConfig(AppConfig):
    name = "bursaries"
    verbose_name = _("Bursaries")

    def ready(self):
        # Registers the context builders of the bursary messages.
        from bursaries import messages  # noqa: F401
