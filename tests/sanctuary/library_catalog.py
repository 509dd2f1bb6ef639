"""The words Django and allauth show on this site, and whether each language has them.

"Shown" means what a person can meet here, given our settings:

- allauth: the team's sign-in pages we do not override (changing or setting a password,
  confirming the password again, a switched-off account), the notices after signing in or out
  and after changing a password, two-step sign-in (authenticator app and recovery codes: the
  pages, their forms and notices, and the names of the two kinds), the forms' errors, and the
  admin's pages for email addresses and authenticators.
  Not shown: signing up (closed), managing email addresses and phones (not offered here),
  sign-in by emailed code, passkeys and trusted browsers (not switched on), social accounts,
  sessions, the identity provider, and allauth's emails: our outbox sends the only account
  email (the set-password link, templates/messages/password_reset) and notifications are off.
  Templates we override (templates/account/...) are left out: ours are checked with our catalog.
- Django: the admin pages staff and reviewers work in (lists, filters, search, actions, forms,
  inlines, history, deletion, the date and time widgets and their script), the team-account
  pages of the admin (users, roles), form and model validation errors, pagination and the names
  of months and days. Not shown: the admin's own sign-in, sign-out and error pages (allauth's
  and ours stand in for them) and the admin docs.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import allauth
import django
import polib
from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import DjangoTranslation

ALLAUTH = Path(allauth.__file__).parent
DJANGO = Path(django.__file__).parent
OURS = Path(settings.BASE_DIR, "templates")

ALLAUTH_TEMPLATES = [
    "account/account_inactive.html",
    "account/base_manage.html",
    "account/base_manage_password.html",
    "account/base_reauthenticate.html",
    "account/password_change.html",
    "account/password_set.html",
    "account/reauthenticate.html",
    "account/snippets/already_logged_in.html",
    "account/messages/logged_in.txt",
    "account/messages/logged_out.txt",
    "account/messages/password_changed.txt",
    "account/messages/password_set.txt",
    "allauth/elements/*.html",
    "allauth/layouts/*.html",
    "mfa/authenticate.html",
    "mfa/base_entrance.html",
    "mfa/base_manage.html",
    "mfa/index.html",
    "mfa/reauthenticate.html",
    "mfa/recovery_codes/*",
    "mfa/totp/*",
    "mfa/messages/recovery_codes_generated.txt",
    "mfa/messages/totp_activated.txt",
    "mfa/messages/totp_deactivated.txt",
]
ALLAUTH_MODULES = [
    "account/adapter.py",
    "account/admin.py",
    "account/apps.py",
    "account/forms.py",
    "account/models.py",
    "mfa/adapter.py",
    "mfa/apps.py",
    "mfa/base/forms.py",
    "mfa/models.py",
    "mfa/recovery_codes/forms.py",
    "mfa/totp/forms.py",
]
ADMIN_TEMPLATES = ["admin/**/*.html", "registration/password_change_*.html"]
# Sign-in goes through allauth, and the site's own error pages stand in for the admin's.
ADMIN_TEMPLATES_NOT_SHOWN = {
    "admin/404.html",
    "admin/500.html",
    "admin/invalid_setup.html",
    "admin/login.html",
    "admin/logout.html",
}
DJANGO_MODULES = [
    "contrib/admin/actions.py",
    "contrib/admin/apps.py",
    "contrib/admin/filters.py",
    "contrib/admin/helpers.py",
    "contrib/admin/models.py",
    "contrib/admin/options.py",
    "contrib/admin/sites.py",
    "contrib/admin/templatetags/*.py",
    "contrib/admin/utils.py",
    "contrib/admin/views/main.py",
    "contrib/admin/widgets.py",
    "contrib/auth/admin.py",
    "contrib/auth/apps.py",
    "contrib/auth/base_user.py",
    "contrib/auth/forms.py",
    "contrib/auth/hashers.py",
    "contrib/auth/models.py",
    "contrib/auth/password_validation.py",
    "core/paginator.py",
    "core/validators.py",
    "db/models/base.py",
    "db/models/fields/__init__.py",
    "forms/*.py",
    "utils/dateformat.py",
    "utils/dates.py",
    "utils/text.py",
]
ADMIN_SCRIPTS = [
    "actions.js",
    "admin/DateTimeShortcuts.js",
    "calendar.js",
    "core.js",
    "inlines.js",
    "SelectFilter2.js",
]


def _copy(root: Path, patterns, target: Path, skip=lambda relative: False):
    for pattern in patterns:
        for source in sorted(root.glob(pattern)):
            relative = source.relative_to(root)
            if source.is_file() and not skip(str(relative)):
                destination = target / relative
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, destination)


def _ours_override(relative: str) -> bool:
    return (OURS / relative).exists()


def shown_sources(target: Path) -> None:
    """Copy every library file in the scope above under `target`, as makemessages reads it."""
    _copy(ALLAUTH / "templates", ALLAUTH_TEMPLATES, target / "allauth", _ours_override)
    _copy(ALLAUTH, ALLAUTH_MODULES, target / "allauth")
    _copy(
        DJANGO / "contrib/admin/templates",
        ADMIN_TEMPLATES,
        target / "admin",
        lambda relative: relative in ADMIN_TEMPLATES_NOT_SHOWN or _ours_override(relative),
    )
    _copy(DJANGO, DJANGO_MODULES, target / "django")
    _copy(DJANGO / "contrib/admin/static/admin/js", ADMIN_SCRIPTS, target / "scripts")


def extract(workdir: Path) -> dict[str, list[polib.POEntry]]:
    """The msgids of the shown files, by domain, extracted the way `make messages` does."""
    shown_sources(workdir)
    (workdir / "locale").mkdir()
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    entries = {}
    makemessages = [sys.executable, "-m", "django", "makemessages", "-l", "xx", "--no-location"]
    for domain in ["django", "djangojs"]:
        subprocess.run(
            [*makemessages, "--domain", domain],
            cwd=workdir,
            env=environment,
            check=True,
            capture_output=True,
            timeout=120,
        )
        catalog = polib.pofile(str(workdir / f"locale/xx/LC_MESSAGES/{domain}.po"))
        entries[domain] = [entry for entry in catalog if not entry.obsolete]
    return entries


def _key(entry: polib.POEntry):
    if entry.msgid_plural:
        key = (entry.msgid, 0)
        return (f"{entry.msgctxt}\x04{entry.msgid}", 0) if entry.msgctxt else key
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def catalog(language: str, domain: str):
    """What the site would use at run time: for the script's words, what the admin's
    JavaScriptCatalog merges (the admin's catalog, then ours)."""
    if domain == "django":
        with translation.override(language):
            return translation.trans_real._active.value._catalog
    return DjangoTranslation(
        language, domain="djangojs", localedirs=[str(DJANGO / "contrib/admin/locale")]
    )._catalog


def missing(entries: dict[str, list[polib.POEntry]], language: str):
    """(domain, entry) for each shown string that no catalog translates into `language`."""
    found = []
    for domain, domain_entries in entries.items():
        known = catalog(language, domain)
        found += [(domain, entry) for entry in domain_entries if _key(entry) not in known]
    return found
