"""What the accessibility checks cover: the browser tests run exactly this, and the statement reports it."""

import json

from django.conf import settings

# Every kind of public page, as the statement names it; tests/test_browser.py visits an example of each.
PAGE_TYPES = [
    "home page",
    "list of units",
    "unit",
    "team within a unit",
    "news list",
    "news list filtered by area",
    "news list, second page",
    "news article",
    "news article marked sensitive, with “Leave this site”",
    "news archive for a year",
    "news archive for a month",
    "news article about a case before the courts, with its timeline",
    "appeal for witnesses, with ways to respond",
    "results in numbers",
    "search results",
    "search with no results",
    "your area",
    "text size and contrast",
    "About",
    "accessibility statement",
    "privacy and cookies",
    "how to report a crime",
    "page not found (404)",
    "withdrawn article (410)",
    "server error (500)",
    "preview of an unpublished article",
]
# Screen widths in CSS pixels: a small phone (and a 1280 px screen zoomed to 400%), and a desktop.
VIEWPORTS = {"320 px": {"width": 320, "height": 640}, "1280 px": {"width": 1280, "height": 900}}
# The display options each page is checked in: the value of the emsou_display cookie.
DISPLAY_MODES = {
    "standard text": "",
    "large text": "large-standard",
    "largest text": "largest-standard",
    "high contrast": "standard-high",
}
# axe-core's rules for WCAG 2.0, 2.1 and 2.2 at levels A and AA, and its best practices; target-size turned on.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_RULES = {"target-size": {"enabled": True}}
# The admin screens checked with the same rules (tests/test_editorial_browser.py).
ADMIN_SCREENS = [
    "sign in",
    "admin home, with “Needs your attention”",
    "list of articles",
    "list of articles waiting for review",
    "list of open appeals",
    "new article",
    "change article",
    "article history",
    "delete article",
    "close an appeal",
    "list of cases",
    "change case",
    "list of results",
    "change result",
    "new stated figure",
    "list of incident banners",
    "change incident banner",
    "list of units",
    "change unit",
    "change team",
    "delete unit",
    "recover deleted units",
    "new force",
    "list of site pages",
    "change site page",
    "new site page",
    "redirects",
    "preview links",
    "change password",
]
# Lighthouse is run on these pages by `make audit`; its scores must reach these.
LIGHTHOUSE_PAGES = ["home page", "news list", "news article", "unit"]
LIGHTHOUSE_TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 95}


def audit_results():
    """The last `make audit`'s results, as recorded in the repository; None if there are none."""
    try:
        return json.loads(settings.ACCESSIBILITY_RESULTS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
