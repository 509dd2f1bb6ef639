"""Production mode, checked the way it runs: a fresh process with only environment variables."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.update(DJANGO_SETTINGS_MODULE="sanctuary.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION = {
    "SANCTUARY_PRODUCTION": "true",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "sanctuary.example.org",
    "DATABASE_URL": "postgres://sanctuary@127.0.0.1:5432/sanctuary",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_check_deploy_reports_nothing_in_production_mode():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"DEBUG": "true"}, "DEBUG must be off"),
        ({"SECRET_KEY": "development-only-not-secret"}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
    ],
)
def test_production_mode_refuses_to_start_with_unsafe_settings(change, complaint):
    result = manage("check", **{**PRODUCTION, **change})
    assert result.returncode != 0
    assert complaint in result.stderr


def test_pages_send_security_headers(client, db):
    response = client.get("/en/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_embedded_default_needs_no_configuration():
    result = manage("check", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr


def test_production_static_files_are_compressed_and_cache_busted(tmp_path):
    result = manage("collectstatic", "--no-input", STATIC_ROOT=str(tmp_path), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    stylesheets = {path.name for path in (tmp_path / "css").iterdir()}
    hashed = [name for name in stylesheets if re.fullmatch(r"site\.[0-9a-f]{12}\.css", name)]
    assert hashed, stylesheets
    assert f"{hashed[0]}.gz" in stylesheets
    assert f"{hashed[0]}.br" in stylesheets
