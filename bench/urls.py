"""The site's addresses, plus /_bench/trivial: the floor every page's speed is measured against."""

from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("_bench/trivial", trivial), path("", include("emsou_site.urls"))]
