import asyncio
import collections
import io
import os
import shutil
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connections
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from sanctuary import sms
from sanctuary.cache import breakers_reset
from sanctuary.celery import app
from tests import factories
from tests.own_redis import free_port, own_broker, own_redis  # noqa: F401 (fixtures)
from tests.sanctuary.twilio_server import fake_twilio  # noqa: F401 (fixture)

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# axe-core from the npm registry (package.json; `make test` runs npm ci): the browser tests'
# accessibility check.
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
LONDON = ZoneInfo("Europe/London")
# Every test starts at this instant (a plain Tuesday morning) unless --instant says otherwise,
# so no test depends on the day it happens to be run.
DEFAULT_INSTANT = "2026-11-10T10:00"

# Property-based tests: no deadline (a loaded machine is slow, not wrong), no example database
# written into the checkout, and under CI the same examples on every run, so that a red build
# can be run again and gives the same answer.
hypothesis_settings.register_profile(
    "sanctuary",
    deadline=None,
    database=None,
    derandomize=CI,
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile("sanctuary")


def pytest_addoption(parser):
    parser.addoption(
        "--instant",
        default=DEFAULT_INSTANT,
        help="ISO 8601 date and time every test starts at; Europe/London local time if it has "
        "no offset (the first of an hour that happens twice). Default: %(default)s.",
    )
    parser.addoption(
        "--instants",
        default="",
        help="Comma-separated ISO 8601 instants at which the tests marked `instants` run too, "
        "besides --instant (the Makefile's test-instants lists the awkward ones).",
    )


def _parse_instant(value: str, option: str) -> datetime:
    try:
        instant = datetime.fromisoformat(value.strip())
    except ValueError:
        raise pytest.UsageError(f"{option}: {value!r} is not an ISO 8601 date and time") from None
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=LONDON)
    return instant.astimezone(UTC)


def suite_instant(config) -> datetime:
    return _parse_instant(config.getoption("instant"), "--instant")


def pytest_generate_tests(metafunc):
    """Tests marked `instants` run once at --instant and once at each of --instants."""
    extra = [value for value in metafunc.config.getoption("instants").split(",") if value.strip()]
    if not extra or not metafunc.definition.get_closest_marker("instants"):
        return
    values = [metafunc.config.getoption("instant"), *extra]
    metafunc.parametrize(
        "instant",
        [_parse_instant(value, "--instants") for value in values],
        ids=[f"at {value.strip()}" for value in values],
    )


def _available() -> dict[str, bool]:
    return {
        **settings.TEST_SERVICES,
        "browser": os.path.exists(CHROMIUM),
        "gettext": shutil.which("xgettext") is not None,
        "axe": AXE.exists(),
    }


def pytest_sessionstart(session):
    missing = [name for name, ok in _available().items() if not ok]
    if CI and missing:
        pytest.exit(
            "CI needs PostgreSQL, Redis, Chromium, gettext and axe-core; missing: "
            f"{', '.join(missing)}",
            returncode=1,
        )


def pytest_report_header(config):
    instant = suite_instant(config)
    return [
        "services: "
        + ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in _available().items()),
        f"instant: {instant.astimezone(LONDON):%A %d %B %Y %H:%M %Z} ({instant:%Y-%m-%dT%H:%M}Z)",
    ]


@pytest.fixture(scope="session")
def instant(pytestconfig) -> datetime:
    """The moment every test starts at (aware, in UTC)."""
    return suite_instant(pytestconfig)


@pytest.fixture(autouse=True)
def clock(instant):
    """Each test starts at the suite's instant and time flows on from there. time-machine
    patches the C-level clock functions, so the live server's and the Celery worker's threads
    read the same time; monotonic clocks (timeouts) are left alone."""
    with time_machine.travel(instant.timestamp(), tick=True) as traveller:
        yield traveller


def pytest_collection_modifyitems(config, items):
    available = _available()
    reasons = {
        "postgres": "PostgreSQL is not answering (set DATABASE_URL or start it)",
        "redis": "Redis is not answering (set REDIS_URL or start it)",
        "browser": f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
        "gettext": "GNU gettext is not installed (apt-get install gettext)",
        "axe": "axe-core is not installed (npm ci)",
    }
    for item in items:
        for name, reason in reasons.items():
            if item.get_closest_marker(name) and not available[name]:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _fresh_cache_sms_and_language():
    # A request leaves its language active in this thread; each test starts in English.
    translation.activate(settings.LANGUAGE_CODE)
    breakers_reset()
    cache.clear()
    sms.outbox.clear()
    yield
    sms.outbox.clear()


# Rows that migrating makes (and flushing the database makes again, under new ids): a demo
# dump leaves them out and names them by their natural keys instead.
MADE_BY_MIGRATING = ["contenttypes", "auth.permission", "sessions"]


