"""Site search: what it finds, in what order, and how it copes with anything typed into it."""

import re

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import h1_texts, text_of
from .factories import ArticleFactory, SitePageFactory, TeamFactory, UnitFactory, days_ago

pytestmark = pytest.mark.django_db


def result_titles(response):
    html = response.content.decode()
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<h3 class="result-title"><a [^>]*>(.*?)</a>', html)]


@pytest.fixture
def fingerprints():
    """The same small data set, ranked the same way on PostgreSQL (full-text search) and SQLite."""
    UnitFactory(name="Fingerprint Bureau")
    ArticleFactory(title="Fingerprint breakthrough", published_at=days_ago(1))
    ArticleFactory(title="Fingerprint success at court", published_at=days_ago(5))
    ArticleFactory(title="A busy year for the laboratory", summary="Fingerprints led to three arrests.")
    SitePageFactory(title="Forensic evidence", summary="How evidence is handled.", body="Fingerprint experts help.")
    UnitFactory(name="Crime Scene Team", body="The team lifts fingerprints at scenes.")
    ArticleFactory(title="Fingerprint draft", draft=True)
    ArticleFactory(title="Fingerprint in the future", published_at=days_ago(-3))
    UnitFactory(name="Hidden Fingerprint Desk", is_published=False)
    TeamFactory(name="Fingerprint team of a hidden unit", main_unit=UnitFactory(is_published=False))
    UnitFactory(name="Unrelated Unit", summary="Nothing to see.", body="Nothing here.")


def test_ranking_title_then_summary_then_body_newer_news_first(client, fingerprints):
    response = client.get("/search/?q=fingerprints")
    assert response.status_code == 200
    assert result_titles(response) == [
        "Fingerprint Bureau",  # title match; a unit before news at the same rank
        "Fingerprint breakthrough",  # title match, newer
        "Fingerprint success at court",  # title match, older
        "A busy year for the laboratory",  # summary match
        "Crime Scene Team",  # body match: unit
        "Forensic evidence",  # body match: page
    ], connection.vendor
    assert "6 results for “<bdi>fingerprints</bdi>”" in response.content.decode()


def test_search_lists_only_what_the_public_may_see(client, fingerprints):
    text = text_of(client.get("/search/?q=fingerprint"))
    for hidden in ["Fingerprint draft", "Fingerprint in the future", "Hidden Fingerprint Desk", "of a hidden unit"]:
        assert hidden not in text


def test_results_say_their_type_and_the_date_of_news(client, fingerprints):
    html = client.get("/search/?q=fingerprint").content.decode()
    kinds = re.findall(r'<li class="result">\s*<p class="meta">(\w+)', html)
    assert kinds == ["Unit", "News", "News", "News", "Unit", "Page"]
    assert re.search(r'<p class="meta">News <span aria-hidden="true">·</span> <time datetime="[^"]+">', html)


def test_results_can_be_filtered_to_one_type(client, fingerprints):
    response = client.get("/search/?q=fingerprint&type=unit")
    assert result_titles(response) == ["Fingerprint Bureau", "Crime Scene Team"]
    html = response.content.decode()
    assert 'href="?q=fingerprint&amp;type=unit" aria-current="page">Units (2)</a>' in html
    assert '<a href="?q=fingerprint">All results (6)</a>' in html
    assert "News (3)" in text_of(response) and "Pages (1)" in text_of(response)


def test_an_unknown_type_says_so_and_shows_everything(client, fingerprints):
    response = client.get("/search/?q=fingerprint&type=<b>people</b>")
    assert response.status_code == 400
    assert "There is no kind of result called “&lt;b&gt;people&lt;/b&gt;”." in response.content.decode()
    assert len(result_titles(response)) == 6


def test_words_are_stemmed(client):
    story = ArticleFactory(title="Two men arrested in Derby")
    assert result_titles(client.get("/search/?q=arrests")) == [story.title]


def test_snippet_highlights_the_match_in_escaped_text(client):
    ArticleFactory(title="Court news", body='The jury heard "5 < 6" & more: the dealer stored firearms in a garage.')
    html = client.get("/search/?q=firearm").content.decode()
    assert "<mark>firearms</mark>" in html
    assert "&quot;5 &lt; 6&quot; &amp; more: the dealer stored <mark>firearms</mark>" in html


