"""The major-incident banners at the top of a page. Raising, changing or ending a banner changes the content
version, and a banner's start and end are registered with the cache's time hook, so it shows at once and goes
on time whatever the caches hold."""

from django import template

from core.cache import cached_value
from incidents.models import IncidentBanner

register = template.Library()


def page_units(context):
    """The units a page is about: a unit's page names its unit, an article page the article's units."""
    if context.get("unit") is not None:
        return [context["unit"]]
    article = context.get("article")
    if article is None or not getattr(article, "pk", None):
        return []
    units = context.get("article_units")
    return list(units() if callable(units) else article.units.all())


def page_key(context):
    """What the banners on this page depend on: the unit or article it is about, if any."""
    for name in ("unit", "article"):
        obj = context.get(name)
        if obj is not None and getattr(obj, "pk", None):
            return (name, obj.pk)
    return ()


@register.inclusion_tag("includes/incident_banners.html", takes_context=True)
def incident_banners(context):
    # The server error page must not depend on the database (it may be what failed).
    if context.get("request") is None or context.get("is_error_page"):
        return {}
    return {
        "banners": cached_value(
            context["request"],
            ("incident-banners", *page_key(context)),
            lambda: list(IncidentBanner.objects.for_page(page_units(context))),
        )
    }
