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
    # The cache in its own Redis database (the one below the broker's), so clearing it between
    # tests leaves the broker be, and two checkouts with different REDIS_URLs keep apart.
    _server, _broker_db = REDIS_URL.rsplit("/", 1)
    CACHES["default"]["LOCATION"] = f"{_server}/{int(_broker_db) - 1}"

# Tasks run in-process unless a test starts a real worker.
CELERY_TASK_ALWAYS_EAGER = True
SMS_BACKEND = "sanctuary.sms.LocmemSmsBackend"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SITE_URL = "https://sanctuary.example.org"

# Message templates that exist only for the tests (templates/messages/test_note/).
for _engine in TEMPLATES:  # noqa: F405
    _engine["DIRS"] = [BASE_DIR / "tests" / "templates", *_engine["DIRS"]]  # noqa: F405
