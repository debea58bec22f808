"""The page cache: what a visitor gets is never stale, never someone else's, and never an editor's."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.db import OperationalError, connections
from django.test import Client
from django.utils import timezone

from core import cache as page_cache
from news.models import Article

from .conftest import text_of
from .factories import ArticleFactory, ExternalLinkFactory, ForceFactory, SitePageFactory, UnitFactory

pytestmark = pytest.mark.django_db


def served(response):
    """How the page cache answered: "hit", "miss", "bypass" (staff and the like) or "off"."""
    return response.wsgi_request.page_cache


@pytest.fixture
def clock(monkeypatch):
    """Moves time forward without waiting: Django's clock, the cache's expiry and the page cache's together."""

    class Clock:
        now = timezone.now()

        def advance(self, **delta):
            self.now += datetime.timedelta(**delta)

    moved = Clock()
    monkeypatch.setattr(timezone, "now", lambda: moved.now)
    monkeypatch.setattr(time, "time", lambda: moved.now.timestamp())
    return moved


def test_a_public_page_is_served_from_the_cache_until_content_changes(client):
    page = SitePageFactory(slug="home", title="Welcome to EMSOU")
    assert served(client.get("/")) == "miss"
    response = client.get("/")
    assert served(response) == "hit"
    assert "Welcome to EMSOU" in text_of(response)
    page.title = "EMSOU: working as one"
    page.save()
    response = client.get("/")
    assert served(response) == "miss"
    assert "EMSOU: working as one" in text_of(response)


def rename_unit(objects):
    objects["unit"].name = "Renamed Unit"
    objects["unit"].save()
    return objects["unit"].get_absolute_url(), "Renamed Unit"


def rename_force(objects):
    objects["force"].name = "Renamed Constabulary"
    objects["force"].save()
    return "/units/", "Renamed Constabulary"  # the footer, on every page


def add_link(objects):
    ExternalLinkFactory(unit=objects["unit"], title="A new partner site")
    return objects["unit"].get_absolute_url(), "A new partner site"


def link_article(objects):
    objects["article"].units.add(objects["unit"])  # a many-to-many change only
    return objects["unit"].get_absolute_url(), objects["article"].title


def delete_article(objects):
    objects["article"].delete()
    return "/news/", "0 articles"


@pytest.mark.parametrize("change", [rename_unit, rename_force, add_link, link_article, delete_article])
def test_any_change_to_any_content_shows_at_once(client, change):
    """No list of models to keep up to date: every model of the project's apps invalidates the cache."""
    objects = {"force": ForceFactory(), "unit": UnitFactory(), "article": ArticleFactory(title="Story about drugs")}
    urls = ["/", "/news/", "/units/", objects["unit"].get_absolute_url()]
    for url in urls:
        client.get(url)
        assert served(client.get(url)) == "hit"
    url, expected = change(objects)
    assert expected in text_of(client.get(url))


def test_content_version_is_shared_through_the_configured_cache(client):
    """Another process (or machine) saving content changes the version in the shared cache, not in this one."""
    SitePageFactory(slug="about", title="About us")
    client.get("/about/")
    assert served(client.get("/about/")) == "hit"
    cache.set(page_cache.VERSION_KEY, "changed-elsewhere", timeout=None)
    assert served(client.get("/about/")) == "miss"


