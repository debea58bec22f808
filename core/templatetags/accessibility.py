"""The accessibility statement's report of testing, read from the last `make audit`'s results."""

import datetime

from django import template

from ..accessibility import audit_results

register = template.Library()
CATEGORIES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best practices"}
CATEGORIES["seo"] = "Search engines"


@register.inclusion_tag("includes/audit_report.html")
def audit_report():
    """What was tested, how and when, and what was found; nothing at all when no audit has been recorded."""
    results = audit_results()
    if not results:
        return {}
    pages = results["lighthouse"]["pages"]
    return {
        "results": results,
        "tested_on": datetime.date.fromisoformat(results["tested_on"]),
        "lighthouse": [
            (name, [(label, scores[key]) for key, label in CATEGORIES.items()]) for name, scores in pages.items()
        ],
    }
