"""The query budget of every public page, in one place: exact counts, the same with 1, 12 or 10,000 articles."""

import pytest
from django.conf import settings

from news.bulk import build as build_bulk
from news.legal import Stage
from news.models import Article
from units.models import Unit

from .factories import (
    AppealFactory,
    ArticleFactory,
    CaseFactory,
    ExternalLinkFactory,
    ForceFactory,
    HearingFactory,
    IncidentBannerFactory,
    ReportingRouteFactory,
    ResultFactory,
    SitePageFactory,
    StatedFigureFactory,
    TeamFactory,
    UnitFactory,
)
from .images import give_image, png_bytes

pytestmark = pytest.mark.django_db

# Each page's queries, for a site of any size: (cold, warm). Cold: just after a content change, nothing cached.
# Warm: its cached fragments reused, the page itself not served from the page cache (another query string, a
# cookie). Served from the page cache, every page runs none. A change here is a change to the page's cost:
# say why in review. Cold counts include one query per content version for each source of timed changes
# (scheduled articles, incident banners: core.cache) and one for the banners the page shows.
QUERIES = {
    "home": (8, 0),
    "units list": (7, 0),
    "unit": (14, 0),
    "team": (14, 0),
    "news list": (10, 0),
    "news list, page 2": (10, 0),
    "news filtered by area and unit": (10, 0),
    "article": (12, 0),
    "article on a case": (14, 0),
    "appeal on a case": (14, 0),
    "result article": (14, 0),
    "numbers": (8, 0),
    "site page": (6, 1),
    "report": (5, 0),
    "not found": (7, 2),
    "home with an area set": (10, 0),
    "news list with an area set": (11, 1),
    "area choice": (7, 2),
    "search": (10, 1),
    "search across kinds": (12, 3),
    "search for one kind": (10, 1),
    "search with no results": (9, 0),
    "news archive year": (11, 6),
    "news archive month": (10, 5),
    "news feed": (6, 0),
    "area news feed": (7, 0),
    "unit news feed": (7, 0),
    "sitemap": (14, 0),
}
WITH_AREA = {"home with an area set", "news list with an area set", "area choice"}
# Warm, a search costs a query for each kind of result on its page (what matched is kept for the query and page),
# and cold the sitemap one for each section, so the search words and the records in build() are chosen to give
# the same kinds at every size.


def build(size):
    """A site with `size` of everything a page might list."""
    forces = [ForceFactory() for _ in range(max(size // 2, 1))]
    unit = UnitFactory(forces=forces)
    teams = [TeamFactory(main_unit=unit) for _ in range(size)]
    for _ in range(size):
        ExternalLinkFactory(unit=unit)
        UnitFactory()
    articles = [ArticleFactory(units=[unit, *teams], area=forces[0]) for _ in range(max(size * 2, 11))]
    case = CaseFactory(stage=Stage.CHARGED, units=[unit])
    on_case = [ArticleFactory(units=[unit], case=case) for _ in range(size)]
    appeal = AppealFactory(units=[unit], case=case)
    ReportingRouteFactory(unit=unit, route="101")
    ReportingRouteFactory(unit=unit, route="crimestoppers")
    for team in teams:
        HearingFactory(case=case)
        ReportingRouteFactory(unit=team, route="anti-terrorist-hotline")
        StatedFigureFactory(unit=unit)
        IncidentBannerFactory(unit=unit)
        IncidentBannerFactory()
    reported = ArticleFactory(kind="result", units=[unit])
    results = [
        ResultFactory(unit=unit, article=reported, sentences=[(2, 0)] * size, people_convicted=size)
        for _ in range(size)
    ]
    results += [ResultFactory(unit=teams[0], article=results[0].article) for _ in range(size)]
    for illustrated in [unit, teams[0], articles[0]]:
        give_image(illustrated, png_bytes())  # an image costs no query: its addresses are made from the record
    page = SitePageFactory(slug="about")
    UnitFactory(name="Harbour unit")
    ArticleFactory(title="Harbour story")
    SitePageFactory(title="Harbour page")
    SitePageFactory(slug="home")
    return {
        "area": forces[0].slug,
        "home": "/",
        "units list": "/units/",
        "unit": unit.get_absolute_url(),
        "team": teams[0].get_absolute_url(),
        "news list": "/news/",
        "news list, page 2": "/news/?page=2",
        "news filtered by area and unit": f"/news/?area={forces[0].slug}&unit={unit.slug}",
        "article": articles[0].get_absolute_url(),
        "article on a case": on_case[0].get_absolute_url(),
        "appeal on a case": appeal.get_absolute_url(),
        "result article": results[0].article.get_absolute_url(),
        "numbers": "/numbers/",
        "site page": page.get_absolute_url(),
        "report": "/report/",
        "not found": "/no-such-page/",
        "home with an area set": "/",
        "news list with an area set": "/news/",
        "area choice": "/area/",
        "search": "/search/?q=story",
        "search across kinds": "/search/?q=harbour",
        "search for one kind": "/search/?q=test&type=news",
        "search with no results": "/search/?q=zzyzx",
        "news archive year": f"/news/{articles[0].published_at:%Y}/",
        "news archive month": f"/news/{articles[0].published_at:%Y/%m}/",
        "news feed": "/news/feed/",
        "area news feed": f"/news/feed/area/{forces[0].slug}/",
        "unit news feed": f"/news/feed/unit/{unit.slug}/atom/",
        "sitemap": "/sitemap.xml",
    }


@pytest.fixture(scope="module")
def ten_thousand_articles(django_db_setup, django_db_blocker):
    """10,000 published articles and 50 units, made once for this module with bulk inserts, then removed."""
    with django_db_blocker.unblock():
        build_bulk(10_000, 50, history=False)
        yield
        Article.units.through.objects.filter(article__slug__startswith="bulk-")._raw_delete("default")
        Article.objects.filter(slug__startswith="bulk-")._raw_delete("default")
        Unit.forces.through.objects.filter(unit__slug__startswith="bulk-")._raw_delete("default")
        Unit.objects.filter(slug__startswith="bulk-", main_unit__isnull=False)._raw_delete("default")
        Unit.objects.filter(slug__startswith="bulk-")._raw_delete("default")


@pytest.fixture(params=["1", "12", "10,000"])
def site(request):
    if request.param == "10,000":
        request.getfixturevalue("ten_thousand_articles")
        return build(12)
    return build(int(request.param))


@pytest.mark.parametrize("page", QUERIES)
def test_each_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, settings, site, page):
    settings.PAGE_CACHE_ENABLED = False  # the page's own cost; the page cache is tested below
    settings.SITEMAP_LIMIT = 10  # at every size the sitemap is the index a real site's is (tests/test_sitemaps.py)
    if page in WITH_AREA:
        client.cookies[settings.AREA_COOKIE] = site["area"]
    cold, warm = QUERIES[page]
    with django_assert_num_queries(cold):
        client.get(site[page])
    with django_assert_num_queries(warm):
        client.get(site[page])


@pytest.mark.parametrize("page", [page for page in QUERIES if page != "not found"])
def test_a_page_served_from_the_page_cache_runs_no_query(client, django_assert_num_queries, page):
    urls = build(3)
    if page in WITH_AREA:
        client.cookies[settings.AREA_COOKIE] = urls["area"]
    assert client.get(urls[page]).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(urls[page]).status_code == 200
