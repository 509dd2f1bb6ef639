from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from partners.models import PartnerOrganisation
        from sanctuary.pagecache import content_watch

        # The "Find support" page shows them: a change leaves every cached page behind.
        content_watch(PartnerOrganisation)
