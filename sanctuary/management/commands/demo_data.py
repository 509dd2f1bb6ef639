"""Load demo data for `make run`: every installed app that has a `demo` module loads its own
(`<app>/demo.py`, a `demo_load()` function), in the order of INSTALLED_APPS, so that each app's
demo can build on the apps it depends on. Safe to run again: it updates what is there rather
than adding more. The demo accounts each demo module offers (`DEMO_ACCOUNTS`: email, first
name, roles) are printed, in the same order."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from sanctuary.demo import DEMO_PASSWORD


def demo_modules() -> list:
    """Each installed app's demo module, in INSTALLED_APPS order."""
    return [
        import_module(f"{config.name}.demo")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "demo")
    ]


def demo_loaders() -> list:
    """Each installed app's demo_load(), in INSTALLED_APPS order."""
    return [module.demo_load for module in demo_modules()]


def demo_accounts() -> list:
    """Every demo module's DEMO_ACCOUNTS, in INSTALLED_APPS order."""
    return [
        account for module in demo_modules() for account in getattr(module, "DEMO_ACCOUNTS", [])
    ]


class Command(BaseCommand):
    help = "Load the demo venues, accounts, drop-ins and bursaries (development only)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is for development only.")
        with transaction.atomic():
            for demo_load in demo_loaders():
                demo_load()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data is loaded. Team sign-in: {settings.SITE_URL}/en/accounts/login/"
            )
        )
        accounts = demo_accounts()
        width = max((len(email) for email, _first_name, _roles in accounts), default=0)
        for email, _first_name, roles in accounts:
            role_names = ", ".join(role.value for role in roles)
            self.stdout.write(f"  {email:<{width}}  password: {DEMO_PASSWORD}   ({role_names})")
