"""The benchmark's work inside Django: making its data and measuring what needs no HTTP load.

Run by scripts/bench/bench.py with the production settings, one step at a time, each printing
one line of JSON: `measure.py prepare`, `measure.py register 200`, `measure.py reminders 10000`,
`measure.py sweep-ready`, `measure.py admin 10`.
"""

import gzip
import json
import os
import secrets
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanctuary.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone, translation  # noqa: E402

from attendance import services as attendance  # noqa: E402
from attendance.selectors.changes import CHANGES_OVERLAP  # noqa: E402
from dropins import rules, selectors  # noqa: E402
from dropins.demo import family_session_today  # noqa: E402
from dropins.models import MAX_PLACES, Booking, DropInSeries, DropInSession, Weekday  # noqa: E402
from sanctuary.models import OutgoingMessage, User  # noqa: E402
from venues.models import Venue  # noqa: E402


class QueryCounter:
    """Counts the queries run while it wraps the connection (DEBUG off, as in production)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapping = connection.execute_wrapper(self)
        self._wrapping.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapping.__exit__(*exc)

    def __len__(self):
        return self.count


ADMIN_EMAIL = "bench.admin@example.org"
BENCH_TITLE = "Bench drop-in"


def _recount(session_ids) -> None:
    """Bookings written in bulk bypass the booking service: bring any count the sessions keep
    of their booked people back in step (a no-op where sessions keep none)."""
    field_names = {field.name for field in DropInSession._meta.get_fields()}
    if "booked_people" not in field_names:
        return
    for session in selectors.sessions_with_counts().filter(pk__in=list(session_ids)):
        DropInSession.objects.filter(pk=session.pk).update(booked_people=session.people_booked)


def bookings_add(session: DropInSession, count: int, *, email: bool, confirmed_at=None) -> None:
    """`count` confirmed bookings of one adult each, written in bulk."""
    now = timezone.now()
    start = Booking.objects.count()
    rows = [
        Booking(
            session=session,
            reference=f"B{start + index:09d}",
            token=secrets.token_urlsafe(48)[:64],
            first_name=f"Guest {start + index}",
            adults=1,
            children=index % 3,
            email=f"guest.{start + index}@example.org" if email else "",
            language=("en", "uk", "ar", "fa", "ps")[index % 5],
            status=Booking.Status.CONFIRMED,
            created_at=confirmed_at or now,
            confirmed_at=confirmed_at or now,
        )
        for index in range(count)
    ]
    Booking.objects.bulk_create(rows, batch_size=2000)
    _recount([session.pk])


def _bench_series(venue: Venue, *, capacity: int) -> DropInSeries:
    """A series of the benchmark's own, inactive (so it makes no sessions of its own)."""
    return DropInSeries.objects.create(
        venue=venue,
        title_en=BENCH_TITLE,
        weekday=Weekday.MONDAY,
        start_time=timezone.localtime().time().replace(second=0, microsecond=0),
        end_time=timezone.localtime().time().replace(second=0, microsecond=0),
        capacity=capacity,
        booking_opens_days=28,
        is_active=False,
    )


def prepare() -> dict:
    """The pages to drive, after demo_data: the home page, the drop-in list, the first open
    session's page (with its form), and a session with room for every booking the load makes."""
    sessions = [
        session
        for session in selectors.sessions_upcoming_public()
        if rules.is_bookable(session, timezone.now())
    ]
    page_session, post_session = sessions[0], sessions[-1]
    DropInSession.objects.filter(pk=post_session.pk).update(capacity=1_000_000)
    with translation.override("en"):
        return {
            "home": reverse("home"),
            "list": reverse("dropins:list"),
            "session": reverse("dropins:session", args=[page_session.pk]),
            "post": reverse("dropins:session", args=[post_session.pk]),
            "post_session_id": post_session.pk,
            "venue": reverse("venues:detail", args=["theatre-royal"]),
            "find_support": reverse("partners:find_support"),
            "not_found": "/en/no-such-page/",
            "bare": "/en/bench/bare/",
        }


def bookings_count(session_id: int) -> dict:
    return {"bookings": Booking.objects.filter(session_id=session_id).count()}


