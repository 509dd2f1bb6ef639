"""A newcomer's first run: `make run PORT=…` serves there and the links in printed messages
follow it; in the default mode (DEBUG on) an unknown address shows the site's own 404 page."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from tests.sanctuary.test_settings import CONFIGURATION

ROOT = Path(__file__).resolve().parents[2]
SHOW_SITE_URL = "from django.conf import settings; print(settings.SITE_URL)"


def site_url(**env: str) -> str:
    """SITE_URL as a fresh process with the default configuration and `env` reads it."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in CONFIGURATION and key != "PORT"
    }
    environment.update(DJANGO_SETTINGS_MODULE="sanctuary.settings", **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SHOW_SITE_URL],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_site_address_follows_the_port_unless_it_is_set():
    assert site_url() == "http://127.0.0.1:8000"
    assert site_url(PORT="8123") == "http://127.0.0.1:8123"
    assert site_url(PORT="8123", SITE_URL="https://example.org/") == "https://example.org"


def test_make_run_passes_its_port_to_the_server_and_the_settings():
    result = subprocess.run(
        [shutil.which("make"), "--dry-run", "--always-make", "run", "PORT=8123"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "PORT=8123 .venv/bin/python manage.py demo_data" in result.stdout
    assert "runserver 127.0.0.1:8123" in result.stdout


def not_found_page(response) -> bool:
    """The site's own page (its template, in the base layout), not Django's technical one."""
    names = [template.name for template in response.templates]
    html = response.content.decode()
    return "404.html" in names and "base.html" in names and "Using the URLconf" not in html


@pytest.mark.django_db
@override_settings(DEBUG=True)
@pytest.mark.parametrize("path", ["/en/no-such-page/", "/uk/drop-in/nothing/here/", "/nowhere"])
def test_with_debug_on_an_unknown_address_shows_the_sites_404_page(client, path):
    response = client.get(path, follow=True)

    assert response.status_code == 404
    assert not_found_page(response)


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_with_debug_on_a_wrong_private_link_shows_the_sites_404_page(client):
    response = client.get("/ar/drop-in/booking/" + "x" * 43 + "/")

    assert response.status_code == 404
    assert not_found_page(response)
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_with_debug_on_the_language_and_slash_redirects_still_answer_first(client):
    assert client.get("/drop-in/")["Location"] == "/en/drop-in/"
    assert client.get("/en/drop-in")["Location"] == "/en/drop-in/"


@pytest.mark.django_db
@override_settings(DEBUG=True, DEBUG_TECHNICAL_404=True)
def test_a_developer_can_ask_for_djangos_technical_404_page(client):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "Using the URLconf" in response.content.decode()
