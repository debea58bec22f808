"""Site-wide promises: every public page answers, has one h1, and asks nothing of another host."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from news.legal import Stage

from .conftest import form_data, h1_texts, site_cookies, text_of
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

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_site():
    """One of everything a visitor can open."""
    force = ForceFactory()
    unit = UnitFactory(forces=[force])
    team = TeamFactory(main_unit=unit)
    ExternalLinkFactory(unit=unit)
    article = ArticleFactory(units=[unit, team], area=force, source_name="A force", source_url="https://f.example/")
    pages = [SitePageFactory(slug=slug) for slug in ["home", "about", "accessibility", "privacy"]]
    case = CaseFactory(stage=Stage.CHARGED, operation_name="Operation Test", units=[unit])
    HearingFactory(case=case)
    appeal = AppealFactory(case=case, units=[unit])
    result = ResultFactory(unit=unit, case=case, sentences=[(3, 0)])
    ReportingRouteFactory(unit=unit, route="act-early")
    StatedFigureFactory(unit=unit)
    IncidentBannerFactory(casualty_bureau_number="0800 000 1234", link_text="More", link_url="https://x.example/")
    urls = ["/", "/units/", "/news/", "/report/", unit.get_absolute_url(), team.get_absolute_url()]
    urls += ["/numbers/", appeal.get_absolute_url(), result.article.get_absolute_url()]
    urls += [article.get_absolute_url(), f"/news/?area={force.slug}", f"/news/?unit={unit.slug}"]
    urls += [page.get_absolute_url() for page in pages[1:]]
    year = article.published_at.astimezone(timezone.get_current_timezone())
    urls += [
        "/search/?q=story",
        "/search/?q=nothing-matches-this",
        "/area/",
        f"/news/{year:%Y}/",
        f"/news/{year:%Y/%m}/",
    ]
    return urls


def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_every_public_page_answers_with_exactly_one_h1(client, small_site):
    for url in small_site:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(h1_texts(response.content.decode())) == 1, url


def test_every_page_has_landmarks_skip_link_and_a_title(client, small_site):
    for url in small_site:
        html = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">' in html, url
        assert '<main id="main"' in html and "<header" in html and "<footer" in html, url
        assert '<nav class="site-nav" aria-label="Main">' in html, url
        assert re.search(r"<title>[^<]+\| EMSOU</title>", html), url
        assert '<html lang="en-GB">' in html


def test_no_inline_script_style_or_event_handlers(client, small_site):
    """The only script elements are JSON-LD data blocks, which browsers never run (so the CSP allows them)."""
    for url in small_site:
        html = client.get(url).content.decode()
        assert re.findall(r"<script\b[^>]*>", html) == ['<script type="application/ld+json">'] * html.count(
            "<script"
        ), url
        assert "<style" not in html, url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_pages_load_nothing_from_other_hosts(client, small_site):
    """Nothing is fetched from another host. A canonical link names an address; it loads nothing."""
    for url in small_site:
        html = re.sub(r'<link rel="canonical"[^>]*>', "", client.get(url).content.decode())
        for tag, attr in [("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src")]:
            for value in re.findall(rf"<{tag}\b[^>]*\s{attr}=\"([^\"]+)\"", html):
                assert value.startswith("/"), (url, value)


def test_header_has_emergency_strip_and_footer_links_the_forces(client):
    force = ForceFactory(name="Midshire Police", website="https://www.midshire.police.example/")
    response = client.get("/units/")
    assert "In an emergency call 999." in text_of(response)
    html = response.content.decode()
    assert f'<a href="{force.website}">Midshire Police</a>' in html
    assert 'href="/accessibility/"' in html and 'href="/privacy/"' in html


def test_current_section_is_marked_in_the_navigation(client):
    assert '<a href="/news/" aria-current="page">News</a>' in client.get("/news/").content.decode()
    assert '<a href="/units/" aria-current="page">Units</a>' in client.get("/units/").content.decode()
    unit_page = client.get(UnitFactory().get_absolute_url()).content.decode()
    assert '<a href="/units/" aria-current="true">Units</a>' in unit_page
    SitePageFactory(slug="about")
    assert '<a href="/about/" aria-current="page">About</a>' in client.get("/about/").content.decode()


@pytest.mark.parametrize(
    "url",
    ["/units/no-such-unit/", "/news/no-such-article/", "/no-such-page/", "/units/%00/", "/news/../etc/passwd"],
)
def test_unknown_addresses_get_the_designed_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in text_of(response)
    assert len(h1_texts(response.content.decode())) == 1
    assert '<a href="/news/">news</a>' in response.content.decode()


def test_breadcrumbs_lead_home(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs[^>]*aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
    assert '<a href="/">Home</a>' in crumbs and '<a href="/news/">News</a>' in crumbs
    assert escape(article.title) not in crumbs  # the h1 names the page, as on GOV.UK


def test_server_error_page_renders_without_a_request_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_the_site_sets_only_the_cookies_the_privacy_page_lists_and_each_of_them(client, editor):
    from django.test import Client

    from core.preview import make_preview_link

    ForceFactory(slug="lincolnshire")
    page = SitePageFactory(slug="privacy")
    draft = ArticleFactory(draft=True)
    responses = [client.get(url) for url in ["/", "/news/", "/area/", "/display/", "/search/?q=x"]]
    responses += [client.post("/area/", {"area": "lincolnshire"}), client.post("/display/", {"text": "large"})]
    responses += [client.post("/display/", {"text": "large", "colours": "high"})]
    responses += [client.get(make_preview_link(draft, editor).get_absolute_url())]
    editor_browser = Client()
    responses += [editor_browser.get("/admin/login/")]
    signed_in = {"username": "editor", "password": "a-long-editor-password", "next": "/admin/"}
    responses += [editor_browser.post("/admin/login/", signed_in)]
    form = editor_browser.get(f"/admin/pages/sitepage/{page.pk}/change/")
    responses += [editor_browser.post(form.request["PATH_INFO"], form_data(form, summary="Changed."))]
    set_by_site = {name for response in responses for name in response.cookies}
    assert set_by_site == site_cookies()
