"""News: what is published, the list with its filters and pages, and the article page."""

import datetime
import re

import pytest
from django.utils import timezone

from news.models import Article

from .conftest import text_of
from .factories import ArticleFactory, ForceFactory, TeamFactory, UnitFactory, days_ago

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_future_articles():
    live = ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(published_at=days_ago(-1))
    assert list(Article.objects.published()) == [live]


def test_drafts_and_future_articles_are_not_public(client):
    draft = ArticleFactory(draft=True)
    future = ArticleFactory(published_at=days_ago(-2))
    for article in (draft, future):
        assert client.get(article.get_absolute_url()).status_code == 404
        assert article.title not in text_of(client.get("/news/"))
        assert article.title not in text_of(client.get("/"))


def test_editor_previews_a_draft_with_a_warning(editor_client):
    draft = ArticleFactory(draft=True)
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this page is not on the public site." in text_of(response)


def test_a_published_article_is_not_marked_as_a_preview_for_editors(editor_client):
    assert "Preview" not in text_of(editor_client.get(ArticleFactory().get_absolute_url()))


def test_publishing_without_a_date_dates_the_article_now():
    article = ArticleFactory(draft=True)
    assert article.published_at is None
    before = timezone.now()
    article.status = Article.Status.PUBLISHED
    article.save()
    assert before <= article.published_at <= timezone.now()


def test_a_chosen_publish_date_is_kept():
    chosen = timezone.now() + datetime.timedelta(days=3)
    article = ArticleFactory(draft=True, published_at=chosen)
    article.status = Article.Status.PUBLISHED
    article.save()
    assert article.published_at == chosen


def test_news_list_is_newest_first(client):
    old = ArticleFactory(published_at=days_ago(10))
    new = ArticleFactory(published_at=days_ago(1))
    middle = ArticleFactory(published_at=days_ago(5))
    text = text_of(client.get("/news/"))
    assert text.index(new.title) < text.index(middle.title) < text.index(old.title)
    assert "3 articles" in text


def test_news_list_is_paginated_and_keeps_filters(client):
    force = ForceFactory()
    for day in range(12):
        ArticleFactory(published_at=days_ago(day), area=force)
    first = client.get(f"/news/?area={force.slug}")
    assert "Page 1 of 2" in text_of(first)
    assert f'href="?area={force.slug}&amp;page=2"' in first.content.decode()
    second = client.get(f"/news/?area={force.slug}&page=2")
    assert second.status_code == 200 and "Page 2 of 2" in text_of(second)


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0", "1.5"])
def test_a_page_number_that_does_not_exist_is_not_found(client, page):
    ArticleFactory()
    assert client.get(f"/news/?page={page}").status_code == 404


def test_filter_by_area_includes_region_wide_news(client):
    derby, notts = ForceFactory(short_name="Derbyshire"), ForceFactory()
    local = ArticleFactory(area=derby)
    elsewhere = ArticleFactory(area=notts)
    regional = ArticleFactory(area=None)
    text = text_of(client.get(f"/news/?area={derby.slug}"))
    assert local.title in text and regional.title in text and elsewhere.title not in text
    assert "in Derbyshire and region-wide" in text


def test_filter_region_wide_only(client):
    local = ArticleFactory(area=ForceFactory())
    regional = ArticleFactory(area=None)
    text = text_of(client.get("/news/?area=region"))
    assert regional.title in text and local.title not in text


def test_filter_by_unit(client):
    unit = UnitFactory()
    about = ArticleFactory(units=[unit])
    other = ArticleFactory()
    text = text_of(client.get(f"/news/?unit={unit.slug}"))
    assert about.title in text and other.title not in text


def test_filter_by_unit_includes_its_teams_news(client):
    team = TeamFactory()
    story = ArticleFactory(units=[team])
    assert story.title in text_of(client.get(f"/news/?unit={team.main_unit.slug}"))
    assert story.title not in text_of(client.get(f"/news/?unit={UnitFactory().slug}"))


