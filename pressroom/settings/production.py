"""Production: what the public is served, and pressroom/wsgi.py's default.

Refuses to start, with a message naming the variable, rather than fall back to a demo value:
PostgreSQL (DATABASE_URL), the site's host names (ALLOWED_HOSTS) and a long random SECRET_KEY
are required. Served over HTTPS unless HTTPS=false: secure cookies, HTTP redirected, HSTS.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from pressroom.settings.base import *  # noqa: F403
from pressroom.settings.base import BEHIND_PROXY, DATABASE_REPLICA_URLS, databases, env_bool, env_int

if env_bool("DEBUG", default=False):
    raise ImproperlyConfigured(
        "DEBUG=true is for development: use DJANGO_SETTINGS_MODULE=pressroom.settings.demo."
    )
DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set it to 50 or more random characters: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )
if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use 50 or more random characters "
        "(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    raise ImproperlyConfigured(
        "DATABASE_URL must name the PostgreSQL database, "
        "e.g. postgres://pressroom:secret@db.internal:5432/pressroom."
    )
if any(not url.startswith(("postgres://", "postgresql://")) for url in DATABASE_REPLICA_URLS):
    raise ImproperlyConfigured(
        "DATABASE_REPLICA_URLS must name PostgreSQL replicas of DATABASE_URL, comma-separated."
    )
DATABASES = databases(os.environ["DATABASE_URL"])

if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set: the site's host names, comma-separated.")

# Served over HTTPS unless told otherwise (a load test on 127.0.0.1 says HTTPS=false).
HTTPS = env_bool("HTTPS", default=True)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=HTTPS)
if HTTPS:
    # Browsers then refuse plain HTTP to this host (and its subdomains) for a year.
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
