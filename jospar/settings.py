"""Jospar settings: one module, everything that differs between machines comes from the environment.

JOSPAR_DATABASE_URL   database (default: SQLite file var/jospar.sqlite3 under the project)
JOSPAR_SECRET_KEY     required when JOSPAR_DEBUG is off
JOSPAR_DEBUG          "1" for development (default "1": `make demo` runs on a laptop)
JOSPAR_ALLOWED_HOSTS  comma separated
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("JOSPAR_VAR_DIR", PROJECT_DIR / "var"))

DEBUG = os.environ.get("JOSPAR_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("JOSPAR_SECRET_KEY") or (
    "dev-only-insecure-key-jospar" if DEBUG else None
)
if not SECRET_KEY:
    raise RuntimeError("JOSPAR_SECRET_KEY must be set when JOSPAR_DEBUG is not 1")
ALLOWED_HOSTS = [h for h in os.environ.get("JOSPAR_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "jospar.core",
    "jospar.planning",
    "jospar.analysis",
    "jospar.compliance",
    "jospar.monitoring",
    "jospar.evaluation",
    "jospar.development",
    "jospar.annexes",
    "jospar.interchange",
    "jospar.api",
    "jospar.web",
]

# Long work (imports, exports, checks of many documents) runs as tasks stored in the database; a worker
# (`jospar db_worker`) picks them up. Tests and the demo may run them at once with the immediate backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("JOSPAR_TASKS_BACKEND", "django_tasks_db.backend.DatabaseBackend"),
    }
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "jospar.urls"
WSGI_APPLICATION = "jospar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("JOSPAR_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'jospar.sqlite3'}",
        conn_max_age=int(os.environ.get("JOSPAR_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Languages: Kazakh is the default of the official forms and the interface (see README).
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("kk", "ru", "en")}
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["jospar.formats"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("JOSPAR_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("JOSPAR_HSTS_SECONDS", "3600"))

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JOSPAR_LOG_LEVEL", "WARNING")},
}
WHITENOISE_USE_FINDERS = True  # the app serves its own static files; no collectstatic step needed to start

# ==================================================================================================
# API, rate limits, cache and production hardening (issue 6; owner: the api app). See docs/DEPLOYMENT.md.
# JOSPAR_LOGIN_RATE / JOSPAR_TOKEN_RATE   e.g. "10/m": sign-in and token attempts per address and per user
# JOSPAR_CACHE_BACKEND                    "db" (DatabaseCache, table jospar_cache: `jospar createcachetable`)
#                                         or "locmem"; default: locmem with DEBUG, db without
# JOSPAR_HSTS_SUBDOMAINS                  "1" (default) sends includeSubDomains with HSTS
# ==================================================================================================
INSTALLED_APPS += ["ninja"]  # (serves the Swagger UI of /api/docs from our own static files)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "jospar.api.middleware.LoginRateLimitMiddleware",
)
JOSPAR_LOGIN_RATE = os.environ.get("JOSPAR_LOGIN_RATE", "10/m")
JOSPAR_TOKEN_RATE = os.environ.get("JOSPAR_TOKEN_RATE", "10/m")
JOSPAR_API_TOKEN_DAYS = int(os.environ.get("JOSPAR_API_TOKEN_DAYS", "90"))
_cache_backend = os.environ.get("JOSPAR_CACHE_BACKEND", "locmem" if DEBUG else "db")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "jospar_cache"}
    if _cache_backend == "db" else
    {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jospar"}
}
RATELIMIT_USE_CACHE = "default"
RATELIMIT_VIEW = None
NINJA_PAGINATION_MAX_LIMIT = 500
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("JOSPAR_HSTS_SUBDOMAINS", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if os.environ.get(
        "JOSPAR_BEHIND_PROXY", "0") == "1" else None
    CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("JOSPAR_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
