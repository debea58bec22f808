"""RSS and Atom feeds: every feed is valid XML that a feed reader's parser reads without a warning."""

import datetime
import xml.etree.ElementTree as ET

import feedparser
import pytest

from news.models import Article

from .factories import ArticleFactory, ForceFactory, TeamFactory, UnitFactory, days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def news():
    force = ForceFactory(short_name="Lincolnshire")
    other = ForceFactory(short_name="Derbyshire")
    unit = UnitFactory(name="Major Crime")
    team = TeamFactory(name="Cold Case Team", main_unit=unit)
    local = ArticleFactory(
        title="Lincoln arrests",
        summary="Three people were arrested in Lincoln.",
        area=force,
        units=[unit],
        byline="A Reporter",
        published_at=datetime.datetime(2020, 5, 7, 15, 25, tzinfo=datetime.UTC),
    )
    regional = ArticleFactory(title="Region-wide story", area=None, units=[team], published_at=days_ago(2))
    elsewhere = ArticleFactory(title="Derby story", area=other, published_at=days_ago(1))
    ArticleFactory(title="Draft story", area=force, units=[unit], draft=True)
    ArticleFactory(title="Future story", area=force, units=[unit], published_at=days_ago(-2))
    return {"force": force, "unit": unit, "team": team, "local": local, "regional": regional, "elsewhere": elsewhere}


def feed_urls(news):
    force, unit = news["force"].slug, news["unit"].slug
    return [
        "/news/feed/",
        "/news/feed/atom/",
        f"/news/feed/area/{force}/",
        f"/news/feed/area/{force}/atom/",
        f"/news/feed/unit/{unit}/",
        f"/news/feed/unit/{unit}/atom/",
    ]


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    ET.fromstring(response.content)  # well-formed XML, or this raises
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


def test_every_feed_is_xml_that_feedparser_reads_without_a_problem(client, news):
    for url in feed_urls(news):
        response, feed = parsed(client, url)
        expected = "atom" if url.endswith("atom/") else "rss20"
        assert feed.version.startswith(expected), (url, feed.version)
        assert response["Content-Type"].startswith("application/" + ("atom" if expected == "atom" else "rss"))
        assert feed.feed.title and feed.feed.link and feed.feed.subtitle
        assert "Draft story" not in response.content.decode() and "Future story" not in response.content.decode()


@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
def test_each_item_has_title_link_summary_date_author_and_categories(client, news, atom):
    _, feed = parsed(client, "/news/feed/atom/" if atom else "/news/feed/")
    item = next(entry for entry in feed.entries if entry.title == "Lincoln arrests")
    assert item.link == "http://testserver" + news["local"].get_absolute_url()
    assert item.summary == "Three people were arrested in Lincoln."
    assert item.published_parsed[:5] == (2020, 5, 7, 15, 25)
    assert item.author == "A Reporter"
    assert {tag.term for tag in item.tags} == {"Lincolnshire", "Major Crime"}
    assert [entry.title for entry in feed.entries] == ["Derby story", "Region-wide story", "Lincoln arrests"]


def test_an_article_without_a_byline_is_by_its_source_or_emsou(client, news):
    ArticleFactory(title="Republished", byline="", source_name="Leicestershire Police")
    _, feed = parsed(client, "/news/feed/")
    authors = {entry.title: entry.author for entry in feed.entries}
    assert authors["Republished"] == "Leicestershire Police"
    assert authors["Region-wide story"] == "East Midlands Special Operations Unit"


def test_an_article_dated_only_by_year_has_no_made_up_day_in_the_feed(client):
    ArticleFactory(
        title="Year only",
        published_at=datetime.datetime(2022, 4, 1, tzinfo=datetime.UTC),
        date_precision=Article.DatePrecision.YEAR,
    )
    for url in ["/news/feed/", "/news/feed/atom/"]:
        response, feed = parsed(client, url)
        assert "Apr 2022" not in response.content.decode() and "2022-04" not in response.content.decode()
        assert feed.entries[0].title == "Year only"


def test_an_area_feed_has_the_area_and_region_wide_news(client, news):
    _, feed = parsed(client, f"/news/feed/area/{news['force'].slug}/")
    assert {entry.title for entry in feed.entries} == {"Lincoln arrests", "Region-wide story"}
    assert "Lincolnshire" in feed.feed.title


def test_a_unit_feed_has_its_news_and_its_teams_news(client, news):
    _, feed = parsed(client, f"/news/feed/unit/{news['unit'].slug}/atom/")
    assert {entry.title for entry in feed.entries} == {"Lincoln arrests", "Region-wide story"}
    assert "Major Crime" in feed.feed.title


@pytest.mark.parametrize(
    "url", ["/news/feed/area/atlantis/", "/news/feed/unit/no-such-unit/atom/", "/news/feed/unit/%00/"]
)
def test_an_unknown_area_or_unit_feed_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_a_hidden_units_feed_is_not_found(client):
    unit = UnitFactory(is_published=False)
    assert client.get(f"/news/feed/unit/{unit.slug}/").status_code == 404


def test_feeds_are_discoverable_from_the_home_page_news_list_and_unit_pages(client, news):
    unit = news["unit"]
    rss = '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">'
    atom = '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">'
    for url in ["/", "/news/"]:
        html = client.get(url).content.decode()
        assert rss.format("EMSOU news (RSS)", "/news/feed/") in html, url
        assert atom.format("EMSOU news (Atom)", "/news/feed/atom/") in html, url
    html = client.get(unit.get_absolute_url()).content.decode()
    assert rss.format("EMSOU news about Major Crime (RSS)", f"/news/feed/unit/{unit.slug}/") in html
    assert atom.format("EMSOU news about Major Crime (Atom)", f"/news/feed/unit/{unit.slug}/atom/") in html


def test_items_carry_the_articles_change_notes_in_date_order(client):
    import datetime

    from django.utils import timezone

    from news.models import ChangeNote

    article = ArticleFactory(summary="A man was arrested.")
    for day, text in [(4, "He has been charged."), (2, "He was released on bail.")]:
        noted = timezone.make_aware(datetime.datetime(2026, 12, day, 10, 0))
        ChangeNote.objects.create(article=article, noted_at=noted, text=text)
    entry = feedparser.parse(client.get("/news/feed/").content).entries[0]
    assert (
        entry.summary
        == "A man was arrested.\nUpdated 2 Dec 2026: He was released on bail.\nUpdated 4 Dec 2026: He has been charged."
    )
