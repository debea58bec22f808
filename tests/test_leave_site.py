"""Sensitive pages offer "Leave this site" and say how to clear history; pages waiting for EMSOU are flagged."""

import re

import pytest
from reversion.models import Version

from news.models import Article
from pages.models import SitePage

from .browsing import PHONE, new_page
from .conftest import form_data, text_of
from .factories import ArticleFactory, SitePageFactory

pytestmark = pytest.mark.django_db
NEUTRAL = "https://www.bbc.co.uk/weather"
LEAVE_LINK = f'<a class="leave-site-button" href="{NEUTRAL}" rel="noreferrer" data-leave-site>Leave this site</a>'


def test_a_sensitive_page_offers_leave_this_site_and_says_how_to_clear_history(client):
    page = SitePageFactory(slug="modern-slavery", title="Modern slavery", is_sensitive=True)
    response = client.get(page.get_absolute_url())
    html, text = response.content.decode(), text_of(response)
    assert LEAVE_LINK in html
    assert html.index('<header class="site-header">') < html.index(LEAVE_LINK) < html.index('class="emergency"')
    assert re.search(r'<script src="/static/js/leave-site\.js" defer></script>', html)
    assert "press the Shift key 3 times" in text and "Back button will not bring you back here" in text
    assert "Ctrl, Shift and Delete" in text and "Clear History" in text


def test_a_sensitive_article_offers_it_too_and_ordinary_pages_ship_no_script(client):
    article = ArticleFactory(title="Appeal about exploitation", is_sensitive=True)
    assert LEAVE_LINK in client.get(article.get_absolute_url()).content.decode()
    ordinary = [ArticleFactory().get_absolute_url(), SitePageFactory(slug="about").get_absolute_url(), "/", "/news/"]
    for url in ordinary:
        html = client.get(url).content.decode()
        assert "Leave this site" not in html and "<script src" not in html, url


def test_an_editor_marks_a_page_sensitive_and_history_keeps_it(editor_client, client):
    page = SitePageFactory(slug="exploitation", title="Exploitation")
    form = editor_client.get(f"/admin/pages/sitepage/{page.pk}/change/")
    assert "Offer “Leave this site”" in text_of(form)
    response = editor_client.post(form.request["PATH_INFO"], form_data(form, is_sensitive="on"))
    assert response.status_code == 302
    assert LEAVE_LINK in client.get("/exploitation/").content.decode()
    latest = Version.objects.get_for_object(SitePage.objects.get(pk=page.pk)).first()
    assert latest.field_dict["is_sensitive"] is True and latest.revision.user.username == "editor"


def test_an_editor_marks_an_article_sensitive_and_it_goes_for_review(editor_client):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    form = editor_client.get(f"/admin/news/article/{article.pk}/change/")
    assert editor_client.post(form.request["PATH_INFO"], form_data(form, is_sensitive="on")).status_code == 302
    article.refresh_from_db()
    assert article.is_sensitive is True


def test_a_page_waiting_for_emsou_is_flagged_in_the_admin_until_an_editor_fills_it_in(editor_client):
    waiting = SitePageFactory(slug="privacy", title="Privacy", needs_input="The data controller's name.")
    SitePageFactory(slug="about", title="About us")
    home = text_of(editor_client.get("/admin/"))
    assert "Needs input from EMSOU Privacy (site page): The data controller's name." in home
    listing = editor_client.get("/admin/pages/sitepage/?needs_input=yes")
    assert "Privacy" in text_of(listing) and "About us" not in text_of(listing)
    assert 'alt="False"' in editor_client.get("/admin/pages/sitepage/").content.decode()
    form = editor_client.get(f"/admin/pages/sitepage/{waiting.pk}/change/")
    data = form_data(form, body="Our data controller is named here.", needs_input="")
    assert editor_client.post(form.request["PATH_INFO"], data).status_code == 302
    assert "Needs input from EMSOU" not in text_of(editor_client.get("/admin/"))
    assert "Privacy" in text_of(editor_client.get("/admin/pages/sitepage/?needs_input=no"))


@pytest.fixture
def neutral_site(browser):
    """The neutral site, answered by the test (this machine reaches no other host)."""

    def serve(page):
        page.context.route(f"{NEUTRAL}**", lambda route: route.fulfill(body="<title>Weather</title>Sunny."))
        return page

    return serve


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("how", ["click", "enter", "shift"])
def test_leaving_replaces_the_page_so_back_does_not_return(live_server, browser, neutral_site, how):
    SitePageFactory(slug="modern-slavery", title="Modern slavery", is_sensitive=True)
    page = neutral_site(new_page(browser, PHONE))
    page.goto(live_server.url + "/units/")
    page.goto(live_server.url + "/modern-slavery/")
    if how == "click":
        page.click("text=Leave this site")
    elif how == "enter":
        page.focus(".leave-site-button")
        page.keyboard.press("Enter")
    else:
        page.keyboard.press("Shift")
        page.keyboard.press("Shift")
        assert page.locator("#leave-site-status").inner_text() == "Shift, press 1 more time to leave this site."
        page.keyboard.press("Shift")
    page.wait_for_url(NEUTRAL)
    page.go_back()
    assert page.url == live_server.url + "/units/"  # not the sensitive page
    page.context.close()
    assert not page.csp_violations


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_typing_capitals_does_not_leave_and_without_javascript_it_is_a_plain_link(live_server, browser, neutral_site):
    SitePageFactory(slug="modern-slavery", title="Modern slavery", is_sensitive=True)
    page = neutral_site(new_page(browser, PHONE))
    page.goto(live_server.url + "/modern-slavery/")
    page.focus("#header-search-q")
    for letter in "ABC":
        page.keyboard.press(f"Shift+Key{letter}")  # capitals: Shift held while typing, three times
    assert page.input_value("#header-search-q") == "ABC"
    assert page.url == live_server.url + "/modern-slavery/"
    page.context.close()

    plain = neutral_site(new_page(browser, PHONE, java_script_enabled=False))
    plain.goto(live_server.url + "/modern-slavery/")
    plain.click("text=Leave this site")
    plain.wait_for_url(NEUTRAL)
    plain.context.close()
