"""Home, About, Accessibility, Privacy and Report: what a visitor reads on them."""

import pytest

from emsou_site.pages.models import SitePage
from units.models import Unit

from .conftest import text_of

pytestmark = pytest.mark.django_db

REPORT_NUMBERS = ["999", "101", "0800 555 111", "0800 789 321", "0300 123 2040"]


def test_home_says_who_emsou_is_and_its_mission(client):
    text = text_of(client.get("/"))
    assert "East Midlands Special Operations Unit" in text
    assert "five forces, one team" in text


def test_home_shows_every_main_unit_as_a_card(client):
    html = client.get("/").content.decode()
    for unit in Unit.objects.published().top_level():
        assert f'<a href="{unit.get_absolute_url()}">{unit.name}</a>' in html
    assert 'href="/units/dna/"' not in html  # sub-teams are on their unit's page


@pytest.mark.parametrize("url", ["/", "/report/"])
def test_reporting_numbers_are_shown_and_callable(client, url):
    response = client.get(url)
    text, html = text_of(response), response.content.decode()
    for number in REPORT_NUMBERS:
        assert number in text
        assert f'href="tel:{number.replace(" ", "")}"' in html
    assert "Crimestoppers" in text and "Anti-Terrorist Hotline" in text and "Action Fraud" in text


def test_about_page_covers_mission_history_forces_and_collaboration(client):
    text = text_of(client.get("/about/"))
    assert "five forces, one team" in text
    assert "2001" in text
    for force in ["Derbyshire", "Leicestershire", "Lincolnshire", "Northamptonshire", "Nottinghamshire"]:
        assert force in text
    assert "East Midlands Police Collaboration Programme" in text
    assert "section 23A of the Police Act 1996" in text


def test_accessibility_and_privacy_pages(client):
    assert "(WCAG) version 2.2 at level AA" in text_of(client.get("/accessibility/"))
    assert "cookies" in text_of(client.get("/privacy/")).lower()


def test_editor_added_page_is_served_at_its_slug(client):
    SitePage.objects.create(title="Careers", slug="careers", summary="Joining EMSOU.", body="## Vacancies\n\nSoon.")
    response = client.get("/careers/")
    assert response.status_code == 200
    assert "<h2>Vacancies</h2>" in response.content.decode()


def test_home_slug_redirects_to_the_home_page(client):
    response = client.get("/home/")
    assert response.status_code == 301 and response["Location"] == "/"


def test_a_page_cannot_take_a_slug_the_site_uses(db):
    from django.core.exceptions import ValidationError

    page = SitePage(title="News", slug="news", summary="s", body="b")
    with pytest.raises(ValidationError):
        page.full_clean()


def test_home_page_still_works_before_any_content_is_loaded(client):
    SitePage.objects.filter(slug="home").delete()
    Unit.objects.update(is_published=False)
    response = client.get("/")
    assert response.status_code == 200
    assert "East Midlands Special Operations Unit" in text_of(response)
