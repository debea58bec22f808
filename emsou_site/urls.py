import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.static import serve

from core import site_views
from core.display import DisplayView
from core.preview import shared_preview
from core.sitemaps import sitemap
from news import views as news_views
from news.sitemaps import ArchiveSitemap, ArticleSitemap
from pages import views as page_views
from pages.sitemaps import PageSitemap, SectionSitemap
from units import views as unit_views
from units.sitemaps import UnitSitemap

handler500 = "emsou_site.views.server_error"

admin.site.site_header = "EMSOU website administration"
admin.site.site_title = "EMSOU admin"
admin.site.index_title = "Manage the website"

sitemaps = {
    "sections": SectionSitemap,
    "pages": PageSitemap,
    "units": UnitSitemap,
    "news": ArticleSitemap,
    "archive": ArchiveSitemap,
}

urlpatterns = [
    path("", page_views.home, name="home"),
    path("healthz", site_views.healthz, name="healthz"),
    path("units/", include("units.urls")),
    path("news/", include("news.urls")),
    path("search/", include("search.urls")),
    path("area/", unit_views.AreaView.as_view(), name="area"),
    path("display/", DisplayView.as_view(), name="display"),
    path("report/", TemplateView.as_view(template_name="report.html"), name="report"),
    path("numbers/", news_views.NumbersView.as_view(), name="numbers"),
    path("images/", include("core.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap-section"),
    path("robots.txt", TemplateView.as_view(template_name="robots.txt", content_type="text/plain"), name="robots"),
    path(settings.ADMIN_PATH, admin.site.urls),
    path("preview/<str:token>/", shared_preview, name="preview"),
    path("", include("pages.urls")),
]

if settings.SERVE_MEDIA:
    # make run and make dev: uploads from MEDIA_ROOT. In production the web server or the S3 store serves them.
    prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns.insert(0, re_path(rf"^{prefix}(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}))