@pytest.fixture(scope="session")
def _demo_dumps(tmp_path_factory):
    """Where this worker keeps the demo data once built (each xdist worker has its own)."""
    return tmp_path_factory.mktemp("demo")


@pytest.fixture
def demo(_demo_dumps, instant, clock):
    """Loads the demo data as `make run` does: built by demo_data the first time on this
    worker at this instant and dumped, then restored from the dump (a fraction of the cost).
    Every test starts at the same instant, so the same rows are right for each of them."""

    def load() -> None:
        dump = _demo_dumps / f"demo-{int(instant.timestamp())}.json"
        if dump.exists():
            call_command("loaddata", str(dump), stdout=io.StringIO())
            return
        call_command("demo_data", stdout=io.StringIO())
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=MADE_BY_MIGRATING,
            output=str(dump),
            stdout=io.StringIO(),
        )

    return load


@pytest.fixture
def venues(db, demo):
    """The three real venues, loaded the way `make run` loads them."""
    from venues.models import Venue

    demo()
    return list(Venue.objects.all())


@pytest.fixture
def programme_staff(db):
    return factories.user_with_role("Programme staff")


@pytest.fixture
def reviewer(db):
    return factories.user_with_role("Bursary reviewers")


@pytest.fixture
def volunteer(db):
    return factories.user_with_role("Volunteers")


# A real SMTP server on this machine, whose replies each test scripts --------------------------


class ScriptedSmtpHandler:
    def __init__(self):
        self.replies: list[str] = []  # replies to give to DATA, in order; then "250"
        self.received: list = []  # messages accepted (answered 250)
        self.peers: set = set()  # the client end of each connection a message came over
        self.delay = 0.0  # seconds to think before answering
        # Hold the next message at DATA, unanswered, until `release` is set: the send is in
        # flight. `held` is set once it is held; a client that hangs up meanwhile sent nothing.
        self.hold_next = False
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.peers.add(session.peer)
        if self.hold_next:
            self.hold_next = False
            self.held.set()
            await asyncio.to_thread(self.release.wait, 60)
        await asyncio.sleep(self.delay)
        if self.replies:
            return self.replies.pop(0)
        self.received.append(envelope)
        return "250 Message accepted"


@pytest.fixture
def smtp_server(settings):
    handler = ScriptedSmtpHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    handler.release.set()
    controller.stop()


# A real Celery worker, in a thread of this process, on the real Redis broker -------------------


# Tasks the worker has finished in this test, by name; waiters are woken at each.
TASKS_FINISHED: collections.Counter = collections.Counter()
_TASK_FINISHED = threading.Condition()


def _close_worker_thread_connections(sender=None, **kwargs):
    # The worker runs in a thread of this process: leave no connection open in it, or the test
    # database cannot be dropped at the end.
    if threading.current_thread() is not threading.main_thread():
        connections.close_all()
    with _TASK_FINISHED:
        TASKS_FINISHED[getattr(sender, "name", "")] += 1
        _TASK_FINISHED.notify_all()


def wait_for_the_worker(check, *, seconds: float = 20, what: str = "the worker's result") -> None:
    """Return once check() is true, looking again each time the worker finishes a task (no
    polling, no sleep). check() runs with the finishing tasks held back, so none is missed."""
    deadline = time.monotonic() + seconds
    with _TASK_FINISHED:
        while not check():
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no {what} after {seconds} s"
            _TASK_FINISHED.wait(remaining)


@pytest.fixture
def broker():
    """Tasks go through Redis instead of running in-process; the queue starts empty."""
    app.conf.task_always_eager = False
    app.control.purge()
    TASKS_FINISHED.clear()
    task_postrun.connect(_close_worker_thread_connections)
    yield app
    task_postrun.disconnect(_close_worker_thread_connections)
    app.control.purge()
    app.conf.task_always_eager = True


@pytest.fixture
def worker(broker):
    with start_worker(broker, pool="solo", perform_ping_check=False, loglevel="WARNING"):
        yield


# Races on the real PostgreSQL: which transaction goes first is decided, not slept on ----------


def backend_pid() -> int:
    """The PostgreSQL process serving this thread's connection."""
    connections["default"].ensure_connection()
    return connections["default"].connection.info.backend_pid


def wait_until_waiting_for_a_lock(pid: int, *, seconds: float = 10) -> None:
    """Return once the transaction of backend `pid` waits for a row or table lock that another
    holds, so a test knows it is queued behind the lock rather than guessing with a sleep.
    Fails if it never waits: then nothing made it wait, which is what the test is about."""
    deadline = time.monotonic() + seconds
    poll = threading.Event()
    with connections["default"].cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT EXISTS (SELECT FROM pg_locks WHERE pid = %s AND NOT granted)", [pid]
            )
            if cursor.fetchone()[0]:
                return
            assert time.monotonic() < deadline, f"backend {pid} never waited for a lock"
            poll.wait(0.005)
