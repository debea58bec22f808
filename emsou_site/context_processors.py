from functools import cache

from django.conf import settings
from django.urls import reverse

from units.models import Force


@cache
def _navigation():
    """The main navigation's addresses, reversed once per process: (address, label, section it leads)."""
    return (
        (reverse("units:list"), "Units", "units"),
        (reverse("news:list"), "News", "news"),
        (reverse("pages:detail", args=["about"]), "About", None),
        (reverse("report"), "Report", None),
    )


def navigation(request):
    """(address, label, aria-current value or "") for each item of the main navigation, on this request's page."""
    match = getattr(request, "resolver_match", None)
    section = match.namespace if match else ""
    return [
        (url, label, "page" if request.path == url else ("true" if leads and section == leads else ""))
        for url, label, leads in _navigation()
    ]


@cache
def _area_url():
    return reverse("area")


def area_link(request):
    """The header's "Your area" link: (address, whether this is that page)."""
    return (_area_url(), request.path == _area_url())


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "site_full_name": settings.SITE_FULL_NAME,
        "footer_forces": Force.objects.all(),
        "navigation": navigation(request),
        "area_link": area_link(request),
        "leave_site_url": settings.LEAVE_SITE_URL,
        "leave_site_name": settings.LEAVE_SITE_NAME,
    }
