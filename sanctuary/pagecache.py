"""Public pages served from the cache: what is the same for every visitor is rendered once per
language and per state of what the page shows, and each visitor's own parts are filled in after.

A page is looked up by a key made of:

- the site's version (its templates, catalogs and static files: `site_version`), so a deploy or
  a new translation never serves a page rendered before it;
- the language and the path;
- and whatever the view read fresh from the database for this request (`parts`): for a drop-in,
  its status, times and the places a newcomer can take, so a page can never say "open" or
  "3 places left" when the booking itself would say otherwise.

Only what every visitor would see alike is cached: a visitor who is signed in, has a notice
waiting, or asks with a query string gets the page rendered for them. The CSRF token and the
one-time submission key are never cached: the page is rendered with placeholders in their
place and each visitor's own values are put in on the way out.

A page is kept with the content generation (`content_generation`) it was rendered in, which
moves on after every change of what public pages show that staff make (a venue, a series, a
session, a partner: each app names its models with `content_watch`); a page kept from an
earlier generation is rendered again. The generation and the page come in one round trip.
"""

import hashlib
import uuid
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache as default_cache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_string
from django.utils.translation import get_language

# Stand-ins for each visitor's own values while a page is rendered for everyone. They are not
# secret: they only mark where the visitor's values go.
CSRF_SLOT = "csrf-slot-3b9f27d4c1e85a60"
SUBMISSION_KEY_SLOT = "submission-key-slot-8e41c0a7f25d"

GENERATION_KEY = "pages:generation"
# How a page is kept, part of every key: a release that keeps pages otherwise never reads the
# pages an earlier one kept (the site's version follows templates and settings, not code).
KEPT_AS = "generation, text, compressed"
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")  # as GZipMiddleware reads Accept-Encoding
# Saves that change only these fields change nothing a page shows from the cache: a session's
# count of the people booked is read fresh for every request.
COUNT_FIELDS = frozenset({"booked_people", "updated_at"})


def _plain_settings() -> str:
    """The settings a page may show (numbers, words, switches), never a secret."""
    plain = (str, int, float, bool, type(None))
    found = []
    for name in sorted(dir(settings)):
        if not name.isupper() or any(word in name for word in ("SECRET", "PASSWORD", "KEY")):
            continue
        value = getattr(settings, name)
        if isinstance(value, plain):
            found.append(f"{name}={value!r}")
    return "\n".join(found)


@cache
def site_version() -> str:
    """A digest of the templates, the compiled catalogs, the static files' manifest and the
    plain settings, taken once per process: a deploy, a translation or a changed setting
    changes it, and with it every page's key."""
    digest = hashlib.sha256(_plain_settings().encode())
    folders = [Path(folder) for engine in settings.TEMPLATES for folder in engine["DIRS"]]
    folders += [Path(folder) for folder in settings.LOCALE_PATHS]
    files = []
    for folder in folders:
        files += [path for path in folder.rglob("*") if path.suffix in {".html", ".txt", ".mo"}]
    if settings.STATIC_ROOT:
        files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in sorted(set(files)):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _settings_changed(**kwargs):
    site_version.cache_clear()


# Settings change only in tests (and then the version must follow them).
setting_changed.connect(_settings_changed, dispatch_uid="pagecache.site_version")


def content_generation() -> int:
    return default_cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def content_changed() -> None:
    """What public pages show has changed: every cached page is left behind (after the change
    commits, so that nobody caches the old content under the new generation)."""

    def bump():
        try:
            default_cache.incr(GENERATION_KEY)
        except ValueError:  # not there (evicted): a new one
            default_cache.set(GENERATION_KEY, 2, timeout=None)

    transaction.on_commit(bump)


def _on_save(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= COUNT_FIELDS:
        return
    content_changed()


def _on_delete(sender, instance, **kwargs):
    content_changed()


def content_watch(*models) -> None:
    """Public pages show these models: saving or deleting one moves the generation on."""
    for model in models:
        uid = f"pagecache:{model._meta.label}"
        post_save.connect(_on_save, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(_on_delete, sender=model, dispatch_uid=uid, weak=False)


def is_cacheable(request: HttpRequest) -> bool:
    """The page this request gets is the one every visitor gets."""
    if not settings.PAGE_CACHE_SECONDS or request.method not in {"GET", "HEAD"}:
        return False
    if request.META.get("QUERY_STRING") or request.user.is_authenticated:
        return False
    return not len(messages.get_messages(request))


def page_key(request: HttpRequest, parts) -> str:
    text = repr((KEPT_AS, site_version(), get_language(), request.path, parts))
    return "pages:" + hashlib.sha256(text.encode()).hexdigest()


def _cached_body(key: str) -> tuple[int, tuple[str, bytes | None] | None]:
    """The content generation now and the page kept under `key` (its text, and its compressed
    bytes when it has no visitor's parts) if it was rendered in it: one round trip."""
    found = default_cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        return content_generation(), None
    kept = found.get(key)
    if kept is None or kept[0] != generation:
        return generation, None
    return generation, kept[1:]


def _has_visitor_parts(body: str) -> bool:
    return CSRF_SLOT in body or SUBMISSION_KEY_SLOT in body


def _compressed(body: str) -> bytes | None:
    """A page that is the same bytes for every visitor is compressed once, when it is kept.
    Without a secret on it, nothing can leak by its length (README, "Compressed pages"); a page
    with a visitor's token is left to GZipMiddleware, which pads each answer at random."""
    if _has_visitor_parts(body):
        return None
    return compress_string(body.encode(), max_random_bytes=0)


def _precompressed_response(compressed: bytes, status: int) -> HttpResponse:
    response = HttpResponse(compressed, status=status)
    response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def cached_page(
    request: HttpRequest,
    template: str,
    context: dict | Callable[[], dict],
    *,
    parts=(),
    status: int = 200,
) -> HttpResponse:
    """The page `template` renders from `context` (a dict, or a function that makes it, only
    called when the page must be rendered), from the cache when the request allows."""
    if not is_cacheable(request):
        found = context() if callable(context) else context
        body = render_to_string(template, found, request)
        return HttpResponse(visitor_fill(request, body), status=status)
    key = page_key(request, parts)
    generation, kept = _cached_body(key)
    if kept is None:
        found = context() if callable(context) else context
        body = render_to_string(template, {**found, "csrf_token": CSRF_SLOT}, request)
        compressed = _compressed(body)
        default_cache.set(key, (generation, body, compressed), settings.PAGE_CACHE_SECONDS)
    else:
        body, compressed = kept
    if compressed is not None and ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        return _precompressed_response(compressed, status)
    return HttpResponse(visitor_fill(request, body), status=status)


def visitor_fill(request: HttpRequest, body: str) -> str:
    """Each visitor's own values in place of the stand-ins: their CSRF token (which also sets
    their CSRF cookie, as the template tag would) and a fresh one-time submission key."""
    if CSRF_SLOT in body:
        body = body.replace(CSRF_SLOT, get_token(request))
    if SUBMISSION_KEY_SLOT in body:
        body = body.replace(SUBMISSION_KEY_SLOT, str(uuid.uuid4()))
    return body
