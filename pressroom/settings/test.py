"""The test suite: fast hashing, no manifest, local-memory cache; SQLite unless DATABASE_URL.

django-axes stays on: the tests log in through it, and show that it locks out.
"""

import os

from pressroom.settings.base import *  # noqa: F403
from pressroom.settings.base import database

DEBUG = False
SECRET_KEY = "tests-only-" + "x" * 40
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {"default": database(os.environ.get("DATABASE_URL") or "sqlite:///:memory:")}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files straight from the finders, as with runserver; no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
