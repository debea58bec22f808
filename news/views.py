from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from emsou_site.preview import StaffPreviewMixin
from units.models import Unit

from .forms import NewsFilterForm
from .models import Article


class ArticleListView(ListView):
    paginate_by = 10
    context_object_name = "articles"

    def get(self, request, *args, **kwargs):
        self.form = NewsFilterForm(request.GET or None)
        response = super().get(request, *args, **kwargs)
        if self.form.errors:
            response.status_code = 400
        return response

    def get_queryset(self):
        return self.form.filter(Article.objects.published().select_related("area"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, filters=self.form.description(), **kwargs)


class ArticleDetailView(StaffPreviewMixin, DetailView):
    model = Article
    context_object_name = "article"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("area")
            .prefetch_related(Prefetch("units", queryset=Unit.objects.published()))
        )
