"""A page the database cannot serve is a 503 that asks to retry, not a 500."""

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.log import log_response


class DatabaseUnavailableMiddleware:
    """Turn a lost or refused database connection in a view or template into a 503.

    The page (templates/503.html) renders without the request, so no context processor and
    nothing else touches the database. Broken connections are closed, so the next request
    opens a new one and the site recovers by itself when the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        for connection in connections.all(initialized_only=True):
            if not connection.in_atomic_block and not connection.is_usable():
                connection.close()
        response = HttpResponse(
            render_to_string("503.html", {"site_name": settings.PRESSROOM_NAME}), status=503
        )
        response["Retry-After"] = str(settings.DATABASE_UNAVAILABLE_RETRY_AFTER)
        add_never_cache_headers(response)
        # One line with the cause, in place of Django's "Service Unavailable" line.
        cause = (str(exception).strip().splitlines() or [type(exception).__name__])[0]
        log_response("Database unavailable: %s (%s)", request.path, cause, response=response, request=request)
        return response
