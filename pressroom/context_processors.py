from django.conf import settings


def site(request):
    """The press room's public name, for the header and page titles."""
    return {"site_name": settings.PRESSROOM_NAME}
