"""Home, the site pages and Report: what a visitor reads on them."""

import pytest
from django.core.exceptions import ValidationError

from pages.models import SitePage

from .conftest import text_of
from .factories import SitePageFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db

REPORT_NUMBERS = ["999", "101", "0800 555 111", "0800 789 321", "0300 123 2040"]


def test_home_shows_the_home_page_text(client):
    SitePageFactory(slug="home", title="Welcome to EMSOU", summary="One line.", body="> Our mission, quoted.")
    response = client.get("/")
    text = text_of(response)
    assert "Welcome to EMSOU" in text and "One line." in text
    assert "<blockquote>" in response.content.decode()


def test_home_shows_every_published_main_unit_as_a_card(client):
    unit = UnitFactory()
    team = TeamFactory(main_unit=unit)
    hidden = UnitFactory(is_published=False)
    html = client.get("/").content.decode()
    assert f'<a href="{unit.get_absolute_url()}">{unit.name}</a>' in html
    assert team.get_absolute_url() not in html  # teams are on their unit's page
    assert hidden.get_absolute_url() not in html


@pytest.mark.parametrize("url", ["/", "/report/"])
def test_reporting_numbers_are_shown_and_callable(client, url):
    response = client.get(url)
    text, html = text_of(response), response.content.decode()
    for number in REPORT_NUMBERS:
        assert number in text
        assert f'href="tel:{number.replace(" ", "")}"' in html
    assert "Crimestoppers" in text and "Anti-Terrorist Hotline" in text and "Action Fraud" in text


def test_a_site_page_shows_its_text(client):
    page = SitePageFactory(title="Careers", slug="careers", summary="Joining us.", body="## Vacancies\n\nSoon.")
    response = client.get("/careers/")
    assert response.status_code == 200
    assert "Careers" in text_of(response) and "Joining us." in text_of(response)
    assert "<h2>Vacancies</h2>" in response.content.decode()
    assert page.get_absolute_url() == "/careers/"


def test_last_updated_shows_only_after_a_real_edit(client):
    page = SitePageFactory(slug="about")
    SitePage.objects.filter(pk=page.pk).update(updated_at=None)  # as loaded from the seed content
    assert "Last updated" not in text_of(client.get("/about/"))
    page.refresh_from_db()
    page.body += "\n\nAn edit."
    page.save()
    assert "Last updated" in text_of(client.get("/about/"))


def test_home_slug_redirects_to_the_home_page(client):
    response = client.get("/home/")
    assert response.status_code == 301 and response["Location"] == "/"


@pytest.mark.parametrize("slug", ["news", "units", "admin", "report", "search", "area"])
def test_a_page_cannot_take_a_slug_the_site_uses(slug):
    page = SitePage(title="Clash", slug=slug, summary="s", body="b")
    with pytest.raises(ValidationError):
        page.full_clean()


def test_home_page_works_with_no_content_at_all(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "East Midlands Special Operations Unit" in text_of(response)
