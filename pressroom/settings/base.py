"""Settings every way of running Pressroom shares; the others (demo, production, test) import it.

Nothing here falls back to a value that would be unsafe in production: the secret key, the
database and the host names are set by the module that imports this one.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf import global_settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value.strip().lower() in {"1", "true", "yes", "on"}:
        return True
    if value.strip().lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database(url: str) -> dict:
    """A database from its URL; connections kept CONN_MAX_AGE seconds and checked before reuse."""
    config = dj_database_url.parse(url, conn_max_age=env_int("CONN_MAX_AGE", 60), conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # A write-ahead log: pages are read while an import writes, and a commit is an append
        # (synced at checkpoints, which NORMAL makes safe in this mode) rather than two fsyncs.
        config.setdefault("OPTIONS", {}).setdefault(
            "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        )
    return config


# Read replicas of the primary, comma-separated URLs: public pages read from them
# (pressroom/replicas.py). Each becomes an alias, replica_1, replica_2…; none, all on the primary.
DATABASE_REPLICA_URLS = env_list("DATABASE_REPLICA_URLS")
DATABASE_REPLICAS = [f"replica_{n}" for n in range(1, len(DATABASE_REPLICA_URLS) + 1)]
DATABASE_ROUTERS = ["pressroom.replicas.ReplicaRouter"]
# After a browser sends a form (a save, a login, a publication), it reads from the primary this
# long, longer than the replicas lag behind: what was written is what the next page shows.
DATABASE_REPLICA_PIN_SECONDS = env_int("DATABASE_REPLICA_PIN_SECONDS", 30)


def databases(url: str) -> dict:
    """The primary, `default`, from `url`, and the replicas DATABASE_REPLICA_URLS names."""
    replicas = dict(zip(DATABASE_REPLICAS, map(database, DATABASE_REPLICA_URLS), strict=True))
    return {"default": database(url), **replicas}


DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Behind a proxy that sets X-Forwarded-Proto and X-Forwarded-For itself; otherwise clients could forge them.
BEHIND_PROXY = env_bool("BEHIND_PROXY", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "django_countries",  # country names in the reader's language (contacts/countries.py)
    "axes",
    "csp",
    "simple_history",  # who changed what in releases and the directory (pressroom/admin_history.py)
    "contacts",
    "releases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so that a page the database cannot serve is a 503 with every header below.
    "pressroom.middleware.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Once the user is known: public pages read from a replica, if there are any.
    "pressroom.replicas.ReplicaReadsMiddleware",
    # The history of releases and the directory records the user who made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pressroom.urls"
WSGI_APPLICATION = "pressroom.wsgi.application"

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
                "django.template.context_processors.i18n",
                "pressroom.context_processors.site",
            ],
        },
    },
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Logins through django-axes first: after AXES_FAILURE_LIMIT wrong passwords for one user from
# one address, that pair is locked out for AXES_COOLOFF_MINUTES, even with the right password.
# Unlock early with `manage.py axes_reset_username <login>` (or `axes_reset` for everyone).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
AXES_CLIENT_IP_CALLABLE = "pressroom.client_ip.client_ip"
# Failed logins are logged (warning, logger "axes") with the login and the address; passwords never.
AXES_SENSITIVE_PARAMETERS = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The languages the admin offers for a release (codes Django knows, "en,fr,de"): the site's own
# unless set. A release imported in another language keeps it, and its form still shows it.
PRESSROOM_RELEASE_LANGUAGES = env_list("PRESSROOM_RELEASE_LANGUAGES") or [code for code, _name in LANGUAGES]
if unknown := set(PRESSROOM_RELEASE_LANGUAGES) - {code for code, _name in global_settings.LANGUAGES}:
    raise ImproperlyConfigured(f"PRESSROOM_RELEASE_LANGUAGES: unknown language codes {sorted(unknown)}.")
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["pressroom.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # The documents editors imported (releases/sources.py): private, so never under MEDIA_ROOT,
    # STATIC_ROOT or any folder a web server serves; editors download them through the admin.
    "sources": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("SOURCES_ROOT") or BASE_DIR / "var" / "sources"},
    },
}
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "media/"

LOGIN_URL = "admin:login"

# The cache: local memory in each process unless REDIS_URL (or CACHE_URL) names a Redis server,
# which every app server then shares. Whole public pages are kept in it (releases/caching.py).
CACHE_URL = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL", "")
if CACHE_URL and not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(f"REDIS_URL must be a redis:// address, not {CACHE_URL!r}.")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pressroom"),
        }
        if CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 1000)},
        }
    )
}
# How long a public page may stay in that cache (it leaves it sooner when it stops being true);
# 0 keeps none, and asks browsers and proxies to keep none without asking again.
PRESSROOM_PAGE_CACHE_SECONDS = env_int("PRESSROOM_PAGE_CACHE_SECONDS", 600)
# How long a browser or proxy may keep a public page without asking again (never past the next
# scheduled release or embargo's end): a withdrawn release may stay there this long.
PRESSROOM_PAGE_MAX_AGE = env_int("PRESSROOM_PAGE_MAX_AGE", 60)

# The public name of this press room, shown in the header and the page titles.
PRESSROOM_NAME = os.environ.get("PRESSROOM_NAME", "Pressroom")
# A second pair of eyes: a publisher may not approve a release they wrote or submitted, unless
# this is on (a press office of one).
PRESSROOM_PUBLISHERS_APPROVE_OWN = env_bool("PRESSROOM_PUBLISHERS_APPROVE_OWN", default=False)

# Headers on every response. The pages and the admin run no inline script or style, so the
# policy allows only the site's own files ("data:" images: the admin's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# How long a preview link for journalists may last at most (releases/previews.py).
PREVIEW_LINK_MAX_DAYS = env_int("PREVIEW_LINK_MAX_DAYS", 30)

# A page the database cannot serve answers 503 with this Retry-After (pressroom/middleware.py).
DATABASE_UNAVAILABLE_RETRY_AFTER = env_int("DATABASE_UNAVAILABLE_RETRY_AFTER", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"without_traceback": {"()": "pressroom.log.WithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # A request for a host not in ALLOWED_HOSTS (scanners send many): one line, no traceback.
        "django.security.DisallowedHost": {"filters": ["without_traceback"]},
    },
}
