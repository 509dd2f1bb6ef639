"""The suite's own promise: with CI=true a missing service fails the run; without it, the tests
that need the service are skipped, saying why."""

import os
import subprocess
import sys
from pathlib import Path

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
