"""Read replicas: the public's pages read from a replica, everything else from the primary.

Off unless DATABASE_REPLICA_URLS names replicas (settings: the aliases `replica_1`,
`replica_2`… in DATABASE_REPLICAS). Then ReplicaReadsMiddleware picks a replica for a request
that only reads a public page: a GET or HEAD, from a visitor who is not logged in, from a
browser that sent no form in the last DATABASE_REPLICA_PIN_SECONDS. Every other request reads
from the primary (staff, the admin, a form sent and the pages after it, a journalist's preview
link, whose revocation must hold at once), and every write goes there: an editor sees the
release they have just published whatever the replica's lag. Migrations run on the primary
only; the replicas follow it by PostgreSQL's replication.
"""

import random
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

# The database this request reads from: the primary, unless the middleware chose a replica.
reading_from: ContextVar[str] = ContextVar("reading_from", default=DEFAULT_DB_ALIAS)
# Set on the answer to a write: that browser reads from the primary for a while.
PIN_COOKIE = "pressroom_primary"
READ_ONLY_METHODS = {"GET", "HEAD", "OPTIONS"}


class ReplicaRouter:
    """Reads where the request reads from (reading_from); writes and migrations on the primary."""

    def db_for_read(self, model, **hints):
        alias = reading_from.get()
        if alias != DEFAULT_DB_ALIAS and connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # a transaction on the primary reads what it has written
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas are copies of the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def reads_from_primary(view_class):
    """Mark a view whose every request reads from the primary."""
    view_class.reads_from_primary = True
    return view_class


class ReplicaReadsMiddleware:
    """After AuthenticationMiddleware: chooses where the view reads from (process_view, once the
    user and the view are known), and pins a browser to the primary after it sent a write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = reading_from.set(DEFAULT_DB_ALIAS)
        try:
            response = self.get_response(request)
        finally:
            reading_from.reset(token)
        if settings.DATABASE_REPLICAS and request.method not in READ_ONLY_METHODS:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.DATABASE_REPLICAS and self.reads_public_page(request, view_func):
            reading_from.set(random.choice(settings.DATABASE_REPLICAS))

    @staticmethod
    def reads_public_page(request, view_func) -> bool:
        view = getattr(view_func, "view_class", view_func)
        user = getattr(request, "user", None)
        return (
            request.method in READ_ONLY_METHODS
            and PIN_COOKIE not in request.COOKIES
            and not (user and user.is_authenticated)  # the admin's pages all ask for a login
            and not getattr(view, "reads_from_primary", False)
        )
