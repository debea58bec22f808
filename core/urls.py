from django.urls import path, re_path

from . import views

app_name = "images"
urlpatterns = [
    path("preview/<str:signed>/", views.preview, name="preview"),
    re_path(
        r"^(?P<label>[a-z_]+\.[a-z_]+)/(?P<pk>[0-9]+)/(?P<token>[0-9a-f]{32})/(?P<variant>[0-9]+w|share)\.(?P<ext>webp|jpg)$",
        views.rendition,
        name="rendition",
    ),
]
