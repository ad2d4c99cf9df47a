"""The test suite: fast hashing, no manifest, local-memory cache; SQLite unless DATABASE_URL.

django-axes stays on: the tests log in through it, and show that it locks out.
"""

import atexit
import os
import shutil
import tempfile

from pressroom.settings.base import *  # noqa: F403
from pressroom.settings.base import database

DEBUG = False
SECRET_KEY = "tests-only-" + "x" * 40
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {"default": database(os.environ.get("DATABASE_URL") or "sqlite:///:memory:")}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A test that waits on a lock fails after two minutes, saying which, rather than hanging the run.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c lock_timeout=120000"
# A read replica that is the test database itself, for the tests that turn replicas on with
# override_settings(DATABASE_REPLICAS=["replica_1"]) (tests/test_replicas.py); off for the others.
DATABASES["replica_1"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_REPLICAS = []

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# No page is kept: a test changes rows in a transaction that never commits, so the generation
# would not move. tests/test_caching.py keeps pages, on local memory and Redis, with commits.
PRESSROOM_PAGE_CACHE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Imported documents on disk, as in production, in a folder of this test run's own.
    "sources": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tempfile.mkdtemp(prefix="pressroom-sources-")},
    },
}
atexit.register(shutil.rmtree, STORAGES["sources"]["OPTIONS"]["location"], ignore_errors=True)
# Static files straight from the finders, as with runserver; no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
