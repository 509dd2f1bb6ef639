"""System checks of the site's own settings, for `manage.py check --deploy`."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def bench_view_off(app_configs, **kwargs):
    """The benchmark's bare view belongs to `make bench`, never to a real site."""
    if settings.BENCH_BARE_VIEW:
        return [
            checks.Warning(
                "BENCH_BARE_VIEW is on: the benchmark's bare view is served.",
                hint="Unset BENCH_BARE_VIEW; only `make bench` turns it on.",
                id="sanctuary.W001",
            )
        ]
    return []
