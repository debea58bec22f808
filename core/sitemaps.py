"""Sitemaps: one file while the site is small, a sitemap index of sections once it passes SITEMAP_LIMIT."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap, views
from django.core import paginator
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

from .cache import cached_value


def latest_change(queryset):
    """When the most recently changed record of `queryset` changed, in one query."""
    return queryset.order_by().aggregate(latest=Max(Coalesce("updated_at", "created_at")))["latest"]


class LimitedSitemap(Sitemap):
    """A section of the sitemap, split into pages of at most SITEMAP_LIMIT addresses."""

    request = None  # set by the view

    def kept(self, part, compute):
        """compute(), kept for the content version (core.cache.cached_value) under this section's name and part."""
        return cached_value(self.request, ("sitemap", type(self).__name__, part), compute)

    @property
    def limit(self):
        return settings.SITEMAP_LIMIT

    @cached_property
    def paginator(self):
        """One paginator, so one count, however often the views ask (Django makes a new one at each access); the
        count is kept for the content version, like the news list's."""
        pages = paginator.Paginator(self._items(), self.limit)
        pages.count = self.kept("count", lambda: pages.count)
        return pages


class RecordSitemap(LimitedSitemap):
    """A section listing records that keep `created_at` and `updated_at`: each one's last change, and the
    section's latest (for the sitemap index) by one query, not by loading every record as Django's default does."""

    def lastmod(self, record):
        return record.updated_at or record.created_at

    def get_latest_lastmod(self):
        return self.kept("latest", lambda: latest_change(self.items()))


def sitemap(request, sitemaps, section=None):
    """/sitemap.xml: every address in one file, or, past SITEMAP_LIMIT, an index of the section files."""
    sections = {name: site() if callable(site) else site for name, site in sitemaps.items()}
    for site in sections.values():
        site.request = request  # for what a section keeps for the content version (core.cache.cached_value)
    if section is not None:
        return views.sitemap(request, sections, section=section)
    if sum(site.paginator.count for site in sections.values()) > settings.SITEMAP_LIMIT:
        return views.index(request, sections, sitemap_url_name="sitemap-section")
    return views.sitemap(request, sections)
