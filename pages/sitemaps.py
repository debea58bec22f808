from django.urls import reverse
from django.utils.functional import cached_property

from core.sitemaps import LimitedSitemap, RecordSitemap, latest_change
from news.models import Article, Result
from units.models import Unit

from .models import HOME_SLUG, SitePage


class PageSitemap(RecordSitemap):
    def items(self):
        return SitePage.objects.exclude(slug=HOME_SLUG).order_by("pk")


class SectionSitemap(LimitedSitemap):
    """The home page and the section pages, each last modified when what it lists last changed."""

    @cached_property
    def changes(self):
        """Kept for the content version: each is the latest change of a whole section of the site."""
        return self.kept("changes", self.find_changes)

    def find_changes(self):
        news = latest_change(Article.objects.published())
        units = latest_change(Unit.objects.published())
        home = latest_change(SitePage.objects.filter(slug=HOME_SLUG))
        return {
            "home": max((when for when in (news, units, home) if when), default=None),
            "units:list": units,
            "news:list": news,
            "report": None,  # a page of fixed numbers, with no record of when it last changed
            "numbers": latest_change(Result.objects.published()),
        }

    def items(self):
        return list(self.changes)

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        return self.changes[name]
