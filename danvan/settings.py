"""danvan settings: one file, driven by environment variables with working defaults.

Every variable is documented in README.md ("Configuration"). With no environment at all the
project runs in development mode on the SQLite database in ``var/`` that ``make run`` uses.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "development-only-secret-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
# The address citizens reach the site at: slips' QR codes, SMS and e-mails link to it, from the
# web workers and the background worker alike. Defaults to where `make run` serves (its PORT).
SITE_URL = (
    os.environ.get("SITE_URL")
    or os.environ.get("SITE_ROOT")  # the variable's earlier name, still honoured
    or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
).rstrip("/")
SITE_ROOT = SITE_URL
# Where to report a vulnerability (RFC 9116 security.txt "Contact": mailto: or https: URIs,
# comma-separated). Unset: /.well-known/security.txt answers 404 rather than invent one.
DANVAN_SECURITY_CONTACTS = envlist("DANVAN_SECURITY_CONTACTS", "")

VAR_DIR = Path(os.environ.get("DANVAN_VAR_DIR", BASE_DIR / "var"))
DEFAULT_SQLITE_PATH = VAR_DIR / "danvan.sqlite3"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "csp",
    # Listed so the API docs use the Swagger UI files shipped with ninja, not a CDN.
    "ninja",
    # danvan apps, in import order (an app imports only from apps above it).
    "danvan.core",
    "danvan.territory",
    "danvan.accounts",
    "danvan.deadlines",
    "danvan.cases",
    "danvan.dossiers",
    "danvan.letters",
    "danvan.democracy",
    "danvan.engagement",
    "danvan.outreach",
    "danvan.surveys",
    "danvan.evaluation",
    "danvan.national",
    "danvan.portal",
    "danvan.api",
]

MIDDLEWARE = [
    "danvan.core.middleware.ClientIPMiddleware",
    # Lag-tolerant reads to the streaming replica, when one is configured.
    "danvan.core.dbrouter.ReplicaReadsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Pages in Vietnamese unless the switch chose otherwise; the API follows Accept-Language.
    "danvan.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # NUL bytes in a path, query or form field are refused with a 400 in the caller's
    # language and format; PostgreSQL text columns cannot store them.
    "danvan.accounts.middleware.RejectNulBytesMiddleware",
    # Other control characters (all but tab and line breaks) are removed, once, here.
    "danvan.core.middleware.CleanInputMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "danvan.accounts.middleware.RequireTwoFactorMiddleware",
    "danvan.accounts.middleware.RequirePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "danvan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.core.context_processors.shell",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DEFAULT_SQLITE_PATH,
            # IMMEDIATE transactions take the write lock at BEGIN, so two concurrent writers
            # queue on busy_timeout instead of failing with "database is locked" mid-transaction.
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            "TEST": {"NAME": os.environ.get("DANVAN_SQLITE_TEST_NAME") or None},
        }
    }
# A streaming replica for reads that tolerate a little lag (public tracking, territory,
# evaluation and dashboards): see danvan/core/dbrouter.py and docs/deployment.md.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60),
        # Tests never create a database on a read-only standby: they read the primary's.
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["danvan.core.dbrouter.ReplicaRouter"]
# GET requests under these paths read from the replica, unless the visitor wrote something in
# the last DANVAN_REPLICA_PIN_SECONDS (their own fresh reads stay on the primary).
DANVAN_REPLICA_PATHS = envlist(
    "DANVAN_REPLICA_PATHS", "/tra-cuu/,/dia-ban/,/danh-gia/,/thoi-han/,/can-bo/"
)
DANVAN_REPLICA_PIN_SECONDS = envint("DANVAN_REPLICA_PIN_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        # Production: Redis, shared by every web worker for sessions' throttles and the
        # public rate limits, without a database write per request.
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        # The embedded default: the database cache is shared by every web worker on every
        # machine, which the login throttle and the public rate limits need; no extra service.
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "danvan_cache"}
    )
}
# With Redis, an officer's session is read from the cache and written through to the
# database (kept across a Redis restart): one query less on every signed-in request.
# A disabled account is still refused at once: its user row is read on every request.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # No reuse of the last 10 passwords (docs/domain.md §9, level-3 systems).
    {"NAME": "danvan.accounts.passwords.RecentPasswordValidator"},
    # Not the product, the province, a commune's name or a stock word, digits aside.
    {"NAME": "danvan.accounts.passwords.ContextWordsValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:officer_home"
LOGOUT_REDIRECT_URL = "portal:home"

# Two-factor login for officers; on by default outside development.
# The province this deployment serves (Thái Nguyên, 19): its communes rank first in searches
# until a visitor opens a commune of another province.
DANVAN_HOME_PROVINCE = os.environ.get("DANVAN_HOME_PROVINCE", "19")

# The national level: the province deployments whose monthly indicator rows it gathers, as a
# JSON list of {"province", "url", "token_env"} (danvan/national/sources.py); empty on a
# province deployment, which then has no gathering job. Seconds to wait for each page.
DANVAN_NATIONAL_SOURCES = os.environ.get("DANVAN_NATIONAL_SOURCES", "")
DANVAN_NATIONAL_TIMEOUT = envint("DANVAN_NATIONAL_TIMEOUT", 30)

# The public letter form: several families behind one mobile network share an address, so
# the address gets 20 letters an hour, a phone number 5 a day, and a filled form one letter.
DANVAN_PUBLIC_SUBMIT_LIMIT = envint("DANVAN_PUBLIC_SUBMIT_LIMIT", 20)
DANVAN_PUBLIC_SUBMIT_WINDOW = envint("DANVAN_PUBLIC_SUBMIT_WINDOW", 3600)
DANVAN_PUBLIC_SUBMIT_PHONE_LIMIT = envint("DANVAN_PUBLIC_SUBMIT_PHONE_LIMIT", 5)
DANVAN_PUBLIC_SUBMIT_PHONE_WINDOW = envint("DANVAN_PUBLIC_SUBMIT_PHONE_WINDOW", 86400)
# The public tracking page and API: lookups allowed per address in the window (seconds).
DANVAN_TRACK_RATE_LIMIT = envint("DANVAN_TRACK_RATE_LIMIT", 30)
DANVAN_TRACK_RATE_WINDOW = envint("DANVAN_TRACK_RATE_WINDOW", 600)
# A commune's public page: its sections (procedures, reception days, scorecard...) are served
# to visitors who are not signed in from the shared cache for this long (0: never cached).
DANVAN_PUBLIC_SECTIONS_CACHE_SECONDS = envint(
    "DANVAN_PUBLIC_SECTIONS_CACHE_SECONDS", 0 if DEBUG else 60
)

DANVAN_REQUIRE_2FA = envbool("DANVAN_REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "danvan"
# Failed logins allowed per username and per IP within the window before refusing.
DANVAN_LOGIN_MAX_FAILURES = envint("DANVAN_LOGIN_MAX_FAILURES", 5)
DANVAN_LOGIN_WINDOW_SECONDS = envint("DANVAN_LOGIN_WINDOW_SECONDS", 900)
# Per IP the limit is higher: a commune office shares one address behind NAT.
DANVAN_LOGIN_MAX_FAILURES_PER_IP = envint(
    "DANVAN_LOGIN_MAX_FAILURES_PER_IP", 4 * DANVAN_LOGIN_MAX_FAILURES
)

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The language switch's choice outlives the browser session (a year): pages ignore
# Accept-Language, so the cookie is the only way a person keeps English.
# Our Vietnamese number grouping (12.007); see danvan/formats/vi/formats.py.
FORMAT_MODULE_PATH = ["danvan.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "danvan" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Dates are typed and shown dd/mm/yyyy in every language (danvan/formats overrides Django's
# locale modules, whose English one reads "04/12/2026" as 12 April).
FORMAT_MODULE_PATH = ["danvan.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d",
]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
WHITENOISE_USE_FINDERS = DEBUG

TASKS = {
    "default": {
        "BACKEND": os.environ.get("DANVAN_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# The evaluation's figures after a change: the changed commune-months are recomputed together
# this many seconds after the first change (0: one recompute per change, at once).
DANVAN_EVALUATION_REFRESH_DELAY_SECONDS = envint("DANVAN_EVALUATION_REFRESH_DELAY_SECONDS", 30)

# Keys for personal data encrypted at rest (denouncers' identities). Comma-separated Fernet
# keys, newest first: the first encrypts, all decrypt, so keys rotate without downtime.
DANVAN_ENCRYPTION_KEYS = envlist("DANVAN_ENCRYPTION_KEYS", "")

# Notifications: "console", "file" (under var/outbox) or "http" (SMS gateway) and "smtp".
DANVAN_SMS_BACKEND = os.environ.get("DANVAN_SMS_BACKEND", "console")
DANVAN_SMS_GATEWAY_URL = os.environ.get("DANVAN_SMS_GATEWAY_URL", "")
DANVAN_SMS_GATEWAY_TOKEN = os.environ.get("DANVAN_SMS_GATEWAY_TOKEN", "")
# How long a sender holds a notification it claimed; after that the sweep
# (send_notifications) takes it over, as its sender is presumed dead.
DANVAN_NOTIFICATION_LEASE_SECONDS = envint("DANVAN_NOTIFICATION_LEASE_SECONDS", 120)
# Zalo Notification Service (docs/domain.md §10): a message whose template has an approved ZNS
# template id goes to Zalo first, and by SMS when Zalo cannot deliver it. Off without a token.
DANVAN_ZNS_ACCESS_TOKEN = os.environ.get("DANVAN_ZNS_ACCESS_TOKEN", "")
DANVAN_ZNS_URL = os.environ.get(
    "DANVAN_ZNS_URL", "https://business.openapi.zalo.me/message/template"
)
try:  # {"dossier.received": "231451", ...}: our template key -> the OA's approved template id
    DANVAN_ZNS_TEMPLATES = json.loads(os.environ.get("DANVAN_ZNS_TEMPLATES", "") or "{}")
except ValueError as exc:
    raise ImproperlyConfigured("DANVAN_ZNS_TEMPLATES must be a JSON object") from exc
if not isinstance(DANVAN_ZNS_TEMPLATES, dict):
    raise ImproperlyConfigured("DANVAN_ZNS_TEMPLATES must be a JSON object")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "danvan@localhost")

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
# Gunicorn behind nginx over TCP sees the proxy's address in REMOTE_ADDR; without this every
# citizen would share the proxy's rate-limit bucket. Empty: REMOTE_ADDR is the client.
DANVAN_TRUSTED_PROXIES = envlist("DANVAN_TRUSTED_PROXIES", "")

# Production hardening; each can be turned off behind a TLS-terminating proxy that lies.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
# Content-Security-Policy (django-csp): pages load scripts, styles, fonts and images from this
# site only (every asset ships with a package: no CDN), so an injected <script> or inline
# handler does not run. Images may be data: URIs (QR codes, the API docs' icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Officers' sessions end after 8 hours (a working day).
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 3600)

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
