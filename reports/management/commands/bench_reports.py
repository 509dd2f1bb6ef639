"""Time the reports on a year of made-up data: the dashboard, the evidence pack and each export,
with the database queries each needs.

    python manage.py bench_reports                # in a throwaway database, dropped afterwards
    python manage.py bench_reports --here --yes   # in the configured database (never real data!)

By default the data goes into a database of its own (the configured one's name with "_bench"
on the same server, or memory for SQLite), made, migrated and dropped by this command, so it
never touches real data. `--here` writes into the configured database instead, and only when
its name says "bench" or `--yes` is given.
"""

import re
import statistics
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from reports import bench, charts, selectors, services
from reports.models import ReportExport
from sanctuary import services as accounts
from sanctuary.roles import Role


class Command(BaseCommand):
    help = "Make a year of made-up programme data and time each reports page and export."

    def add_arguments(self, parser):
        parser.add_argument(
            "--here",
            action="store_true",
            help="Use the configured database rather than a throwaway one (see --yes).",
        )
        parser.add_argument(
            "--yes",
            action="store_true",
            help="With --here: write made-up data into a database whose name does not say bench.",
        )
        parser.add_argument("--keep", action="store_true", help="Keep the throwaway database.")
        parser.add_argument(
            "--repeat", type=int, default=3, help="Times each is measured (the median is shown)."
        )

    def handle(self, *args, here, yes, keep, repeat, **options):
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        if here:
            name = str(connection.settings_dict["NAME"])
            if "bench" not in name.lower() and not yes:
                raise CommandError(
                    f"The database {name!r} may hold real data: this command fills it with "
                    "made-up rows. Run it without --here (a throwaway database), name a "
                    "database with 'bench' in it, or add --yes if you are sure."
                )
            self._bench(repeat)
            return
        original = connection.settings_dict["NAME"]
        if connection.vendor != "sqlite":
            connection.settings_dict.setdefault("TEST", {})["NAME"] = f"{original}_bench"
        self.stdout.write("Making a throwaway database…")
        made = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        self.stdout.write(f"  {made}")
        try:
            self._bench(repeat)
        finally:
            if keep:
                self.stdout.write(f"Kept the database {made}.")
            else:
                connection.creation.destroy_test_db(original, verbosity=0, keepdb=False)

    def _bench(self, repeat: int):
        today = timezone.localdate()
        start = today.replace(year=today.year - 1) + timezone.timedelta(days=1)
        self.stdout.write("Making a year of the programme…")
        began = time.perf_counter()
        made = bench.bench_data_make(today=today)
        self.stdout.write(
            f"  {made.venues} venues, {made.sessions} sessions, {made.bookings} bookings, "
            f"{made.check_ins} check-ins, {made.applications} applications, "
            f"{made.performances} performances with {made.guest_tickets} guest tickets, "
            f"{made.network_bookings} network bookings "
            f"({time.perf_counter() - began:.1f} s)"
        )
        if connection.vendor == "postgresql":
            # A live database has its planner's statistics kept by autovacuum; rows made a
            # moment ago have none yet, and the planner would guess as if the tables were empty.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        staff = accounts.user_create(
            email=f"bench-{time.time_ns()}@bench.example.org",
            roles=[Role.PROGRAMME_STAFF],
            actor=None,
            first_name="Bench",
        )
        # As a gunicorn worker finds it (gunicorn.conf.py): the drawing library loaded.
        charts.warm_up()
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(staff)
        period = {"start": start.isoformat(), "end": today.isoformat()}
        one_venue = bench.Venue.objects.filter(slug__startswith="bench-").order_by("-pk").first()

        def report(**venue):
            return selectors.report_for(start=start, end=today, **venue)

        def page(path: str) -> Callable:
            def get():
                response = client.get(path)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")

            return get

        def export(file_format: str) -> Callable:
            def make():
                with translation.override("en"):
                    services.export_file_make(report=report(), file_format=file_format)

            return make

        query = "&".join(f"{key}={value}" for key, value in period.items())
        dashboard = reverse("reports:dashboard") if _has_dashboard() else ""
        runs = [
            ("build_report: a year, every venue", lambda: report()),
            ("build_report: a year, one venue", lambda: report(venue_slug=one_venue.slug)),
        ]
        if dashboard:
            url = f"{dashboard}?period=custom&{query}"
            runs.append((f"dashboard {dashboard}", page(url)))

            def not_drawn():
                with charts.drawn_afresh():
                    return client.get(url).content.decode()

            images = []

            def drawn_each():
                # The browser asks for each chart not drawn yet on its own (the workers draw
                # them side by side); here one after another, so this is their sum.
                images[:] = images or re.findall(r'<img class="chart" src="([^"]+)"', not_drawn())
                with charts.drawn_afresh():
                    for src in images:
                        page(src)()

            runs.append(("dashboard, no chart drawn yet", not_drawn))
            runs.append(("  and its charts, drawn one after another", drawn_each))
        runs += [
            ("evidence pack page", page(f"{reverse('report_exports:evidence')}?{query}")),
            *((f"export: {label}", export(value)) for value, label in ReportExport.Format.choices),
        ]
        self.stdout.write(f"\n{'what':<52}{'seconds':>9}{'first':>9}{'queries':>9}")
        for label, run in runs:
            self._measure(label, run, repeat)

    def _measure(self, label: str, run: Callable, repeat: int):
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                run()
                times.append(time.perf_counter() - began)
        self.stdout.write(
            f"{label:<52}{statistics.median(times):>9.3f}{times[0]:>9.3f}{len(queries):>9}"
        )


def _has_dashboard() -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse("reports:dashboard")
    except NoReverseMatch:
        return False
    return True
