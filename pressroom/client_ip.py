"""The address a request comes from, for django-axes' lockouts (settings.AXES_CLIENT_IP_CALLABLE)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR; behind the proxy (BEHIND_PROXY), the address the proxy itself added.

    The proxy appends the address it received the request from to X-Forwarded-For, so only the
    last entry is its own: earlier ones are whatever the client wrote, and would let it dodge a
    lockout by writing a new address each time.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_PROXY and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")
