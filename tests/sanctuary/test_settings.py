"""Production mode, checked the way it runs: a fresh process with only environment variables."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


CONFIGURATION = {
    "SANCTUARY_PRODUCTION",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "SITE_URL",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "SMS_BACKEND",
    "SMS_SENDER",
    "SMS_SUPPRESSION_KEY",
    "TWILIO_ACCOUNT_SID",
    "TWILIO_AUTH_TOKEN",
    "TWILIO_MESSAGING_SERVICE_SID",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run manage.py in a fresh process whose configuration is exactly `env`."""
    environment = {key: value for key, value in os.environ.items() if key not in CONFIGURATION}
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
    "SITE_URL": "https://sanctuary.example.org",
    "DATABASE_URL": "postgres://sanctuary@127.0.0.1:5432/sanctuary",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://sanctuary:secret@smtp.example.org:587",
}

TWILIO = {
    "SMS_BACKEND": "sanctuary.sms.twilio.TwilioSmsBackend",
    "TWILIO_ACCOUNT_SID": "AC" + "0" * 32,
    "TWILIO_AUTH_TOKEN": secrets.token_hex(16),
    "SMS_SENDER": "NorwichThtr",
    "SMS_SUPPRESSION_KEY": secrets.token_urlsafe(50),
}

SHOW_SETTINGS = (
    "from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, "
    "s.SMS_BACKEND, s.CACHES['default']['BACKEND'], s.DEBUG)"
)


def test_check_deploy_reports_nothing_in_production_mode():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_texts_through_twilio_once_it_is_set_up():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, **TWILIO)
    assert result.returncode == 0, result.stdout + result.stderr


def without(name: str) -> dict:
    return {key: value for key, value in PRODUCTION.items() if key != name}


@pytest.mark.parametrize(
    ("configuration", "complaint"),
    [
        ({**PRODUCTION, "DEBUG": "true"}, "DEBUG must be off"),
        ({**PRODUCTION, "SECRET_KEY": "development-only-not-secret"}, "SECRET_KEY"),
        ({**PRODUCTION, "SECRET_KEY": "short"}, "SECRET_KEY"),
        (without("DATABASE_URL"), "Set DATABASE_URL"),
        (without("REDIS_URL"), "Set REDIS_URL"),
        (without("EMAIL_URL"), "Set EMAIL_URL"),
        (without("SITE_URL"), "Set SITE_URL"),
        ({**PRODUCTION, "DATABASE_URL": "sqlite:///db.sqlite3"}, "PostgreSQL"),
        ({**PRODUCTION, "SITE_URL": "http://sanctuary.example.org"}, "https://"),
        ({**PRODUCTION, **TWILIO, "TWILIO_AUTH_TOKEN": ""}, "Set TWILIO_AUTH_TOKEN"),
        ({**PRODUCTION, **TWILIO, "SMS_SENDER": "Norwich Theatre"}, "SMS_SENDER"),
        ({**PRODUCTION, **TWILIO, "SMS_SENDER": "447700900123"}, "SMS_SENDER"),
        ({**PRODUCTION, **TWILIO, "SMS_SUPPRESSION_KEY": ""}, "SMS_SUPPRESSION_KEY"),
        (
            {**PRODUCTION, "OUTBOX_SEND_TIME_LIMIT_SECONDS": "120"},
            "OUTBOX_SEND_TIME_LIMIT_SECONDS < OUTBOX_SENDING_LEASE_SECONDS",
        ),
    ],
)
def test_production_mode_refuses_to_start_with_unsafe_settings(configuration, complaint):
    result = manage("check", **configuration)
    assert result.returncode != 0
    assert complaint in result.stderr


@pytest.mark.parametrize(
    ("configuration", "expected"),
    [
        pytest.param(
            PRODUCTION,
            [
                "django.db.backends.postgresql",
                "False",
                "django.core.mail.backends.smtp.EmailBackend",
                "sanctuary.sms.NoSmsBackend",
                "sanctuary.cache.FallbackRedisCache",
                "False",
            ],
            id="production uses the real services and never prints texts",
        ),
        pytest.param(
            {},
            [
                "django.db.backends.sqlite3",
                "True",
                "django.core.mail.backends.console.EmailBackend",
                "sanctuary.sms.ConsoleSmsBackend",
                "django.core.cache.backends.locmem.LocMemCache",
                "True",
            ],
            id="the embedded default needs no configuration",
        ),
    ],
)
def test_what_each_mode_runs_on(configuration, expected):
    result = manage("shell", "--no-imports", "-c", SHOW_SETTINGS, **configuration)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == expected


def test_the_sending_lease_is_still_read_under_its_former_name():
    show = "from django.conf import settings as s; print(s.OUTBOX_SENDING_LEASE_SECONDS)"
    result = manage(
        "shell", "--no-imports", "-c", show, **PRODUCTION, OUTBOX_STALE_SENDING_SECONDS="300"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["300"]


def test_pages_send_security_headers(client, db):
    response = client.get("/en/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_the_health_check_is_reachable_over_plain_http_in_production(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/en/").status_code == 301


def test_a_form_sent_without_its_security_token_gets_a_kind_page(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(
        "/i18n/setlang/", {"language": "ar", "next": "/en/"}, HTTP_ACCEPT_LANGUAGE="uk"
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="uk" dir="ltr">' in html
    assert "language-form" in html  # the usual page, with its language buttons


def test_production_static_files_are_compressed_and_cache_busted(tmp_path):
    result = manage("collectstatic", "--no-input", STATIC_ROOT=str(tmp_path), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    stylesheets = {path.name for path in (tmp_path / "css").iterdir()}
    hashed = [name for name in stylesheets if re.fullmatch(r"site\.[0-9a-f]{12}\.css", name)]
    assert hashed, stylesheets
    assert f"{hashed[0]}.gz" in stylesheets
    assert f"{hashed[0]}.br" in stylesheets
