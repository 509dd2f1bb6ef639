"""Settings for Sanctuary, driven by environment variables.

With nothing set, the project runs as an embedded default for a newcomer's laptop: SQLite under
var/, Celery tasks run in-process, email and SMS printed to the console, DEBUG on. With
SANCTUARY_PRODUCTION=true it refuses to start without a real secret and with DEBUG on.
Every variable is listed in README.md.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from sanctuary.schedule import BEAT_SCHEDULE

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

DEVELOPMENT_SECRET_KEY = "development-only-not-secret"

PRODUCTION = env.bool("SANCTUARY_PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off when SANCTUARY_PRODUCTION is set.")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Set SECRET_KEY to a random value of at least 50 characters in production."
        )
    # The embedded defaults (SQLite, in-process tasks, a per-process cache, mail printed to
    # the log, links to 127.0.0.1) have no place in production.
    _missing = [
        name for name in ("DATABASE_URL", "REDIS_URL", "EMAIL_URL", "SITE_URL") if name not in env
    ]
    if _missing:
        raise ImproperlyConfigured(f"Set {', '.join(_missing)} in production.")
    if not env.str("DATABASE_URL").startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured(
            "Production runs on PostgreSQL: set DATABASE_URL to postgres://…"
        )
    if not env.str("SITE_URL").startswith("https://"):
        raise ImproperlyConfigured("SITE_URL must be the site's https:// address in production.")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute links in messages (a task has no request to build them from).
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{env.int('PORT', 8000)}").rstrip("/")

# Applications ------------------------------------------------------------------------------

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "phonenumber_field",
    "sanctuary",
    "venues",
    "partners",
    "dropins",
    "bursaries",
    "events",
    "attendance",
    "portal",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed (static files come compressed); BREACH: README, "Compressed pages".
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "sanctuary.middleware.TwoFactorRequiredMiddleware",
    "sanctuary.middleware.SiteNotFoundMiddleware",
]

ROOT_URLCONF = "sanctuary.urls"
WSGI_APPLICATION = "sanctuary.wsgi.application"
ASGI_APPLICATION = "sanctuary.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sanctuary.context_processors.site",
            ],
        },
    },
    {
        # Plain-text messages (email bodies, SMS): the same folders, but nothing HTML-escaped.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# Data -----------------------------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'sanctuary.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60 if PRODUCTION else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# psycopg's pool for gunicorn's threads, instead of persistent connections (never both).
DATABASE_POOL_SIZE = env.int("DATABASE_POOL_SIZE", default=0)
if DATABASE_POOL_SIZE and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    _pool = {"min_size": 1, "max_size": DATABASE_POOL_SIZE, "timeout": 10}
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = _pool
# Lets sanctuary.prepared keep its statements' plans (Django's own cursors never prepare); off
# behind an external pooler that cannot carry prepared statements (pgbouncer's transaction mode).
if env.bool("DATABASE_PREPARE", default=True) and "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 5
# Each process keeps the public pages' state rows until PostgreSQL notifies that what they come
# from changed (sanctuary.listening): one connection per process LISTENs. Off, every page reads.
DATABASE_LISTEN = env.bool("DATABASE_LISTEN", default=True)
# PostgreSQL's JIT compiles a query whose estimated cost is high, which takes a second or two:
# worth it for hours-long analytics, never for this site's queries (a year's report runs in a
# fraction of a second without it, and spent ten times that compiling).
if not env.bool("DATABASE_JIT", default=False) and "postgresql" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            # Never raises, nor waits long, when Redis is away (sanctuary/cache.py).
            "BACKEND": "sanctuary.cache.FallbackRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sanctuary",
            "RETRY_AFTER": env.float("REDIS_RETRY_AFTER_SECONDS", default=5),
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    # Rate limits need a real cache; in-process memory is real enough for one dev server.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINE = "sanctuary.sessions"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)  # 0: never (sanctuary/pagecache.py)

# Sign-in ---------------------------------------------------------------------------------------

AUTH_USER_MODEL = "sanctuary.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A set-password link sent to a new account stays valid for three days.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "team_home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "sanctuary.adapters.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "sanctuary.forms.LoginForm",
    "reset_password": "sanctuary.forms.ResetPasswordForm",
    "reset_password_from_key": "sanctuary.forms.ResetPasswordKeyForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # no email to addresses without an account
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# Making or checking a set-password link changes nothing about the account.
ACCOUNT_PASSWORD_RESET_TOKEN_GENERATOR = "sanctuary.tokens.SetPasswordTokenGenerator"
# Kept in CACHES (Redis in production). Failed sign-ins per address and per address and account
# ("login_failed"), and per account from browsers new to it ("login_failed_account"): see
# sanctuary.signin.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": env.str("SIGN_IN_FAILURES_PER_ACCOUNT", default="20/h/key"),
    "reset_password": "20/m/ip,5/m/key",
}

# A browser that signed in to an account is exempt from that account's limit this long.
SIGN_IN_KNOWN_BROWSER_DAYS = env.int("SIGN_IN_KNOWN_BROWSER_DAYS", default=180)

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Two-step sign-in is required of all who see personal data (sanctuary.rules); reviewers too.
MFA_REQUIRED_FOR_REVIEWERS = env.bool("MFA_REQUIRED_FOR_REVIEWERS", default=True)
# Days someone may carry on without it, from when it first applied to them.
MFA_GRACE_DAYS = env.int("MFA_GRACE_DAYS", default=7)
MFA_TOTP_ISSUER = "Sanctuary, Norwich Theatre"

# Languages -------------------------------------------------------------------------------------

from sanctuary.language_settings import *  # noqa: E402, F403

TIME_ZONE = "Europe/London"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

PHONENUMBER_DEFAULT_REGION = "GB"

# Static files ----------------------------------------------------------------------------------

STATIC_URL = "/static/"
# collectstatic gathers files here for production; in development they come from the apps.
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles") if PRODUCTION else None
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Compressed (gzip and Brotli) and cache-busted by content hash in production.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if PRODUCTION else 0

# Email and SMS ---------------------------------------------------------------------------------

if "EMAIL_URL" in env:
    globals().update(env.email_url("EMAIL_URL"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Norwich Theatre Sanctuary <sanctuary@norwichtheatre.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Until a provider is set up, production marks text messages failed rather than print phone
# numbers to the log.
SMS_BACKEND = env.str(
    "SMS_BACKEND",
    default="sanctuary.sms.NoSmsBackend" if PRODUCTION else "sanctuary.sms.ConsoleSmsBackend",
)
# Twilio, the senders, the caps and the STOP list: one module beside this.
from sanctuary.sms_settings import *  # noqa: E402, F403
from sanctuary.sms_settings import sms_settings_check  # noqa: E402

sms_settings_check(sms_backend=SMS_BACKEND, production=PRODUCTION)

# The outbox: how often and how long a message is tried.
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=8)
# Waits double from this after each temporary failure (1, 2, 4 … minutes), at most an hour.
OUTBOX_RETRY_BASE_SECONDS = env.int("OUTBOX_RETRY_BASE_SECONDS", default=60)
# A pending message older than this with no send under way is picked up by the sweep.
OUTBOX_SWEEP_AFTER_SECONDS = env.int("OUTBOX_SWEEP_AFTER_SECONDS", default=120)
# One send is stopped at the soft limit (a temporary failure: it may have gone) and its process
# killed at the hard one; EMAIL_TIMEOUT bounds each wait on the SMTP server within that.
OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS = env.int("OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS", default=45)
OUTBOX_SEND_TIME_LIMIT_SECONDS = env.int("OUTBOX_SEND_TIME_LIMIT_SECONDS", default=60)
# A worker holds a message it sends this long (a live send ends first); one still "sending" then
# is a dead worker's, sent again by the next sweep. Also read as OUTBOX_STALE_SENDING_SECONDS.
OUTBOX_SENDING_LEASE_SECONDS = env.int(
    "OUTBOX_SENDING_LEASE_SECONDS", default=env.int("OUTBOX_STALE_SENDING_SECONDS", default=90)
)
_limits = [OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS, OUTBOX_SEND_TIME_LIMIT_SECONDS]
if not 0 < _limits[0] < _limits[1] < OUTBOX_SENDING_LEASE_SECONDS:  # a live send ends first
    raise ImproperlyConfigured(
        "The outbox needs OUTBOX_SEND_SOFT_TIME_LIMIT_SECONDS < OUTBOX_SEND_TIME_LIMIT_SECONDS "
        "< OUTBOX_SENDING_LEASE_SECONDS."
    )

# Messages are sent in batches of this many over one SMTP connection (the sweep, and what one
# change queues at once); a sweep goes on, batch after batch, for up to this many seconds.
OUTBOX_BATCH_SIZE = env.int("OUTBOX_BATCH_SIZE", default=200)
OUTBOX_SWEEP_BUDGET_SECONDS = env.int("OUTBOX_SWEEP_BUDGET_SECONDS", default=50)

# Who a finished message went to is forgotten after this many days (counts stay).
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=90)

# The programme's own settings (drop-ins, bursaries, partners, events), one module beside this.
from sanctuary.programme_settings import *  # noqa: E402, F403

# Celery ----------------------------------------------------------------------------------------

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_IMPORTS = ["sanctuary.account_tasks"]  # beside the tasks.py modules found on their own
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis redelivers an unacknowledged task after this long (a worker lost mid-task).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 1}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
# After a request fails to queue a task, the broker is left alone this long (queueing.py).
BROKER_RETRY_AFTER_SECONDS = env.float("BROKER_RETRY_AFTER_SECONDS", default=30)
# /healthz/ready says "not ready" past these (README, "When a part is away").
READY_OUTBOX_MAX_PENDING = env.int("READY_OUTBOX_MAX_PENDING", default=500)
READY_OUTBOX_MAX_OVERDUE_SECONDS = env.int("READY_OUTBOX_MAX_OVERDUE_SECONDS", default=600)
READY_BEAT_MAX_AGE_SECONDS = env.int("READY_BEAT_MAX_AGE_SECONDS", default=180)
CELERY_BEAT_SCHEDULE = BEAT_SCHEDULE

# Security --------------------------------------------------------------------------------------

CSRF_FAILURE_VIEW = "sanctuary.views.csrf_failure"
# The load balancer and the uptime monitor ask for /healthz and /healthz/ready over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/ready)?$"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    if env.bool("TRUST_X_FORWARDED_PROTO", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Everything comes from this site: no third-party origins at all.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # allauth's two-factor set-up shows its QR code as an inline data: image.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

BENCH_BARE_VIEW = env.bool("BENCH_BARE_VIEW", default=False)  # make bench (check --deploy warns)

# Logging ---------------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # health_check: no traceback at each readiness probe while a part is away (it says so).
    "loggers": {"django.db.backends": {"level": "WARNING"}, "health_check": {"level": "ERROR"}},
}
