"""Sitemaps and robots.txt: every public page, with when it last changed, and nothing that is not public."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from news.models import Article

from .factories import ArticleFactory, SitePageFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(client, url="/sitemap.xml"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return root, {
        node.find("s:loc", NS).text: getattr(node.find("s:lastmod", NS), "text", None)
        for node in root.findall("s:url", NS) + root.findall("s:sitemap", NS)
    }


@pytest.fixture
def site():
    unit = UnitFactory()
    team = TeamFactory(main_unit=unit)
    hidden = UnitFactory(is_published=False)
    hidden_team = TeamFactory(main_unit=hidden)
    article = ArticleFactory(published_at=datetime.datetime(2020, 5, 7, 15, 25, tzinfo=datetime.UTC))
    year_only = ArticleFactory(
        published_at=datetime.datetime(2022, 4, 1, tzinfo=datetime.UTC), date_precision=Article.DatePrecision.YEAR
    )
    draft = ArticleFactory(draft=True)
    future = ArticleFactory(published_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC))
    pages = [SitePageFactory(slug=slug) for slug in ["home", "about", "privacy"]]
    return {
        "public": [unit, team, article, year_only, *pages[1:]],
        "hidden": [hidden, hidden_team, draft, future],
        "article": article,
    }


def test_the_sitemap_lists_every_public_page_with_its_lastmod(client, site):
    root, found = entries(client)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    base = "http://testserver"
    for obj in site["public"]:
        url = base + obj.get_absolute_url()
        assert url in found, url
        assert found[url] == timezone.localdate().isoformat(), url  # made in this test: changed today
    for url in ["/", "/units/", "/news/", "/report/", "/news/2020/", "/news/2020/05/", "/news/2022/"]:
        assert base + url in found, url
    assert found[base + "/report/"] is None  # no record of when a fixed page changed, so no made-up date
    assert base + "/news/2022/04/" not in found  # the month of a year-only article is unknown
    assert base + "/home/" not in found
    assert found[base + "/numbers/"] is None  # no result published yet: nothing has changed there
    assert all(lastmod for url, lastmod in found.items() if url not in {base + "/report/", base + "/numbers/"})


def test_the_sitemap_lists_nothing_that_is_not_public(client, site):
    _, found = entries(client)
    for obj in site["hidden"]:
        assert "http://testserver" + obj.get_absolute_url() not in found
    assert not [url for url in found if "/search/" in url or "/admin/" in url or "/area/" in url]


def test_an_edit_moves_lastmod(client, site):
    article = site["article"]
    Article.objects.filter(pk=article.pk).update(updated_at=datetime.datetime(2030, 1, 2, tzinfo=datetime.UTC))
    _, found = entries(client)
    assert found["http://testserver" + article.get_absolute_url()] == "2030-01-02"


def test_past_the_limit_the_sitemap_becomes_an_index_of_sections(client, site, settings):
    settings.SITEMAP_LIMIT = 3
    root, found = entries(client)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert "http://testserver/sitemap-units.xml" in found
    assert "http://testserver/sitemap-sections.xml?p=2" in found  # home, units, news, report: two pages
    listed = {}
    for section in found:
        _, urls = entries(client, section.removeprefix("http://testserver"))
        assert 0 < len(urls) <= 3, section
        listed.update(urls)
    for obj in site["public"]:
        assert "http://testserver" + obj.get_absolute_url() in listed


def test_an_unknown_sitemap_section_is_not_found(client):
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_names_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
