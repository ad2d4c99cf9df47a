"""The local demo and development: `make run`, and manage.py's default.

Starts with no settings at all: an SQLite file under the project (or DATABASE_URL), the local
host names, a development key. DEBUG is on unless DEBUG=false (`make run` turns it off to show
the site as the public sees it). Never serve it to the public: that is pressroom.settings.production.
"""

import os

from pressroom.settings.base import *  # noqa: F403
from pressroom.settings.base import BASE_DIR, databases, env_bool, env_list

DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-pressroom-local-development-only"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
DATABASES = databases(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
