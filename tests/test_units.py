"""Units: the list with its sub-teams, the unit pages, and the rules editors work within."""

import pytest
from django.core.exceptions import ValidationError

from news.models import Article
from units.models import Force, Unit

from .conftest import text_of

pytestmark = pytest.mark.django_db


def test_units_list_shows_main_units_with_their_teams(client):
    response = client.get("/units/")
    text = text_of(response)
    for name in [
        "Regional Organised Crime Unit",
        "Counter Terrorism Policing East Midlands",
        "Major Crime",
        "Regional Review Unit",
        "Forensic Services",
        "Regional Asset Recovery Team",
    ]:
        assert name in text
    forensic = Unit.objects.get(slug="forensic-services")
    teams = list(forensic.children.values_list("name", flat=True))
    assert len(teams) == 5
    for team in teams:
        assert f"{team}</a>" in response.content.decode()


def test_units_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    Unit.objects.create(name="Extra", slug="extra", summary="s", parent=Unit.objects.get(slug="major-crime"))
    with django_assert_max_num_queries(3):
        client.get("/units/")


def test_unit_page_shows_body_teams_forces_and_related_news(client):
    text = text_of(client.get("/units/forensic-services/"))
    assert "Forensic Services" in text and "EMSOU-FS" in text
    assert "Cellmark Forensic Services" in text
    assert "Teams" in text and "Regional Fingerprint Bureau" in text
    assert "Forces served" in text
    for force in Force.objects.all():
        assert force.short_name in text
    assert "How to report a crime" in text


def test_sub_team_page_links_back_to_its_unit(client):
    response = client.get("/units/regional-fingerprint-bureau/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'Part of <a href="/units/forensic-services/">Forensic Services</a>' in html
    assert '<li><a href="/units/forensic-services/">Forensic Services</a></li>' in html  # breadcrumb


def test_unit_page_lists_its_external_links(client):
    html = client.get("/units/counter-terrorism-policing-east-midlands/").content.decode()
    assert '<a href="https://actearly.uk/">Act Early</a>' in html


def test_unit_page_shows_news_about_the_unit_and_its_teams(client):
    unit = Unit.objects.get(slug="major-crime")
    articles = Article.objects.published().filter(units=unit)
    assert articles.exists()
    text = text_of(client.get(unit.get_absolute_url()))
    assert "News about Major Crime" in text
    assert "All news about Major Crime" in text
    for article in articles:
        assert article.title in text


def test_unit_page_query_count_does_not_grow_with_teams(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get("/units/forensic-services/")


def test_hidden_unit_and_its_teams_are_not_public(client):
    Unit.objects.filter(slug="forensic-services").update(is_published=False)
    assert client.get("/units/forensic-services/").status_code == 404
    assert client.get("/units/dna/").status_code == 404
    assert "Forensic Services" not in text_of(client.get("/units/"))


def test_editor_previews_a_hidden_unit_with_a_warning(editor_client):
    Unit.objects.filter(slug="dna").update(is_published=False)
    response = editor_client.get("/units/dna/")
    assert response.status_code == 200
    assert "only signed-in editors can see this page" in text_of(response)


def test_a_unit_cannot_be_its_own_parent_or_nest_two_deep():
    unit = Unit.objects.get(slug="forensic-services")
    unit.parent = unit
    with pytest.raises(ValidationError, match="part of itself"):
        unit.full_clean()
    team = Unit.objects.get(slug="dna")
    grandchild = Unit(name="Deeper", slug="deeper", summary="s", parent=team)
    with pytest.raises(ValidationError, match="cannot have sub-teams"):
        grandchild.full_clean()
    unit.parent = Unit.objects.get(slug="major-crime")
    with pytest.raises(ValidationError, match="has sub-teams"):
        unit.full_clean()


def test_a_unit_with_teams_cannot_be_deleted_out_from_under_them():
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Unit.objects.get(slug="forensic-services").delete()
    assert Unit.objects.filter(slug="dna").exists()
