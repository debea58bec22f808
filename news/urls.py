from django.urls import path, re_path

from . import feeds, views

app_name = "news"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("feed/", feeds.NewsFeed(), name="feed"),
    path("feed/atom/", feeds.AtomNewsFeed(), name="feed-atom"),
    path("feed/area/<slug:slug>/", feeds.AreaNewsFeed(), name="area-feed"),
    path("feed/area/<slug:slug>/atom/", feeds.AtomAreaNewsFeed(), name="area-feed-atom"),
    path("feed/unit/<slug:slug>/", feeds.UnitNewsFeed(), name="unit-feed"),
    path("feed/unit/<slug:slug>/atom/", feeds.AtomUnitNewsFeed(), name="unit-feed-atom"),
    re_path(r"^(?P<year>[0-9]{4})/$", views.ArticleYearArchiveView.as_view(), name="year"),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.ArticleMonthArchiveView.as_view(), name="month"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
