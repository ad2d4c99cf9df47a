"""Pressroom's settings, one module per way of running it, all read from the environment.

- ``pressroom.settings.production``: what the public is served (``pressroom/wsgi.py``'s
  default). Refuses to start without PostgreSQL, its host names and a strong secret key.
- ``pressroom.settings.demo``: the local demo and development (``manage.py``'s default and
  ``make run``). Starts with no settings at all: SQLite under the project, local host names.
- ``pressroom.settings.test``: the test suite (pytest).

Each imports ``pressroom.settings.base``, what they share.
"""
