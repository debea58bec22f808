from core.sitemaps import RecordSitemap

from .models import Unit


class UnitSitemap(RecordSitemap):
    def items(self):
        return Unit.objects.published().order_by("pk")
