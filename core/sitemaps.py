"""Sitemaps: one file while the site is small, a sitemap index of sections once it passes SITEMAP_LIMIT."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap, views


class LimitedSitemap(Sitemap):
    """A section of the sitemap, split into pages of at most SITEMAP_LIMIT addresses."""

    @property
    def limit(self):
        return settings.SITEMAP_LIMIT


def sitemap(request, sitemaps, section=None):
    """/sitemap.xml: every address in one file, or, past SITEMAP_LIMIT, an index of the section files."""
    sections = {name: site() if callable(site) else site for name, site in sitemaps.items()}
    if section is not None:
        return views.sitemap(request, sections, section=section)
    if sum(site.paginator.count for site in sections.values()) > settings.SITEMAP_LIMIT:
        return views.index(request, sections, sitemap_url_name="sitemap-section")
    return views.sitemap(request, sections)
