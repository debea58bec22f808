"""What search engines and share previews read: titles, descriptions, canonical addresses, Open Graph, JSON-LD."""

import datetime
import json
import re
from html import unescape

import pytest

from .factories import ArticleFactory, ForceFactory, SitePageFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db


def meta(html, key):
    """The content of a <meta name|property=key> tag; None if absent."""
    found = re.search(rf'<meta (?:name|property)="{re.escape(key)}" content="([^"]*)">', html)
    return unescape(found.group(1)) if found else None


def canonical(html):
    found = re.findall(r'<link rel="canonical" href="([^"]*)">', html)
    assert len(found) == 1, found
    return unescape(found[0])


def structured(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def of_type(html, kind):
    return [data for data in structured(html) if data["@type"] == kind]


@pytest.fixture
def pages():
    force = ForceFactory(name="Midshire Police", website="https://midshire.police.example/")
    unit = UnitFactory(name="Major Crime", summary="Investigates murders.", forces=[force])
    team = TeamFactory(name="Cold Case Team", main_unit=unit)
    article = ArticleFactory(
        title="Lincoln arrests",
        summary="Three arrested.",
        area=force,
        units=[unit],
        byline="A Reporter",
        published_at=datetime.datetime(2020, 5, 7, 15, 25, tzinfo=datetime.UTC),
    )
    SitePageFactory(slug="home", title="East Midlands Special Operations Unit", summary="Five forces, one team.")
    about = SitePageFactory(slug="about", title="About EMSOU", summary="Who we are.")
    return {
        "/": ("East Midlands Special Operations Unit", "Five forces, one team."),
        "/units/": ("Our units", None),
        unit.get_absolute_url(): ("Major Crime", "Investigates murders."),
        team.get_absolute_url(): ("Cold Case Team", None),
        "/news/": ("News", None),
        article.get_absolute_url(): ("Lincoln arrests", "Three arrested."),
        about.get_absolute_url(): ("About EMSOU", "Who we are."),
        "/report/": ("How to report a crime", None),
        "/news/2020/": ("News from 2020", None),
        "/news/2020/05/": ("News from May 2020", None),
        "/search/?q=arrests": ("Search results for “arrests”", None),
        "/area/": ("Your area", None),
    }


def test_every_page_has_its_own_title_description_canonical_and_share_tags(client, pages):
    titles = set()
    for url, (title, description) in pages.items():
        html = client.get(url).content.decode()
        assert re.search(rf"<title>{re.escape(title)} \| EMSOU</title>", unescape(html)), url
        titles.add(title)
        assert meta(html, "description"), url
        if description:
            assert meta(html, "description") == description, url
        own = "http://testserver" + url.split("?")[0]
        assert canonical(html) == own, url
        assert meta(html, "og:url") == own, url
        assert meta(html, "og:title") == title and meta(html, "twitter:title") == title, url
        assert meta(html, "og:description") == meta(html, "description") == meta(html, "twitter:description")
        assert meta(html, "og:image") == "http://testserver/static/img/share-default.png", url
        assert meta(html, "twitter:image") == meta(html, "og:image")
        assert meta(html, "twitter:card") == "summary_large_image"
        assert meta(html, "og:site_name") == "East Midlands Special Operations Unit (EMSOU)"
        assert meta(html, "og:type") == ("article" if title == "Lincoln arrests" else "website"), url
    assert len(titles) == len(pages)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/news/?area=midshire&unit=major-crime", "/news/"),
        ("/news/?utm_source=newsletter&utm_medium=email&fbclid=abc", "/news/"),
        ("/news/?page=2", "/news/?page=2"),
        ("/news/?page=2&utm_campaign=x&gclid=y", "/news/?page=2"),
        ("/news/?page=1", "/news/"),
        ("/news/?area=midshire&page=2", "/news/"),
        ("/search/?q=arrests&type=news", "/search/"),
    ],
)
def test_canonical_drops_filter_and_tracking_parameters(client, url, expected):
    ForceFactory(slug="midshire")
    UnitFactory(slug="major-crime")
    for day in range(12):
        ArticleFactory(title=f"Arrests on day {day}")
    assert canonical(client.get(url).content.decode()) == "http://testserver" + expected


def test_a_republished_article_points_search_engines_to_its_original(client):
    original = "https://www.leics.police.uk/news/leicestershire/news/2020/may/weekend-read-emsou/"
    article = ArticleFactory(source_name="Leicestershire Police", source_url=original)
    html = client.get(article.get_absolute_url()).content.decode()
    assert canonical(html) == original
    assert meta(html, "og:url") == "http://testserver" + article.get_absolute_url()  # shares lead to our page
    (data,) = of_type(html, "NewsArticle")
    assert data["isBasedOn"] == original and data["url"] == meta(html, "og:url")


