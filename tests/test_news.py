"""News: what is published, the list with its filters and pages, and the article page."""

import datetime
import re

import pytest
from django.utils import timezone

from news.models import Article
from units.models import Force, Unit

from .conftest import text_of

pytestmark = pytest.mark.django_db


def make_article(slug, days_ago=0, status=Article.Status.PUBLISHED, **fields):
    fields.setdefault("title", f"Article {slug}")
    return Article.objects.create(
        slug=slug,
        summary=fields.pop("summary", f"Summary of {slug}"),
        body=fields.pop("body", "Body text."),
        status=status,
        published_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


def test_published_excludes_drafts_and_future_articles():
    live = make_article("live", days_ago=1)
    make_article("draft", days_ago=1, status=Article.Status.DRAFT)
    make_article("future", days_ago=-1)
    slugs = set(Article.objects.published().values_list("slug", flat=True))
    assert live.slug in slugs and "draft" not in slugs and "future" not in slugs


def test_drafts_and_future_articles_are_not_public(client):
    draft = make_article("draft", status=Article.Status.DRAFT)
    future = make_article("future", days_ago=-2)
    for article in (draft, future):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article.title not in text_of(client.get("/news/"))
        assert article.title not in text_of(client.get("/"))


def test_editor_previews_a_draft_with_a_warning(editor_client):
    draft = make_article("draft", status=Article.Status.DRAFT)
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "only signed-in editors can see this page" in text_of(response)


def test_news_list_is_newest_first_with_the_seed_articles(client):
    text = text_of(client.get("/news/"))
    titles = [a.title for a in Article.objects.published()]
    assert len(titles) == 3
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    assert "3 articles" in text


def test_news_list_is_paginated_and_keeps_filters(client):
    for i in range(12):
        make_article(f"extra-{i}", days_ago=i, area=Force.objects.get(slug="derbyshire"))
    first = client.get("/news/?area=derbyshire")
    html = first.content.decode()
    assert "Page 1 of 2" in text_of(first)
    assert 'href="?area=derbyshire&amp;page=2"' in html
    second = client.get("/news/?area=derbyshire&page=2")
    assert second.status_code == 200 and "Page 2 of 2" in text_of(second)


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "1.5"])
def test_a_page_number_that_does_not_exist_is_not_found(client, page):
    assert client.get(f"/news/?page={page}").status_code == 404


def test_filter_by_area_includes_region_wide_news(client):
    derby = make_article("derby-story", area=Force.objects.get(slug="derbyshire"))
    notts = make_article("notts-story", area=Force.objects.get(slug="nottinghamshire"))
    regional = make_article("regional-story")
    text = text_of(client.get("/news/?area=derbyshire"))
    assert derby.title in text and regional.title in text and notts.title not in text
    assert "in Derbyshire and region-wide" in text


def test_filter_region_wide_only(client):
    derby = make_article("derby-story", area=Force.objects.get(slug="derbyshire"))
    regional = make_article("regional-story")
    text = text_of(client.get("/news/?area=region"))
    assert regional.title in text and derby.title not in text


def test_filter_by_unit(client):
    unit = Unit.objects.get(slug="regional-review-unit")
    about = make_article("review-story")
    about.units.add(unit)
    other = make_article("other-story")
    text = text_of(client.get("/news/?unit=regional-review-unit"))
    assert about.title in text and other.title not in text


def test_filter_by_unit_includes_its_teams_news(client):
    dna_story = make_article("dna-story")
    dna_story.units.add(Unit.objects.get(slug="dna"))
    assert dna_story.title in text_of(client.get("/news/?unit=forensic-services"))
    assert dna_story.title not in text_of(client.get("/news/?unit=major-crime"))


def test_hidden_teams_news_is_not_listed_under_its_unit(client):
    dna_story = make_article("dna-story")
    dna_story.units.add(Unit.objects.get(slug="dna"))
    Unit.objects.filter(slug="dna").update(is_published=False)
    assert dna_story.title not in text_of(client.get("/news/?unit=forensic-services"))
    assert dna_story.title not in text_of(client.get("/units/forensic-services/"))


@pytest.mark.parametrize(
    "query",
    ["area=atlantis", "unit=<script>alert(1)</script>", "area=derbyshire&unit=nope", "area=%00", "unit=" + "x" * 5000],
)
def test_an_unknown_filter_gets_a_clear_message_and_a_400(client, query):
    response = client.get(f"/news/?{query}")
    assert response.status_code == 400
    text = text_of(response)
    assert "There is a problem with the filters" in text
    assert "Showing all news instead." in text
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_odd_but_harmless_query_strings_are_ignored(client):
    assert client.get("/news/?utm_source=x&area=&unit=").status_code == 200
    assert client.get("/news/?area=derbyshire&area=lincolnshire").status_code == 200


def test_news_list_query_count_is_fixed(client, django_assert_max_num_queries):
    for i in range(8):
        make_article(f"extra-{i}", days_ago=i, area=Force.objects.get(slug="derbyshire"))
    with django_assert_max_num_queries(5):
        client.get("/news/")


def test_article_page_shows_date_byline_area_and_source(client):
    article = Article.objects.get(byline="Liam Norcliffe")
    text = text_of(client.get(article.get_absolute_url()))
    assert "2 December 2015, 14:14" in text
    assert "By Liam Norcliffe" in text
    assert "Region-wide" in text

    leics = Article.objects.get(area__slug="leicestershire")
    response = client.get(leics.get_absolute_url())
    html = response.content.decode()
    assert "7 May 2020, 16:25" in text_of(response)
    assert f'<a href="{leics.source_url}">Leicestershire Police</a>' in html
    assert '<a href="/news/?area=leicestershire">Leicestershire</a>' in html


def test_an_article_with_only_a_year_shows_only_the_year(client):
    article = Article.objects.get(date_precision=Article.DatePrecision.YEAR)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2022">2022</time>' in html
    assert "April" not in re.sub(r"<div class=\"prose\">.*?</div>", "", html, flags=re.S)


def test_article_page_lists_related_units_and_articles(client):
    article = Article.objects.published().filter(units__slug="major-crime").first()
    other = make_article("another-major-crime-story")
    other.units.add(Unit.objects.get(slug="major-crime"))
    text = text_of(client.get(article.get_absolute_url()))
    assert "Units in this story" in text and "Major Crime" in text
    assert "Related news" in text and other.title in text


def test_article_page_query_count_is_fixed(client, django_assert_max_num_queries):
    article = Article.objects.published().first()
    with django_assert_max_num_queries(6):
        client.get(article.get_absolute_url())


def test_home_page_lists_the_latest_news(client):
    newest = make_article("brand-new", title="Brand new story")
    text = text_of(client.get("/"))
    assert "Latest news" in text
    assert newest.title in text
    assert text.index(newest.title) < text.index(Article.objects.published()[1].title)