def test_hidden_teams_news_is_not_listed_under_its_unit(client):
    team = TeamFactory(is_published=False)
    story = ArticleFactory(units=[team])
    assert story.title not in text_of(client.get(f"/news/?unit={team.main_unit.slug}"))
    assert story.title not in text_of(client.get(team.main_unit.get_absolute_url()))


@pytest.mark.parametrize(
    "query",
    ["area=atlantis", "unit=<script>alert(1)</script>", "area=region&unit=nope", "area=%00", "unit=" + "x" * 5000],
)
def test_an_unknown_filter_gets_a_clear_message_and_a_400(client, query):
    ArticleFactory()
    response = client.get(f"/news/?{query}")
    assert response.status_code == 400
    text = text_of(response)
    assert "There is a problem with the filters" in text
    assert "Showing all news instead." in text
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_odd_but_harmless_query_strings_are_ignored(client):
    force, other = ForceFactory(), ForceFactory()
    assert client.get("/news/?utm_source=x&area=&unit=").status_code == 200
    assert client.get(f"/news/?area={force.slug}&area={other.slug}").status_code == 200


def test_article_page_shows_date_byline_area_and_source(client):
    force = ForceFactory(short_name="Leicestershire")
    article = ArticleFactory(
        byline="A Reporter",
        area=force,
        published_at=datetime.datetime(2020, 5, 7, 15, 25, tzinfo=datetime.UTC),
        source_name="Leicestershire Police",
        source_url="https://www.example.police.uk/news/story/",
    )
    response = client.get(article.get_absolute_url())
    text, html = text_of(response), response.content.decode()
    assert "7 May 2020, 16:25" in text  # shown in UK time
    assert "By A Reporter" in text
    assert '<a href="https://www.example.police.uk/news/story/">Leicestershire Police</a>' in html
    assert f'<a href="/news/?area={force.slug}">Leicestershire</a>' in html


def test_article_without_a_source_or_area_says_nothing_made_up(client):
    article = ArticleFactory(area=None, source_name="", source_url="", byline="")
    text = text_of(client.get(article.get_absolute_url()))
    assert "First published by" not in text and "Not recorded" not in text and "By " not in text
    assert "Region-wide" in text


def test_an_article_with_only_a_year_shows_only_the_year(client):
    article = ArticleFactory(
        published_at=datetime.datetime(2022, 4, 1, tzinfo=datetime.UTC), date_precision=Article.DatePrecision.YEAR
    )
    Article.objects.filter(pk=article.pk).update(updated_at=None)  # as loaded: no edit time, which would be real
    for url in [article.get_absolute_url(), "/news/", "/", "/news/2022/", "/news/feed/"]:
        html = client.get(url).content.decode()
        if url != "/news/feed/":
            assert '<time datetime="2022">2022</time>' in html, url
        assert "April" not in html and "00:00" not in html and "2022-04" not in html, url


def more_on_this(response):
    html = response.content.decode()
    found = re.search(r'<section aria-labelledby="more-heading">(.*?)</section>', html, re.S)
    return found.group(1) if found else ""


def test_article_page_lists_related_units_and_more_on_this_by_the_unit_page_rule(client):
    unit = UnitFactory(name="Linked Unit")
    team = TeamFactory(main_unit=unit)
    article = ArticleFactory(units=[unit], area=None)
    about_team = ArticleFactory(title="A story about the team", units=[team])
    unrelated = ArticleFactory(title="An unrelated story")
    draft = ArticleFactory(title="A draft about the unit", units=[unit], draft=True)
    response = client.get(article.get_absolute_url())
    text = text_of(response)
    assert "Units in this story" in text and "Linked Unit" in text
    assert "More on this" in text
    section = more_on_this(response)
    assert about_team.title in section and unrelated.title not in section and draft.title not in section


def test_more_on_this_includes_news_from_the_same_area(client):
    force = ForceFactory(short_name="Midshire")
    article = ArticleFactory(area=force)
    same_area = ArticleFactory(title="Another Midshire story", area=force)
    region = ArticleFactory(title="A region-wide story", area=None)
    section = more_on_this(client.get(article.get_absolute_url()))
    assert same_area.title in section and region.title not in section and article.title not in section


