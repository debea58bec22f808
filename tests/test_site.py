"""Site-wide promises: every public page answers, has one h1, and asks nothing of another host."""

import re

import pytest
from django.core.management import call_command
from django.utils.html import escape

from news.models import Article
from units.models import Unit

from .conftest import h1_texts, text_of

pytestmark = pytest.mark.django_db


def public_urls():
    urls = ["/", "/units/", "/news/", "/about/", "/accessibility/", "/privacy/", "/report/"]
    urls += [unit.get_absolute_url() for unit in Unit.objects.published()]
    urls += [article.get_absolute_url() for article in Article.objects.published()]
    return urls


def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_every_public_page_answers_with_exactly_one_h1(client):
    urls = public_urls()
    assert len(urls) == 7 + 14 + 3
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(h1_texts(response.content.decode())) == 1, url


def test_every_page_has_landmarks_skip_link_and_a_title(client):
    for url in public_urls():
        html = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">' in html, url
        assert '<main id="main"' in html and "<header" in html and "<footer" in html, url
        assert '<nav class="site-nav" aria-label="Main">' in html, url
        assert re.search(r"<title>[^<]+\| EMSOU</title>", html), url
        assert '<html lang="en-GB">' in html


def test_no_inline_script_style_or_event_handlers(client):
    for url in public_urls():
        html = client.get(url).content.decode()
        assert "<script" not in html, url
        assert "<style" not in html, url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_pages_load_nothing_from_other_hosts(client):
    for url in public_urls():
        html = client.get(url).content.decode()
        for tag, attr in [("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src")]:
            for value in re.findall(rf"<{tag}\b[^>]*\s{attr}=\"([^\"]+)\"", html):
                assert value.startswith("/"), (url, value)


def test_header_has_emergency_strip_and_footer_links_the_five_forces(client):
    text = text_of(client.get("/units/"))
    assert "In an emergency call 999." in text
    html = client.get("/units/").content.decode()
    for name in ["Derbyshire", "Leicestershire", "Lincolnshire", "Northamptonshire", "Nottinghamshire"]:
        assert re.search(rf'<a href="https://[^"]+">{name} (Police|Constabulary)</a>', html), name
    assert 'href="/accessibility/"' in html and 'href="/privacy/"' in html


def test_current_section_is_marked_in_the_navigation(client):
    assert '<a href="/news/" aria-current="page">News</a>' in client.get("/news/").content.decode()
    unit_page = client.get(Unit.objects.published().first().get_absolute_url()).content.decode()
    assert '<a href="/units/" aria-current="true">Units</a>' in unit_page


@pytest.mark.parametrize(
    "url",
    ["/units/no-such-unit/", "/news/no-such-article/", "/no-such-page/", "/units/%00/", "/news/../etc/passwd"],
)
def test_unknown_addresses_get_the_designed_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in text_of(response)
    assert len(h1_texts(response.content.decode())) == 1


def test_breadcrumbs_lead_home(client):
    article = Article.objects.published().first()
    html = client.get(article.get_absolute_url()).content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs[^>]*aria-label="Breadcrumb">(.*?)</nav>', html, re.S).group(1)
    assert '<a href="/">Home</a>' in crumbs and '<a href="/news/">News</a>' in crumbs
    assert escape(article.title) not in crumbs  # the h1 names the page, as on GOV.UK


def test_server_error_page_renders_without_a_request_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