def test_a_scheduled_article_appears_the_moment_it_is_due(client, clock):
    ArticleFactory(title="Already public story")
    due = clock.now + datetime.timedelta(minutes=2)
    ArticleFactory(title="Scheduled appeal for witnesses", published_at=due)
    response = client.get("/news/")
    assert "Scheduled appeal for witnesses" not in text_of(response)
    assert int(response["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 10
    clock.advance(minutes=1)
    assert served(client.get("/news/")) == "hit"
    clock.advance(minutes=1, seconds=1)
    response = client.get("/news/")
    assert served(response) == "miss"
    assert "Scheduled appeal for witnesses" in text_of(response)


def test_no_cached_page_outlives_a_registered_next_change(client, clock):
    """Other apps (an expiring banner, an article's expiry) register when pages next change by themselves."""
    SitePageFactory(slug="about", title="About us")
    moment = clock.now + datetime.timedelta(seconds=30)
    page_cache.register_next_change(lambda: moment)
    try:
        response = client.get("/about/")
        assert int(response["Cache-Control"].split("max-age=")[1].split(",")[0]) <= 10
        clock.advance(seconds=29)
        assert served(client.get("/about/")) == "hit"
        assert "max-age=1" in client.get("/about/")["Cache-Control"]
        clock.advance(seconds=2)
        assert served(client.get("/about/")) == "miss"
    finally:
        page_cache._next_change_sources.remove(page_cache._next_change_sources[-1])


@pytest.mark.urls("tests.urls")
def test_each_cookie_choice_has_its_own_copy_and_others_share(client):
    derbyshire = Client()
    derbyshire.cookies["emsou_area"] = "derbyshire"
    lincolnshire = Client()
    lincolnshire.cookies["emsou_area"] = "lincolnshire"
    assert derbyshire.get("/_test/cookies/").content.startswith(b"area=derbyshire")
    assert lincolnshire.get("/_test/cookies/").content.startswith(b"area=lincolnshire")
    assert served(derbyshire.get("/_test/cookies/")) == "hit"
    assert client.get("/_test/cookies/").content.startswith(b"area=-")
    other = Client()
    other.cookies["emsou_area"] = "derbyshire"
    other.cookies["other"] = "not-a-choice"  # cookies outside CACHE_VARY_COOKIES do not split the cache
    response = other.get("/_test/cookies/")
    assert served(response) == "hit"
    assert "Cookie" in response["Vary"]


def test_signed_in_editors_are_never_served_or_stored(client, editor_client):
    SitePageFactory(slug="about", title="About us")
    client.get("/about/")
    response = editor_client.get("/about/")
    assert served(response) == "bypass"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert served(editor_client.get("/about/")) == "bypass"


def test_an_editors_preview_of_a_draft_never_reaches_visitors(client, editor_client):
    draft = ArticleFactory(draft=True, title="Draft appeal, not yet approved")
    assert "Draft appeal" in text_of(editor_client.get(draft.get_absolute_url()))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.urls("tests.urls")
@pytest.mark.parametrize("url", ["/_test/csrf-form/", "/_test/message/", "/_test/sets-cookie/", "/_test/language/"])
def test_pages_with_a_form_a_message_a_cookie_or_another_vary_are_not_stored(client, url):
    client.get(url)
    client.cookies.clear()
    assert served(client.get(url)) == "miss"


@pytest.mark.urls("tests.urls")
def test_one_visitors_csrf_token_never_goes_to_another(client):
    first = Client().get("/_test/csrf-form/").content
    second = Client().get("/_test/csrf-form/").content
    assert first != second


def test_errors_and_other_methods_are_not_cached(client):
    assert client.get("/no-such-page/").status_code == 404
    assert served(client.get("/no-such-page/")) == "miss"
    assert client.post("/").status_code == 405


def test_conditional_requests_get_304_fresh_and_cached(client):
    SitePageFactory(slug="about", title="About us")
    first = client.get("/about/")
    etag = first["ETag"]
    assert client.get("/about/", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/about/", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/about/", headers={"If-None-Match": '"something-else"'}).status_code == 200


def test_head_is_served_from_the_cache_without_a_body(client):
    SitePageFactory(slug="about", title="About us")
    full = client.get("/about/")
    head = client.head("/about/")
    assert served(head) == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(full.content))


def test_public_pages_may_be_kept_briefly_by_proxies(client, settings):
    response = client.get("/units/")
    assert "public" in response["Cache-Control"]
    assert f"max-age={settings.PAGE_PUBLIC_MAX_AGE}" in response["Cache-Control"]


def test_with_redis_down_pages_come_from_the_database(client, settings, caplog):
    from .servers import free_port

    SitePageFactory(slug="about", title="About us")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25, "SOCKET_TIMEOUT": 0.25},
        }
    }
    page_cache.local.clear()
    for url in ["/", "/about/", "/news/", "/units/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert served(response) == "off"
    assert "About us" in text_of(client.get("/about/"))
    outage = [r for r in caplog.records if r.name == "emsou.cache"]
    assert outage and all(r.levelname == "WARNING" and r.exc_info is None for r in outage)
    assert not [r for r in caplog.records if r.levelname in {"ERROR", "CRITICAL"}]


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    def down():
        monkeypatch.setattr(connections["default"], "ensure_connection", refuse)

    return down


def test_with_the_database_down_cached_pages_are_still_served(client, database_down):
    SitePageFactory(slug="about", title="About us")
    client.get("/about/")
    database_down()
    response = client.get("/about/")
    assert response.status_code == 200
    assert "About us" in text_of(response)


def test_with_the_database_down_other_pages_get_the_branded_error_page(database_down):
    database_down()
    response = Client(raise_request_exception=False).get("/news/")
    assert response.status_code == 500
    page = text_of(response)
    assert "Sorry, there is a problem with the service" in page
    assert "Connection refused" not in page and "Traceback" not in page
    assert '<nav class="site-nav" aria-label="Main">' in response.content.decode()


def test_health_check_answers_for_the_database_and_the_cache(client, database_down, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert served(client.get("/healthz")) != "hit"
    database_down()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "cache": "ok"}


def test_health_check_says_when_the_cache_is_down(client, settings):
    from .servers import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.25},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}


