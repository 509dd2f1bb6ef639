from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DropinsConfig(AppConfig):
    name = "dropins"
    verbose_name = _("Welcome drop-in")

    def ready(self):
        # Registers the context builders of the drop-in messages.
        from dropins import messages  # noqa: F401
