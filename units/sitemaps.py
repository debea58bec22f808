from core.sitemaps import LimitedSitemap

from .models import Unit


class UnitSitemap(LimitedSitemap):
    def items(self):
        return Unit.objects.published().order_by("pk")

    def lastmod(self, unit):
        return unit.updated_at or unit.created_at
