"""Settings for the test suite.

The suite runs against the real PostgreSQL and Redis whenever they answer (at DATABASE_URL and
REDIS_URL, or at their usual local addresses). When they do not, it runs on SQLite and the tests
that need them are skipped with a reason, except under CI=true, where that is a failure.
"""

import os
import socket
from urllib.parse import urlsplit

LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/sanctuary"
LOCAL_REDIS = "redis://127.0.0.1:6379/15"


def _answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname, parts.port), timeout=1):
            return True
    except OSError:
        return False


os.environ.setdefault("DATABASE_URL", LOCAL_POSTGRES)
if not os.environ["DATABASE_URL"].startswith("postgres") or not _answers(
    os.environ["DATABASE_URL"]
):
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
os.environ.setdefault("REDIS_URL", LOCAL_REDIS)
if not _answers(os.environ["REDIS_URL"]):
    os.environ["REDIS_URL"] = ""

from sanctuary.settings import *  # noqa: E402, F403
from sanctuary.settings import CACHES, DATABASES, REDIS_URL  # noqa: E402

TEST_SERVICES = {
    "postgres": DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql",
    "redis": bool(REDIS_URL),
}

if REDIS_URL:
    # The broker in REDIS_URL's database and the cache in the one below it, so clearing the
    # cache between tests leaves the broker be. Under pytest-xdist each worker takes the next
    # pair down (gw0: N and N-1, gw1: N-2 and N-3, ...), as each has its own test database, so
    # workers and checkouts with different REDIS_URLs keep apart.
    _server, _base_db = REDIS_URL.rsplit("/", 1)
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    _broker_db = int(_base_db) - 2 * int(_worker.removeprefix("gw"))
    if _broker_db < 1:
        raise RuntimeError(
            f"REDIS_URL ends in /{_base_db}: too few Redis databases below it for worker "
            f"{_worker} (it needs two of its own); use a higher number or fewer workers"
        )
    REDIS_URL = f"{_server}/{_broker_db}"
    CELERY_BROKER_URL = REDIS_URL
    CACHES["default"]["LOCATION"] = f"{_server}/{_broker_db - 1}"

# A test's writes never commit (its transaction is rolled back), so PostgreSQL would never say
# they changed anything: kept state rows would outlive them. Tests that commit turn it on
# (tests/dropins/test_state_listening.py).
DATABASE_LISTEN = False

# Tasks run in-process unless a test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
SMS_BACKEND = "sanctuary.sms.LocmemSmsBackend"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SITE_URL = "https://sanctuary.example.org"

# Message templates that exist only for the tests (templates/messages/test_note/).
for _engine in TEMPLATES:  # noqa: F405
    _engine["DIRS"] = [BASE_DIR / "tests" / "templates", *_engine["DIRS"]]  # noqa: F405
