"""Units: the list with its teams, the unit pages, and the rules editors work within."""

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from units.models import Unit

from .conftest import text_of
from .factories import ArticleFactory, ExternalLinkFactory, ForceFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_units_list_shows_main_units_with_their_published_teams(client):
    unit = UnitFactory(name="Forensic Things")
    team = TeamFactory(name="Fingerprint Desk", main_unit=unit)
    hidden = TeamFactory(name="Secret Desk", main_unit=unit, is_published=False)
    response = client.get("/units/")
    html = response.content.decode()
    assert "Forensic Things" in text_of(response)
    assert f'<a href="{team.get_absolute_url()}">Fingerprint Desk</a>' in html
    assert hidden.name not in html


def test_unit_page_shows_body_teams_forces_links_and_reporting(client):
    force = ForceFactory(short_name="Midshire")
    unit = UnitFactory(name="Evidence Unit", abbreviation="EU", body="It **handles** evidence.", forces=[force])
    TeamFactory(name="Swabs Team", main_unit=unit)
    ExternalLinkFactory(unit=unit, title="Partner", url="https://partner.example/")
    response = client.get(unit.get_absolute_url())
    text, html = text_of(response), response.content.decode()
    assert "Evidence Unit (EU)" in text
    assert "<strong>handles</strong>" in html
    assert "Teams" in text and "Swabs Team" in text
    assert "Forces served" in text and "Midshire" in text
    assert '<a href="https://partner.example/">Partner</a>' in html
    assert "How to report a crime" in text


def test_forces_served_is_left_out_when_nobody_said(client):
    unit = UnitFactory()
    assert "Forces served" not in text_of(client.get(unit.get_absolute_url()))


def test_team_page_links_back_to_its_unit(client):
    team = TeamFactory(main_unit__name="Main Unit", main_unit__slug="main-unit")
    html = client.get(team.get_absolute_url()).content.decode()
    assert 'A team of <a href="/units/main-unit/">Main Unit</a>' in html
    assert '<li><a href="/units/main-unit/">Main Unit</a></li>' in html  # breadcrumb


def test_unit_page_shows_news_about_the_unit_and_its_teams(client):
    unit = UnitFactory(name="Major Things")
    team = TeamFactory(main_unit=unit)
    about_unit = ArticleFactory(title="Story about the unit", units=[unit])
    about_team = ArticleFactory(title="Story about its team", units=[team])
    unrelated = ArticleFactory(title="Story about something else")
    response = client.get(unit.get_absolute_url())
    text, html = text_of(response), response.content.decode()
    assert "News about Major Things" in text
    assert about_unit.title in text and about_team.title in text and unrelated.title not in text
    assert f'href="/news/?unit={unit.slug}">All news about Major Things</a>' in html


def test_unit_page_has_no_news_section_without_news(client):
    unit = UnitFactory()
    assert "News about" not in text_of(client.get(unit.get_absolute_url()))


def test_hidden_unit_and_its_teams_are_not_public(client):
    unit = UnitFactory(is_published=False)
    team = TeamFactory(main_unit=unit)
    assert client.get(unit.get_absolute_url()).status_code == 404
    assert client.get(team.get_absolute_url()).status_code == 404
    assert unit.name not in text_of(client.get("/units/"))


def test_editor_previews_a_hidden_unit_with_a_warning(editor_client, client):
    unit = UnitFactory(is_published=False)
    response = editor_client.get(unit.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this page is not on the public site." in text_of(response)
    live = UnitFactory()
    assert "Preview" not in text_of(editor_client.get(live.get_absolute_url()))


def test_editor_previews_a_team_of_a_hidden_unit_with_a_warning(editor_client):
    team = TeamFactory(main_unit__is_published=False)
    assert "Preview: this page is not on the public site." in text_of(editor_client.get(team.get_absolute_url()))


def test_published_teams_are_the_same_with_or_without_prefetching():
    unit = UnitFactory()
    shown = TeamFactory(main_unit=unit)
    TeamFactory(main_unit=unit, is_published=False)
    assert Unit.objects.get(pk=unit.pk).published_teams == [shown]
    assert Unit.objects.with_published_teams().get(pk=unit.pk).published_teams == [shown]


def test_a_unit_cannot_be_its_own_team_or_nest_two_deep():
    unit = UnitFactory()
    unit.main_unit = unit
    with pytest.raises(ValidationError, match="team of itself"):
        unit.full_clean()
    team = TeamFactory()
    grandchild = Unit(name="Deeper", slug="deeper", summary="s", main_unit=team)
    with pytest.raises(ValidationError, match="cannot have teams of its own"):
        grandchild.full_clean()
    main = team.main_unit
    main.main_unit = UnitFactory()
    with pytest.raises(ValidationError, match="has teams of its own"):
        main.full_clean()


def test_a_unit_with_teams_cannot_be_deleted_out_from_under_them():
    team = TeamFactory()
    with pytest.raises(ProtectedError):
        team.main_unit.delete()
    assert Unit.objects.filter(pk=team.pk).exists()
