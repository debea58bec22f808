from django.shortcuts import redirect, render
from django.views.generic import DetailView

from news.models import Article
from units.models import Unit

from .models import HOME_SLUG, SitePage


def home(request):
    return render(
        request,
        "home.html",
        {
            "page": SitePage.objects.filter(slug=HOME_SLUG).first(),
            "units": Unit.objects.published().top_level(),
            "latest_news": Article.objects.published().select_related("area")[:5],
        },
    )


class PageDetailView(DetailView):
    model = SitePage
    context_object_name = "page"

    def get(self, request, *args, **kwargs):
        if kwargs["slug"] == HOME_SLUG:
            return redirect("home", permanent=True)
        return super().get(request, *args, **kwargs)