def lock_held(session_id: int, count: int = 200) -> dict:
    """How long a booking holds the session's row lock: from the moment its locking SELECT
    answers to the moment its COMMIT does, over `count` bookings made one after another (each
    with an email address, so its confirmation is queued under the lock too)."""
    from dropins import services

    held, started = [], {}

    def timed(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql and "FOR UPDATE" in sql and "dropins_dropinsession" in sql:
            started["at"] = time.perf_counter()
            # The first thing run once the booking's transaction has committed.
            transaction.on_commit(committed)
        return result

    def committed():
        held.append(time.perf_counter() - started.pop("at"))

    with connection.execute_wrapper(timed):
        for number in range(count):
            services.booking_create(
                session_id=session_id,
                first_name="Bench",
                adults=1,
                children=0,
                language="en",
                email=f"lock.{number}@example.org",
                submission_key=uuid.uuid4(),
            )
    held.sort()
    return {
        "bookings": count,
        "median_ms": round(statistics.median(held) * 1000, 2),
        "p95_ms": round(held[int(len(held) * 0.95)] * 1000, 2),
    }


def _wire(response) -> int:
    """Bytes on the wire: the body as sent (compressed by the site, or not)."""
    return len(response.content)


def register(size: int) -> dict:
    """The volunteers' register with `size` bookings, half of them in: its queries, its size as
    sent and gzipped, and the change feed's first answer and a steady one."""
    session = family_session_today()
    DropInSession.objects.filter(pk=session.pk).update(capacity=size * 4)
    have = session.bookings.count()
    if have < size:
        bookings_add(session, size - have, email=False)
    volunteer = User.objects.get(email="volunteer@example.org")
    to_check = list(
        session.bookings.filter(check_ins__isnull=True).order_by("pk").values_list("pk", flat=True)
    )[: max(0, size // 2 - session.bookings.filter(check_ins__isnull=False).count())]
    for booking_id in to_check:
        attendance.register_apply(
            session_id=session.pk,
            tap=attendance.RegisterTap(
                client_id=uuid.uuid4(), kind="check_in", booking_id=booking_id
            ),
            actor=volunteer,
        )
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    client.force_login(volunteer)
    with translation.override("en"):
        page = reverse("register:session", args=[session.pk])
        changes = reverse("register:changes", args=[session.pk])
    client.get(page)
    with QueryCounter() as queries:
        response = client.get(page)
    body = response.content
    raw = len(gzip.decompress(body)) if response.get("Content-Encoding") == "gzip" else len(body)
    with QueryCounter() as change_queries:
        first = client.get(changes, {"after": "0"})
    # A tablet asks every four seconds, and each answer repeats what changed in the overlap
    # before it: the steady answer is the one after that has passed.
    time.sleep(CHANGES_OVERLAP.total_seconds() + 4)
    cursor = json.loads(_decoded(first))
    for _ in range(2):
        steady = client.get(changes, {"after": cursor["after"], "since": cursor["since"]})
        cursor = json.loads(_decoded(steady))
    return {
        "bookings": session.bookings.count(),
        "status": response.status_code,
        "queries": len(queries),
        "html_bytes": raw,
        "wire_bytes": _wire(response),
        "encoding": response.get("Content-Encoding", "none"),
        "changes_first_wire_bytes": _wire(first),
        "changes_first_queries": len(change_queries),
        "changes_steady_wire_bytes": _wire(steady),
    }


def _decoded(response) -> bytes:
    if response.get("Content-Encoding") == "gzip":
        return gzip.decompress(response.content)
    return response.content


def reminders(size: int) -> dict:
    """`size` bookings with an email address at sessions starting within the day, booked well
    before: the reminder scan, run as beat would until it finds nothing more to do."""
    now = timezone.now()
    venue = Venue.objects.get(slug="stage-two")
    series = _bench_series(venue, capacity=size)
    per_session = 1000
    for number in range(0, size, per_session):
        starts_at = now + timedelta(hours=20, minutes=number // per_session)
        session = DropInSession.objects.create(
            series=series,
            date=timezone.localdate(starts_at) + timedelta(days=1 + number // per_session),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=size,
        )
        bookings_add(
            session,
            min(per_session, size - number),
            email=True,
            confirmed_at=now - timedelta(days=3),
        )
    from dropins.services.reminders import reminders_queue

    runs = bookings = 0
    started = time.perf_counter()
    with QueryCounter() as counter:
        while True:
            scan = reminders_queue(now=now)
            runs += 1
            bookings += scan.bookings
            if scan.bookings == 0 or runs > 200:
                break
    elapsed = time.perf_counter() - started
    return {
        "bookings": bookings,
        "runs_with_work": runs - 1,
        "queries": counter.count,
        "seconds": round(elapsed, 2),
        "pending_messages": OutgoingMessage.objects.filter(
            status=OutgoingMessage.Status.PENDING
        ).count(),
    }


def sweep_ready() -> dict:
    """Every pending message made overdue, as if no task had ever sent them."""
    past = timezone.now() - timedelta(hours=1)
    pending = OutgoingMessage.objects.filter(status=OutgoingMessage.Status.PENDING)
    count = pending.update(next_attempt_at=past, created_at=past)
    return {"overdue": count}


def messages_sent() -> dict:
    return {
        "sent": OutgoingMessage.objects.filter(status=OutgoingMessage.Status.SENT).count(),
        "unfinished": OutgoingMessage.objects.filter(status__in=OutgoingMessage.UNFINISHED).count(),
    }


def admin(size: int) -> dict:
    """The admin's changelists of bookings and of the outbox with `size` rows in each table:
    their queries and their time (the median of five)."""
    user = User.objects.filter(email=ADMIN_EMAIL).first()
    if user is None:
        user = User.objects.create_superuser(email=ADMIN_EMAIL, password=secrets.token_urlsafe())
    venue = Venue.objects.order_by("pk").first() or Venue.objects.create(
        name="Bench hall", slug="bench-hall", address="1 Theatre Street", postcode="NR2 1RL"
    )
    series = DropInSeries.objects.filter(title_en=BENCH_TITLE).first() or _bench_series(
        venue, capacity=MAX_PLACES
    )
    # A session holds at most MAX_PLACES people: the bookings go 1,000 to a session (each of
    # one to three people), a session a day.
    have = Booking.objects.count()
    while have < size:
        starts_at = timezone.now() + timedelta(days=2 + series.sessions.count())
        session = DropInSession.objects.create(
            series=series,
            date=timezone.localdate(starts_at),
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=MAX_PLACES,
        )
        bookings_add(session, min(1000, size - have), email=True)
        have = Booking.objects.count()
    have = OutgoingMessage.objects.count()
    if have < size:
        now = timezone.now()
        rows = [
            OutgoingMessage(
                channel=OutgoingMessage.Channel.EMAIL,
                recipient=f"guest.{have + index}@example.org",
                language="en",
                template="dropin_booking_reminder",
                context={},
                status=OutgoingMessage.Status.SENT,
                attempts=1,
                dedupe_key=f"bench:{have + index}",
                sent_at=now,
            )
            for index in range(size - have)
        ]
        with transaction.atomic():
            OutgoingMessage.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:  # what autovacuum does after a big change
        cursor.execute("ANALYZE dropins_booking, sanctuary_outgoingmessage")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    found = {}
    for name, path in (
        ("bookings", "/en/admin/dropins/booking/"),
        ("outbox", "/en/admin/sanctuary/outgoingmessage/"),
    ):
        assert client.get(path).status_code == 200, path
        times = []
        for _ in range(5):
            with QueryCounter() as queries:
                started = time.perf_counter()
                client.get(path)
                times.append(time.perf_counter() - started)
        found[name] = {"queries": len(queries), "ms": round(statistics.median(times) * 1000, 1)}
    return {"rows": size, **found}


if __name__ == "__main__":
    step, *arguments = sys.argv[1:]
    steps = {
        "prepare": prepare,
        "bookings": lambda session_id: bookings_count(int(session_id)),
        "lock": lambda session_id: lock_held(int(session_id)),
        "register": lambda size: register(int(size)),
        "reminders": lambda size: reminders(int(size)),
        "sweep-ready": sweep_ready,
        "sent": messages_sent,
        "admin": lambda size: admin(int(size)),
    }
    print("BENCH-JSON " + json.dumps(steps[step](*arguments), default=str))