def test_home_page_describes_the_organisation_in_json_ld(client, pages):
    (data,) = of_type(client.get("/").content.decode(), "GovernmentOrganization")
    assert data["@context"] == "https://schema.org"
    assert data["name"] == "East Midlands Special Operations Unit" and data["alternateName"] == "EMSOU"
    assert data["url"] == "http://testserver/"
    assert data["description"] == "Five forces, one team."
    assert {
        "@type": "GovernmentOrganization",
        "name": "Midshire Police",
        "url": "https://midshire.police.example/",
    } in (data["parentOrganization"])


def test_an_article_is_a_news_article_in_json_ld(client, pages):
    article_url = next(url for url, (title, _) in pages.items() if title == "Lincoln arrests")
    html = client.get(article_url).content.decode()
    (data,) = of_type(html, "NewsArticle")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Lincoln arrests"
    assert data["datePublished"] == "2020-05-07T16:25:00+01:00"
    assert datetime.datetime.fromisoformat(data["dateModified"])
    assert data["author"] == [{"@type": "Person", "name": "A Reporter"}]
    assert data["publisher"]["name"] == "East Midlands Special Operations Unit"
    assert data["image"] == ["http://testserver/static/img/share-default.png"]
    assert data["mainEntityOfPage"] == "http://testserver" + article_url


def test_json_ld_dates_keep_to_what_is_known(client):
    from news.models import Article

    article = ArticleFactory(
        published_at=datetime.datetime(2022, 4, 1, tzinfo=datetime.UTC), date_precision=Article.DatePrecision.YEAR
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert of_type(html, "NewsArticle")[0]["datePublished"] == "2022"
    assert meta(html, "article:published_time") == "2022"


def test_breadcrumbs_are_a_breadcrumb_list_wherever_they_show(client, pages):
    for url, (title, _) in pages.items():
        html = client.get(url).content.decode()
        lists = of_type(html, "BreadcrumbList")
        if url == "/":
            assert not lists and 'aria-label="Breadcrumb"' not in html
            continue
        assert 'aria-label="Breadcrumb"' in html, url
        (data,) = lists
        items = data["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1)), url
        assert items[0] == {"@type": "ListItem", "position": 1, "name": "Home", "item": "http://testserver/"}
        assert items[-1]["name"] in title and items[-1]["item"] == "http://testserver" + url.split("?")[0], url
        crumbs = re.search(r'aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
        for item in items[:-1]:
            assert f'<a href="{item["item"].removeprefix("http://testserver")}">' in crumbs, url


def test_a_team_page_breadcrumb_list_runs_through_its_unit(client):
    team = TeamFactory(name="Cold Case Team", main_unit__name="Major Crime", main_unit__slug="major-crime")
    (data,) = of_type(client.get(team.get_absolute_url()).content.decode(), "BreadcrumbList")
    assert [item["name"] for item in data["itemListElement"]] == ["Home", "Units", "Major Crime", "Cold Case Team"]


def test_articles_have_plain_share_links_and_a_copy_field(client):
    article = ArticleFactory(title="Lincoln arrests & more")
    html = client.get(article.get_absolute_url()).content.decode()
    share = re.search(r'<section class="share".*?</section>', html, re.S).group(0)
    own = "http%3A%2F%2Ftestserver%2Fnews%2F" + article.slug + "%2F"
    hrefs = re.findall(r'<a href="([^"]+)">', share)
    assert [href.split("?")[0] for href in hrefs] == [
        "mailto:",
        "https://x.com/intent/tweet",
        "https://www.facebook.com/sharer/sharer.php",
        "https://www.linkedin.com/sharing/share-offsite/",
        "https://wa.me/",
    ]
    assert all(own in unescape(href) or own.replace("%2F", "/") in unescape(href) for href in hrefs)
    assert "Lincoln+arrests+%26+more" in unescape(hrefs[1])
    assert f'<input type="text" id="share-url" value="http://testserver{article.get_absolute_url()}" readonly>' in share
    assert '<label for="share-url">Copy the link to this article</label>' in share
    assert "<script" not in share and "<img" not in share and "<iframe" not in share


@pytest.mark.parametrize("url", ["/search/?q=anything", "/area/", "/no-such-page/"])
def test_search_area_and_error_pages_ask_not_to_be_indexed(client, url):
    html = client.get(url).content.decode()
    assert '<meta name="robots" content="noindex">' in html


def test_structured_data_holds_plain_text_not_html(client):
    page = SitePageFactory(slug="careers", title="Careers & training at “EMSOU”")
    html = client.get(page.get_absolute_url()).content.decode()
    (data,) = of_type(html, "BreadcrumbList")
    assert data["itemListElement"][-1]["name"] == "Careers & training at “EMSOU”"
    assert meta(html, "og:title") == "Careers & training at “EMSOU”"
