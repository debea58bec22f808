"""The server error page, rendered without the database: it may be what failed."""

from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader

from core.display import display_options

from .context_processors import area_link, navigation


def server_error(request):
    """The 500 page in the visitor's text size and colours. It runs no context processor and reads nothing
    from the database."""
    context = {
        "request": request,
        "is_error_page": True,  # its fragments are rendered, not looked up (core.templatetags.fragments)
        "site_name": settings.SITE_NAME,
        "site_full_name": settings.SITE_FULL_NAME,
        "navigation": navigation(request),
        "area_link": area_link(request),
        "display": display_options(request),
    }
    return HttpResponseServerError(loader.render_to_string("500.html", context))
