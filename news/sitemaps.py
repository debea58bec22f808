from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from core.sitemaps import LimitedSitemap

from .models import Article


def changed(article):
    return article.updated_at or article.created_at


class ArticleSitemap(LimitedSitemap):
    def items(self):
        """Every public article but those search engines are asked not to index (closed appeals for a person)."""
        return Article.objects.published().indexable().order_by("pk")

    def lastmod(self, article):
        return changed(article)


class ArchiveSitemap(LimitedSitemap):
    """The archive's year and month pages, each last modified when its latest article was."""

    @cached_property
    def pages(self):
        pages = {}
        for article in Article.objects.published().only("published_at", "date_precision", "updated_at", "created_at"):
            when = timezone.localtime(article.published_at)
            keys = [(when.year, None)]
            if article.date_precision != Article.DatePrecision.YEAR:
                keys.append((when.year, when.month))
            for key in keys:
                pages[key] = max(pages.get(key, changed(article)), changed(article))
        return pages

    def items(self):
        return sorted(self.pages, key=lambda key: (key[0], key[1] or 0))

    def location(self, key):
        year, month = key
        if month is None:
            return reverse("news:year", kwargs={"year": year})
        return reverse("news:month", kwargs={"year": year, "month": f"{month:02d}"})

    def lastmod(self, key):
        return self.pages[key]
