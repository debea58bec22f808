from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.vary import vary_on_cookie
from django.views.generic import DetailView

from news.models import Article
from units.areas import chosen_area
from units.models import Unit

from .models import HOME_SLUG, SitePage

LATEST = 5


@vary_on_cookie
def home(request):
    """The home page; with an area chosen, its news leads, then the region-wide news. Everything is fetched
    lazily: the template's cached fragments run no query."""
    news = Article.objects.published().select_related("area")
    area = SimpleLazyObject(lambda: chosen_area(request))
    context = {
        "page": SimpleLazyObject(SitePage.objects.filter(slug=HOME_SLUG).first),
        "units": Unit.objects.published().main_units(),
        "area": area,
        "area_news": SimpleLazyObject(lambda: list(news.filter(area=chosen_area(request))[:LATEST])),
        "region_news": news.filter(area__isnull=True)[:LATEST],
        "latest_news": news[:LATEST],
    }
    return render(request, "home.html", context)


class PageDetailView(DetailView):
    model = SitePage
    context_object_name = "page"

    def get_template_names(self):
        """A page with a template of its own (pages/accessibility.html adds the test results), or the usual one."""
        return [f"pages/{self.object.slug}.html", "pages/sitepage_detail.html"]

    def get(self, request, *args, **kwargs):
        if kwargs["slug"] == HOME_SLUG:
            return redirect("home", permanent=True)
        return super().get(request, *args, **kwargs)
