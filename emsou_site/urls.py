from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from emsou_site.pages import views as page_views

admin.site.site_header = "EMSOU website administration"
admin.site.site_title = "EMSOU admin"
admin.site.index_title = "Manage the website"

urlpatterns = [
    path("", page_views.home, name="home"),
    path("units/", include("units.urls")),
    path("news/", include("news.urls")),
    path("report/", TemplateView.as_view(template_name="report.html"), name="report"),
    path("admin/", admin.site.urls),
    path("", include("emsou_site.pages.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
