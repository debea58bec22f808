from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from emsou_site.preview import StaffPreviewMixin
from news.models import Article

from .models import Unit


class UnitListView(ListView):
    template_name = "units/unit_list.html"
    context_object_name = "units"

    def get_queryset(self):
        return (
            Unit.objects.published()
            .top_level()
            .prefetch_related(Prefetch("children", queryset=Unit.objects.published(), to_attr="teams"))
        )


class UnitDetailView(StaffPreviewMixin, DetailView):
    model = Unit
    context_object_name = "unit"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("parent")
            .prefetch_related(
                "forces",
                "links",
                Prefetch("children", queryset=Unit.objects.published(), to_attr="teams"),
            )
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            related_news=Article.objects.published().about(self.object).select_related("area")[:5], **kwargs
        )