def test_bulk_changes_without_signals_say_so_explicitly(client):
    ArticleFactory(title="Original headline")
    client.get("/news/")
    Article.objects.update(title="Headline changed in bulk")
    page_cache.content_changed()
    assert "Headline changed in bulk" in text_of(client.get("/news/"))


def test_previews_and_editors_neither_read_nor_fill_the_fragment_cache(rf):
    from django.template import engines

    template = engines["django"].from_string('{% cachefragment "t" %}{{ text }}{% endcachefragment %}')
    preview = rf.get("/news/draft/")
    preview.preview = True  # a signed preview link, say
    assert template.render({"text": "unsaved draft"}, preview) == "unsaved draft"
    assert template.render({"text": "unsaved draft", "is_preview": True}, rf.get("/")) == "unsaved draft"
    assert template.render({"text": "an editor view"}, rf.get("/", HTTP_COOKIE="sessionid=abc")) == "an editor view"
    assert template.render({"text": "public"}, rf.get("/")) == "public"
    assert template.render({"text": "rendered again"}, rf.get("/")) == "public"  # visitors share it
    assert template.render({"text": "an editor view"}, rf.get("/", HTTP_COOKIE="sessionid=abc")) == "an editor view"


def test_a_record_kept_for_visitors_goes_when_it_leaves_the_site(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # the record's own cache, not the page's
    article = ArticleFactory(title="Appeal for witnesses")
    client.get(article.get_absolute_url())
    assert "Appeal for witnesses" in text_of(client.get(article.get_absolute_url()))
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_what_search_feeds_and_the_sitemap_keep_changes_with_the_content(client, settings):
    """Matches, feeds and the sitemap's archive are kept for the content version, whatever the query string: an
    article published after they were kept is in the next answer, with or without a query string of its own."""
    settings.PAGE_CACHE_ENABLED = False  # what is kept below the page cache
    ArticleFactory(title="Harbour raid", published_at=datetime.datetime(2020, 5, 7, tzinfo=datetime.UTC))
    before = {
        "search": client.get("/search/?q=harbour").content.decode(),
        "feed": client.get("/news/feed/").content.decode(),
        "sitemap": client.get("/sitemap.xml").content.decode(),
    }
    assert "Harbour raid" in before["search"] and "Harbour raid" in before["feed"]
    assert "/news/2020/05/" in before["sitemap"] and "/news/2021/" not in before["sitemap"]
    ArticleFactory(title="Harbour arrests", published_at=datetime.datetime(2021, 3, 1, tzinfo=datetime.UTC))
    for suffix in ["", "&n=1"]:
        assert "Harbour arrests" in client.get(f"/search/?q=harbour{suffix}").content.decode()
    for suffix in ["", "?n=1"]:
        assert "Harbour arrests" in client.get(f"/news/feed/{suffix}").content.decode()
        assert "/news/2021/03/" in client.get(f"/sitemap.xml{suffix}").content.decode()
