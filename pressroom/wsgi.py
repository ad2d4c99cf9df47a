"""WSGI entry point: `gunicorn pressroom.wsgi`, on the production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings.production")

application = get_wsgi_application()