def test_results_are_paginated(client):
    for day in range(12):
        ArticleFactory(title=f"Drugs seized, day {day}", published_at=days_ago(day))
    first = client.get("/search/?q=drugs")
    assert len(result_titles(first)) == 10 and "Page 1 of 2" in text_of(first)
    assert 'href="?q=drugs&amp;page=2"' in first.content.decode()
    second = client.get("/search/?q=drugs&page=2")
    assert result_titles(second) == ["Drugs seized, day 10", "Drugs seized, day 11"]
    assert client.get("/search/?q=drugs&page=99").status_code == 200  # the last page, not an error


def test_no_results_gives_hints_units_and_ways_to_report(client):
    UnitFactory(name="Regional Fingerprint Bureau")
    response = client.get("/search/?q=fingreprint")
    text, html = text_of(response), response.content.decode()
    assert response.status_code == 200
    assert "No results for “<bdi>fingreprint</bdi>”" in html
    assert "Did you mean:" in text and '<a href="/search/?q=Regional%20Fingerprint%20Bureau">' in html
    assert "Our units" in text and "Regional Fingerprint Bureau" in text
    assert "How to report a crime" in text and 'href="tel:999"' in html


def test_the_search_box_is_in_the_header_of_every_page_and_works_without_javascript(client):
    unit = UnitFactory()
    for url in ["/", "/units/", unit.get_absolute_url(), "/news/", "/no-such-page/"]:
        html = client.get(url).content.decode()
        assert '<form class="header-search" role="search" aria-label="Search this website" method="get" ' in html
        assert 'action="/search/"' in html
        assert '<label class="visually-hidden" for="header-search-q">Search this website</label>' in html
        assert '<input type="search" id="header-search-q" name="q"' in html


ODD_QUERIES = [
    "",
    "a",
    "x" * 5000,
    "fingerprint " * 500,
    '"',
    "'",
    '"fingerprint',
    "' OR 1=1; DROP TABLE news_article; --",
    "<script>alert(1)</script>",
    "%00",
    "%FF%FE%FD",
    "fingerprint%00bureau",
    "🚓🚨",
    "الشرطة",
    "שוטר fingerprint",
    "-fingerprint",
    "or",
    "the",
    "!!!",
    "fingerprint OR",
    "\\",
    "%",
    "_",
]


@pytest.mark.parametrize("query", ODD_QUERIES, ids=range(len(ODD_QUERIES)))
def test_odd_queries_get_a_sensible_page(client, fingerprints, query):
    raw = query if query.startswith("%") or "%00" in query else query.replace("%", "%25").replace(" ", "+")
    response = client.get(f"/search/?q={raw}" if "%" in query else "/search/", None if "%" in query else {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert len(h1_texts(html)) == 1
    assert "<script>alert(1)</script>" not in html
    assert "There is a problem" not in html


def test_odd_queries_are_answered_plainly(client, fingerprints):
    assert "Enter a word or two" in text_of(client.get("/search/?q="))
    assert "at least two letters" in text_of(client.get("/search/?q=a"))
    assert "could not find a word to search for" in text_of(client.get("/search/?q=%F0%9F%9A%93%F0%9F%9A%A8"))
    long = text_of(client.get("/search/", {"q": "fingerprint " * 500}))
    assert "we searched for its first 200 characters" in long
    assert "<bdi>الشرطة</bdi>" in client.get("/search/", {"q": "الشرطة"}).content.decode()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_any_text_gives_a_page_and_is_never_reflected_unescaped(client, text):
    response = client.get("/search/", {"q": "<i>zq</i>" + text, "type": text[:5]})
    assert response.status_code < 500
    assert "<i>zq</i>" not in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the GIN indexes exist on PostgreSQL only")
def test_postgresql_search_uses_the_gin_indexes_the_migrations_create():
    from core.search import ranked_matches
    from news.models import Article

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_search'")
        names = {row[0] for row in cursor.fetchall()}
        assert names >= {"news_article_search", "units_unit_search", "pages_sitepage_search"}
        cursor.execute("SET enable_seqscan = off")  # the tables are tiny: make the planner show its index use
    plan = ranked_matches(Article.objects.order_by(), "fingerprint", "title", "summary", "body").explain()
    assert "news_article_search" in plan


@pytest.mark.skipif(connection.vendor == "postgresql", reason="checks the migration on other databases")
def test_the_search_index_migration_does_nothing_on_other_databases():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "news_article")
    assert "news_article_search" not in indexes