def test_an_article_with_nothing_related_has_no_more_on_this(client):
    article = ArticleFactory(area=None)
    ArticleFactory(area=None)
    assert "More on this" not in text_of(client.get(article.get_absolute_url()))


def test_previous_and_next_articles_follow_the_publish_dates_of_public_news(client):
    oldest = ArticleFactory(published_at=days_ago(30))
    ArticleFactory(published_at=days_ago(20), draft=True)
    middle = ArticleFactory(published_at=days_ago(10))
    ArticleFactory(published_at=days_ago(-2))  # not yet published
    newest = ArticleFactory(published_at=days_ago(1))
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'<a href="{oldest.get_absolute_url()}" rel="prev">' in html
    assert f'<a href="{newest.get_absolute_url()}" rel="next">' in html
    first = client.get(oldest.get_absolute_url()).content.decode()
    assert 'rel="prev"' not in first and f'<a href="{middle.get_absolute_url()}" rel="next">' in first


def test_articles_published_at_the_same_moment_still_lead_to_each_other():
    when = days_ago(3)
    first, second = ArticleFactory(published_at=when), ArticleFactory(published_at=when)
    assert Article.objects.published().later_than(first).first() == second
    assert Article.objects.published().earlier_than(second).first() == first


def test_the_archive_lists_a_year_and_its_months(client):
    may = ArticleFactory(published_at=datetime.datetime(2020, 5, 7, 15, 25, tzinfo=datetime.UTC))
    june = ArticleFactory(published_at=datetime.datetime(2020, 6, 1, 9, tzinfo=datetime.UTC))
    other_year = ArticleFactory(published_at=datetime.datetime(2019, 1, 1, 12, tzinfo=datetime.UTC))
    ArticleFactory(published_at=datetime.datetime(2020, 5, 8, tzinfo=datetime.UTC), draft=True)
    year = client.get("/news/2020/")
    text = text_of(year)
    assert year.status_code == 200 and "News from 2020" in text
    assert may.title in text and june.title in text and other_year.title not in text
    assert '<a href="/news/2020/05/">May</a>' in year.content.decode()
    assert '<a href="/news/2019/" rel="prev">' in year.content.decode()
    month = text_of(client.get("/news/2020/05/"))
    assert "News from May 2020" in month and may.title in month and june.title not in month
    assert "1 article" in month
    news = client.get("/news/").content.decode()
    assert '<a href="/news/2020/">2020</a>' in news and '<a href="/news/2019/">2019</a>' in news


def test_an_article_dated_only_by_year_is_in_its_year_but_no_month(client):
    article = ArticleFactory(
        published_at=datetime.datetime(2022, 4, 1, tzinfo=datetime.UTC), date_precision=Article.DatePrecision.YEAR
    )
    assert article.title in text_of(client.get("/news/2022/"))
    assert client.get("/news/2022/04/").status_code == 404
    assert "/news/2022/04/" not in client.get("/news/2022/").content.decode()


@pytest.mark.parametrize("url", ["/news/2031/", "/news/2020/13/", "/news/1999/", "/news/2020/00/"])
def test_an_empty_or_impossible_archive_page_is_not_found(client, url):
    ArticleFactory(published_at=datetime.datetime(2020, 5, 7, tzinfo=datetime.UTC))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("slug", ["feed", "2020", "12"])
def test_an_article_cannot_take_an_address_the_news_section_uses(slug):
    from django.core.exceptions import ValidationError

    article = ArticleFactory.build(slug=slug)
    with pytest.raises(ValidationError):
        article.full_clean()


def test_home_page_lists_the_latest_news(client):
    older = ArticleFactory(published_at=days_ago(3))
    newest = ArticleFactory(published_at=days_ago(0))
    text = text_of(client.get("/"))
    assert "Latest news" in text
    assert text.index(newest.title) < text.index(older.title)


def test_a_draft_article_has_no_publish_date_on_its_preview(editor_client):
    draft = ArticleFactory(draft=True)
    html = editor_client.get(draft.get_absolute_url()).content.decode()
    assert not re.search(r"<dt>Published</dt>", html)
