from django.db.models import F, Max
from django.db.models.functions import Coalesce, ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.functional import cached_property

from core.sitemaps import LimitedSitemap, RecordSitemap

from .models import Article


class ArticleSitemap(RecordSitemap):
    def items(self):
        """Every public article but those search engines are asked not to index (closed appeals for a person)."""
        return Article.objects.published().indexable().only("slug", "updated_at", "created_at").order_by("pk")


class ArchiveSitemap(LimitedSitemap):
    """The archive's year and month pages, each last modified when its latest article was."""

    @cached_property
    def pages(self):
        """Kept for the content version, like the news list's count: grouping every article takes a while."""
        return self.kept("pages", self.find_pages)

    def find_pages(self):
        """Grouped by the database (years and months in the site's time zone), not by loading every article."""
        groups = (
            Article.objects.published()
            .order_by()
            .values(year=ExtractYear("published_at"), month=ExtractMonth("published_at"), precision=F("date_precision"))
            .annotate(latest=Max(Coalesce("updated_at", "created_at")))
        )
        pages = {}
        for group in groups:
            keys = [(group["year"], None)]
            if group["precision"] != Article.DatePrecision.YEAR:
                keys.append((group["year"], group["month"]))
            for key in keys:
                pages[key] = max(pages.get(key, group["latest"]), group["latest"])
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
