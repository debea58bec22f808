"""A small site with an example of every kind of public page, for the browser tests and the HTML checker."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.accessibility import PAGE_TYPES
from core.preview import make_preview_link
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
    ReportingRouteFactory,
    ResultFactory,
    SitePageFactory,
    StatedFigureFactory,
    TeamFactory,
    UnitFactory,
)

RICH_TEXT = """An opening paragraph with a [link](https://example.org/) and **strong words**.

## A heading

- a list item
- another, with *emphasis*

> A quotation from someone.

| Year | Arrests | Cookie |
| --- | --- | --- |
| 2020 | 14 | `emsou_preview`, kept until the preview link stops working |
"""


def make_every_kind_of_page():
    """A small site with every kind of page and every kind of text an editor can write."""
    # A transactional test empties and refills the tables; Django's cache of content types may name rows gone.
    ContentType.objects.clear_cache()
    forces = [ForceFactory(short_name=name) for name in ["Derbyshire", "Leicestershire", "Lincolnshire"]]
    unit = UnitFactory(name="Forensic Services", abbreviation="EMSOU-FS", body=RICH_TEXT, forces=forces)
    TeamFactory(main_unit=unit, name="Regional Fingerprint Bureau", body=RICH_TEXT)
    ExternalLinkFactory(unit=unit, title="Act Early")
    ReportingRouteFactory(unit=unit, route="crimestoppers")
    case = CaseFactory(name="The Testchester inquiry", units=[unit], stage=Stage.CHARGED)
    HearingFactory(case=case)
    ArticleFactory(slug="a-case", title="Two people charged after a long inquiry", body=RICH_TEXT, case=case)
    AppealFactory(slug="an-appeal", title="Appeal for witnesses after an assault", body=RICH_TEXT, units=[unit])
    ResultFactory(unit=unit, sentences=[(5, 0), {"life": True, "years": 20, "months": 0}], people_convicted=2)
    StatedFigureFactory(unit=unit)
    for n in range(6):
        UnitFactory(name=f"Specialist unit number {n} with a long name")
    for n in range(12):
        ArticleFactory(
            title=f"A long news headline number {n} about the work of the specialist units in the region",
            body=RICH_TEXT,
            units=[unit],
            area=forces[n % 3] if n % 2 else None,
            byline="A Reporter" if n == 0 else "",
            source_name="Leicestershire Police" if n == 1 else "",
            source_url="https://www.leics.police.uk/news/" if n == 1 else "",
            is_sensitive=n == 2,
        )
    ArticleFactory(
        slug="withdrawn-appeal",
        status=Article.Status.WITHDRAWN,
        withdrawn_reason="The appeal has ended and the person’s details have been removed.",
        withdrawn_at=timezone.now(),
    )
    ArticleFactory(slug="a-draft", title="A draft about the Regional Fingerprint Bureau", draft=True)
    for slug in ["home", "about", "accessibility", "privacy"]:
        SitePageFactory(slug=slug, title=slug.capitalize(), body=RICH_TEXT)


def public_paths():
    """An address of each kind of page the statement names (core.accessibility.PAGE_TYPES)."""
    units = Unit.objects.published()
    articles = Article.objects.published()
    year = articles.datetimes("published_at", "month").last()
    paths = {
        "home page": "/",
        "list of units": "/units/",
        "unit": units.get(slug="forensic-services").get_absolute_url(),
        "team within a unit": units.get(slug="regional-fingerprint-bureau").get_absolute_url(),
        "news list": "/news/",
        "news list filtered by area": "/news/?area=derbyshire",
        "news list, second page": "/news/?page=2",
        "news article": articles.filter(byline="A Reporter").get().get_absolute_url(),
        "news article marked sensitive, with “Leave this site”": articles.get(is_sensitive=True).get_absolute_url(),
        "news archive for a year": f"/news/{year:%Y}/",
        "news archive for a month": f"/news/{year:%Y/%m}/",
        "news article about a case before the courts, with its timeline": "/news/a-case/",
        "appeal for witnesses, with ways to respond": "/news/an-appeal/",
        "results in numbers": "/numbers/",
        "search results": "/search/?q=specialist",
        "search with no results": "/search/?q=qqzzx",
        "your area": "/area/",
        "text size and contrast": "/display/?next=/news/",
        "About": "/about/",
        "accessibility statement": "/accessibility/",
        "privacy and cookies": "/privacy/",
        "how to report a crime": "/report/",
        "page not found (404)": "/no-such-page/",
        "withdrawn article (410)": "/news/withdrawn-appeal/",
        "server error (500)": "/fail/",
        "preview of an unpublished article": make_preview_link(
            Article.objects.get(slug="a-draft"), None
        ).get_absolute_url(),
    }
    assert list(paths) == PAGE_TYPES  # the statement says what is tested: every kind, no more, no less
    return paths


STATUS = {"page not found (404)": 404, "withdrawn article (410)": 410, "server error (500)": 500}
