"""What production runs on to be fast: gunicorn's configuration, the database pool, the
cached template loader, compressed pages, and the benchmark's bare view kept out."""

import gzip
import os
import runpy
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.sanctuary.test_settings import PRODUCTION, manage

ROOT = Path(__file__).resolve().parents[2]

SHOW_SPEED = (
    "from django.conf import settings as s; from django.template import engines; "
    "d = s.DATABASES['default']; "
    "print(d['CONN_MAX_AGE'], d.get('OPTIONS', {}).get('pool', {}).get('max_size')); "
    "print(*(type(e.engine.template_loaders[0]).__module__ for e in engines.all()))"
)


def test_production_keeps_database_connections_open_and_templates_compiled():
    result = manage("shell", "--no-imports", "-c", SHOW_SPEED, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "60 None",
        "django.template.loaders.cached django.template.loaders.cached",
    ]


def test_a_pool_size_lends_each_process_pooled_connections_instead():
    result = manage("shell", "--no-imports", "-c", SHOW_SPEED, **PRODUCTION, DATABASE_POOL_SIZE="4")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "0 4"


def test_check_deploy_warns_while_the_benchmarks_bare_view_is_served():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, BENCH_BARE_VIEW="true"
    )
    assert result.returncode != 0
    assert "sanctuary.W001" in result.stderr + result.stdout


def test_the_bare_view_is_not_served_unless_the_bench_turns_it_on(client, db):
    assert not django_settings.BENCH_BARE_VIEW
    assert client.get("/en/bench/bare/").status_code == 404


def _gunicorn(monkeypatch, **env):
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_BIND"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_runs_a_worker_per_core_and_one_more_unless_told(monkeypatch):
    found = _gunicorn(monkeypatch)
    assert (found["workers"], found["threads"]) == (os.cpu_count() + 1, 1)

    found = _gunicorn(monkeypatch, GUNICORN_WORKERS="2", GUNICORN_THREADS="4")
    assert (found["workers"], found["threads"]) == (2, 4)


@pytest.mark.parametrize("path", ["/en/", "/ar/drop-in/", "/en/no-such-page/"])
def test_pages_are_compressed_for_browsers_that_take_gzip(client, db, path):
    plain = client.get(path)
    response = client.get(path, headers={"Accept-Encoding": "gzip, br"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(response.content) < len(plain.content) / 2
    assert gzip.decompress(response.content).decode().startswith("<!doctype html>")
