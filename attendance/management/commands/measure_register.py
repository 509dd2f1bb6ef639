"""Measure the register at the door with 200 bookings: what a tablet downloads to open it, how
many queries it takes, and how long the server takes to answer a check-in and a poll.

    python manage.py measure_register [--bookings 200] [--taps 100]

Everything it makes is rolled back at the end. Run it against PostgreSQL (DATABASE_URL) for
figures that mean something.
"""

import gzip
import json
import re
import statistics
import time
import uuid
from datetime import time as clock
from datetime import timedelta

import brotli
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dropins import services
from dropins.models import LONDON, DropInSeries, DropInSession
from sanctuary.roles import Role
from sanctuary.services import user_create
from venues.models import Venue


class Command(BaseCommand):
    help = "Measure the register's size, queries and check-in time with many bookings."

    def add_arguments(self, parser):
        parser.add_argument("--bookings", type=int, default=200)
        parser.add_argument("--taps", type=int, default=100)

    def handle(self, *args, bookings, taps, **options):
        if settings.PRODUCTION:
            raise CommandError("This makes and removes data: not in production.")
        with transaction.atomic():
            self._measure(bookings, taps)
            transaction.set_rollback(True)

    def _measure(self, count, taps):
        session, volunteer = self._session(count)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(volunteer)
        page = reverse("register:session", kwargs={"pk": session.pk})
        client.get(page)
        reset_queries()  # the log holds 9,000 queries at most, and making the bookings filled it
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page)
        query_count = len(queries)  # the next request empties the log
        if response.status_code != 200:
            raise CommandError(f"the register answered {response.status_code}")
        html = response.content
        assets = [("html", html)]
        text = html.decode()
        for href in re.findall(r'href="/static/([^"]+\.css)"', text):
            assets.append((href, self._static(href)))
        for src in re.findall(r'<script src="([^"]+)"', text):
            if src.startswith("/static/"):
                assets.append((src, self._static(src.removeprefix("/static/"))))
            else:
                assets.append((src, client.get(src).content))
        self.stdout.write(f"Register with {count} bookings: {query_count} queries")
        self.stdout.write(f"{'file':<28}{'raw':>9}{'gzip':>9}{'brotli':>9}")
        totals = [0, 0, 0]
        for name, body in assets:
            sizes = [len(body), len(gzip.compress(body, 9)), len(brotli.compress(body))]
            totals = [a + b for a, b in zip(totals, sizes, strict=True)]
            self.stdout.write(f"{name[-28:]:<28}" + "".join(f"{size:>9,}" for size in sizes))
        self.stdout.write(f"{'all':<28}" + "".join(f"{size:>9,}" for size in totals))

        sync = reverse("register:sync", kwargs={"pk": session.pk})
        changes = reverse("register:changes", kwargs={"pk": session.pk})
        booking_ids = list(session.bookings.values_list("pk", flat=True)[:taps])
        check_in_times, poll_times = [], []
        cursor = {"after": 0, "since": timezone.now().isoformat()}
        for booking_id in booking_ids:
            now = int(time.time() * 1000)
            body = json.dumps(
                {
                    "sent_at": now,
                    "taps": [
                        {
                            "id": str(uuid.uuid4()),
                            "kind": "check_in",
                            "booking": booking_id,
                            "at": now,
                        }
                    ],
                }
            )
            started = time.perf_counter()
            answer = client.post(sync, body, content_type="application/json")
            check_in_times.append(time.perf_counter() - started)
            if answer.status_code != 200:
                raise CommandError(f"check-in answered {answer.status_code}")
            # What another tablet asks next: the changes since it last asked.
            started = time.perf_counter()
            found = client.get(changes, cursor).json()
            poll_times.append(time.perf_counter() - started)
            cursor = {"after": found["after"], "since": found["since"]}
        for name, times in (("check-in", check_in_times), ("poll for changes", poll_times)):
            ordered = sorted(times)
            p95 = ordered[int(len(ordered) * 0.95) - 1]
            median = statistics.median(times) * 1000
            self.stdout.write(
                f"{name} ({len(times)} requests, {connection.vendor}): "
                f"median {median:.1f} ms, 95th percentile {p95 * 1000:.1f} ms"
            )

    def _static(self, path):
        with open(finders.find(path), "rb") as file:
            return file.read()

    def _session(self, count):
        venue = Venue.objects.create(name="Measure venue", slug=f"measure-{uuid.uuid4().hex[:8]}")
        tomorrow = timezone.localdate(timezone=LONDON) + timedelta(days=1)
        series = services.series_save(
            series=DropInSeries(
                venue=venue,
                title_en="Measure",
                weekday=tomorrow.weekday(),
                start_time=clock(10, 30),
                end_time=clock(13, 0),
                capacity=count * 3,
            ),
            actor=None,
        )
        session = series.sessions.order_by("starts_at").first()
        for index in range(count):
            services.booking_create(
                session_id=session.pk,
                first_name=f"Person {index:03}",
                adults=1 + index % 2,
                children=index % 3,
                language="en",
                interpreter_language="ar" if index % 4 == 0 else "",
                access_needs="Step-free entrance" if index % 9 == 0 else "",
            )
        now = timezone.now()
        # Booked days ago, as at a real drop-in (a poll re-sends bookings changed just now).
        session.bookings.update(updated_at=now - timedelta(days=2))
        DropInSession.objects.filter(pk=session.pk).update(
            date=timezone.localdate(now, LONDON), starts_at=now, ends_at=now + timedelta(hours=3)
        )
        volunteer = user_create(
            email=f"measure-{uuid.uuid4().hex[:8]}@example.org",
            roles=[Role.VOLUNTEERS],
            venues=[venue],
            actor=None,
            password=uuid.uuid4().hex,
        )
        return session, volunteer
