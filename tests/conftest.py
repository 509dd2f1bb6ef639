import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache

from sanctuary import sms
from tests import factories

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def _available() -> dict[str, bool]:
    return {**settings.TEST_SERVICES, "browser": os.path.exists(CHROMIUM)}


def pytest_sessionstart(session):
    missing = [name for name, ok in _available().items() if not ok]
    if CI and missing:
        pytest.exit(
            f"CI needs PostgreSQL, Redis and Chromium; missing: {', '.join(missing)}", returncode=1
        )


def pytest_report_header(config):
    return "services: " + ", ".join(
        f"{name} {'yes' if ok else 'NO'}" for name, ok in _available().items()
    )


def pytest_collection_modifyitems(config, items):
    available = _available()
    reasons = {
        "postgres": "PostgreSQL is not answering (set DATABASE_URL or start it)",
        "redis": "Redis is not answering (set REDIS_URL or start it)",
        "browser": f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)",
    }
    for item in items:
        for name, reason in reasons.items():
            if item.get_closest_marker(name) and not available[name]:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _fresh_cache_and_sms():
    cache.clear()
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def venues(db):
    """The three real venues, loaded the way `make run` loads them."""
    from django.core.management import call_command

    call_command("demo_data", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from venues.models import Venue

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
