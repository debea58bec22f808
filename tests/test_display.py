"""Display options: text size and colours, chosen without JavaScript, kept in a functional cookie, on every page."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from .conftest import text_of

pytestmark = pytest.mark.django_db


def cookie(response):
    return response.cookies.get(django_settings.DISPLAY_COOKIE)


def html_classes(response):
    return re.search(r"<html lang=\"en-GB\"(?: class=\"([^\"]*)\")?>", response.content.decode()).group(1) or ""


def test_the_choice_needs_no_javascript_and_returns_to_the_page_with_a_message(client):
    page = client.get("/display/?next=/news/%3Fpage%3D2")
    html = page.content.decode()
    assert '<input type="radio" name="text" value="standard"' in html and 'value="largest"' in html
    assert '<input type="radio" name="colours" value="high"' in html
    assert '<input type="hidden" name="next" value="/news/?page=2">' in html
    response = client.post("/display/", {"text": "largest", "colours": "high", "next": "/news/?page=2"})
    assert response.status_code == 303 and response["Location"] == "/news/?page=2#display-saved"
    assert cookie(response).value == "largest-high"
    news = client.get("/news/?page=2")
    assert html_classes(news) == "text-largest contrast-high"
    saved = re.search(
        r'<p class="display-saved" id="display-saved" role="status" hidden>(.*?)</p>', news.content.decode()
    )
    assert "Your display options are saved: largest text and high contrast." in text_of_html(saved.group(1))


def text_of_html(fragment):
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_the_display_cookie_is_functional_lax_http_only_secure_and_kept_a_year(client, settings):
    morsel = cookie(client.post("/display/", {"text": "large", "colours": "standard"}))
    assert morsel.key == "emsou_display" and morsel.value == "large-standard"
    assert morsel["max-age"] == 365 * 24 * 60 * 60
    assert morsel["samesite"] == "Lax" and morsel["httponly"] is True and morsel["path"] == "/"
    assert morsel["secure"] is True
    settings.SESSION_COOKIE_SECURE = False  # DEBUG on the loopback: the cookie follows the session cookie
    assert not cookie(client.post("/display/", {"text": "large", "colours": "standard"}))["secure"]


def test_every_page_wears_the_choice_and_the_choice_page_shows_it(client):
    client.cookies["emsou_display"] = "large-high"
    for url in ["/", "/units/", "/news/", "/report/", "/search/?q=x", "/area/", "/no-such-page/"]:
        assert html_classes(client.get(url)) == "text-large contrast-high", url
    page = client.get("/display/")
    assert re.search(r'value="large"[^>]* checked', page.content.decode())
    assert re.search(r'value="high"[^>]* checked', page.content.decode())
    assert "You are using large text and high contrast." in text_of(page)


def test_standard_display_is_no_cookie_and_going_back_to_it_is_one_click(client):
    client.post("/display/", {"text": "largest", "colours": "standard"})
    assert "Go back to the standard display" in text_of(client.get("/display/"))
    response = client.post("/display/", {"reset": "1", "next": "/units/"})
    assert response.status_code == 303 and response["Location"] == "/units/#display-saved"
    assert cookie(response).value == "" and cookie(response)["max-age"] == 0
    assert html_classes(client.get("/units/")) == ""
    chosen = client.post("/display/", {"text": "standard", "colours": "standard"})
    assert cookie(chosen)["max-age"] == 0  # the standard display needs no cookie


@pytest.mark.parametrize("value", ["", "huge-high", "large", "large-", "-high", "large-high-x", "x" * 4000, "<b>"])
def test_a_cookie_holding_anything_else_is_the_standard_display(client, value):
    client.cookies["emsou_display"] = value
    response = client.get("/")
    assert response.status_code == 200 and html_classes(response) == ""


@pytest.mark.parametrize(
    "data", [{}, {"text": "huge", "colours": "high"}, {"text": "large"}, {"text": "<script>", "colours": "x"}]
)
def test_a_choice_that_is_not_offered_gets_a_clear_message(client, data):
    response = client.post("/display/", data)
    assert response.status_code == 400 and cookie(response) is None
    text = text_of(response)
    assert "There is a problem" in text and "Error: Text size and contrast" in text
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize(
    "headers", [{"HTTP_SEC_FETCH_SITE": "cross-site"}, {"HTTP_ORIGIN": "https://attacker.example"}]
)
def test_another_website_cannot_change_a_visitors_display(client, headers):
    response = client.post("/display/", {"text": "large", "colours": "high"}, **headers)
    assert response.status_code == 403 and cookie(response) is None


@pytest.mark.parametrize("target", ["https://attacker.example/", "//attacker.example/", "javascript:alert(1)"])
def test_the_return_address_must_be_on_this_site(client, target):
    response = client.post("/display/", {"text": "large", "colours": "high", "next": target})
    assert response["Location"] == "/#display-saved"


def test_the_header_offers_the_choice_on_every_page_and_comes_back_to_it(client):
    for url, back in [("/", "/"), ("/units/", "/units/"), ("/news/?page=2", "/news/%3Fpage%3D2")]:
        assert f'<a href="/display/?next={back}">Text size and contrast</a>' in client.get(url).content.decode()
    here = client.get("/display/?next=/units/").content.decode()
    assert '<a href="/display/?next=/units/" aria-current="page">Text size and contrast</a>' in here


def test_pages_vary_on_cookie_but_visitors_get_no_cookie_unasked_and_feeds_do_not_vary(client):
    for url in ["/", "/units/", "/news/", "/display/", "/no-such-page/"]:
        response = client.get(url)
        assert "Cookie" in response["Vary"], url
        assert "Set-Cookie" not in response.headers, url  # not even a CSRF cookie
    for url in ["/robots.txt", "/news/feed/", "/sitemap.xml"]:
        assert "Cookie" not in client.get(url).get("Vary", ""), url


def test_a_cached_page_never_shows_one_visitors_display_to_another(client, cached_pages):
    large = Client()
    large.post("/display/", {"text": "largest", "colours": "high"})
    assert html_classes(large.get("/units/")) == "text-largest contrast-high"
    cached = large.get("/units/")
    assert cached.wsgi_request.page_cache == "hit"
    assert html_classes(cached) == "text-largest contrast-high"
    assert html_classes(client.get("/units/")) == ""


def test_the_500_page_keeps_the_visitors_display_and_says_sorry(client, settings):
    settings.ROOT_URLCONF = "tests.urls"
    client.raise_request_exception = False
    client.cookies["emsou_display"] = "largest-high"
    response = client.get("/fail/")
    assert response.status_code == 500
    assert html_classes(response) == "text-largest contrast-high"
    assert "Sorry, there is a problem with the service" in text_of(response)
    assert "Cookie" in response["Vary"]
