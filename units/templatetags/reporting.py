"""The ways to report a crime on a page: the routes of the units it is about first, then the general ones."""

from django import template

from units.reporting import GENERAL, ROUTES, routes_for

register = template.Library()


@register.inclusion_tag("includes/report.html")
def report_section(units=(), own_heading=""):
    """`{% report_section unit "For this unit's work" %}` (a unit, or a list of them, each with its
    `reporting_routes` prefetched)."""
    own, general = routes_for([units] if hasattr(units, "reporting_routes") else units)
    return {"own": own, "general": general, "own_heading": own_heading}


@register.inclusion_tag("includes/report_list.html")
def report_list():
    """Every general way to report, in order."""
    return {"routes": [ROUTES[key] for key in GENERAL]}
