"""The suite's own promise: with CI=true a missing service fails the run; without it, the tests
that need the service are skipped, saying why."""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.utils import timezone

from tests.conftest import _parse_instant

ROOT = Path(__file__).resolve().parents[1]
NOBODY_LISTENS = {
    "DATABASE_URL": "postgres://postgres@127.0.0.1:9/sanctuary",
    "REDIS_URL": "redis://127.0.0.1:9/15",
}


def pytest_run(*args: str, **env: str) -> subprocess.CompletedProcess:
    # Not CI's setting, nor the pytest-xdist worker's identity this run may be under.
    environment = {
        key: value
        for key, value in os.environ.items()
        if key != "CI" and not key.startswith("PYTEST_XDIST_")
    }
    environment.update(NOBODY_LISTENS, **env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rs", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_in_ci_a_missing_database_or_redis_fails_the_run():
    result = pytest_run("tests/sanctuary/test_celery.py", CI="true")
    assert result.returncode != 0
    assert "missing: postgres, redis" in result.stdout + result.stderr


def test_elsewhere_the_tests_that_need_them_are_skipped_with_a_reason():
    result = pytest_run("tests/sanctuary/test_accounts.py", "-k", "redis")
    assert result.returncode == 0, result.stdout
    assert "Redis is not answering" in result.stdout
    assert "1 skipped" in result.stdout


def test_every_test_starts_at_the_suites_instant(instant):
    assert timedelta(0) <= timezone.now() - instant < timedelta(minutes=1)


def test_an_instant_without_an_offset_is_london_time_and_the_first_of_a_repeated_hour():
    # 01:30 on the night the clocks go back happens twice: first in summer time (00:30 UTC).
    assert _parse_instant("2026-10-25T01:30", "--instant") == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )
    assert _parse_instant("2026-10-25T01:30+00:00", "--instant") == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )
    assert _parse_instant("2026-12-31T23:30", "--instant") == datetime(
        2026, 12, 31, 23, 30, tzinfo=UTC
    )


def test_the_rules_and_public_pages_hold_on_the_embedded_sqlite_default():
    """`make run` uses SQLite: every rule's SQL form must work there too, not only on
    PostgreSQL (a duration multiplied in SQL once broke the drop-in list there)."""
    result = pytest_run(
        "-q",
        "-p",
        "no:xdist",
        "tests/dropins",
        "tests/attendance",
        "tests/bursaries",
        "-k",
        "rules or pages",
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "PostgreSQL is not answering" in result.stdout  # it really ran on SQLite
    assert " passed" in result.stdout
