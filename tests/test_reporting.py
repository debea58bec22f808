"""The right way to report, per unit: chosen from a list in the admin, shown first on the unit's page and its
articles, then the general ways to report."""

import pytest
from reversion.models import Version

from units.models import ReportingRoute

from .conftest import form_data, text_of
from .factories import ArticleFactory, ReportingRouteFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db
GENERAL = [
    "In an emergency 999",
    "When it is not an emergency 101",
    "Anonymously, through Crimestoppers 0800 555 111",
    "Terrorism: the Anti-Terrorist Hotline 0800 789 321",
    "Fraud and cyber crime: Action Fraud 0300 123 2040",
]


def report_section(response):
    """The page's reporting section, as a visitor reads it (the footer's numbers left out)."""
    text = text_of(response)
    return text.split("How to report a crime", 1)[1].split("Contact and reporting")[0]


def in_order(text, items):
    places = [text.index(item) for item in items]
    return places == sorted(places)


def test_an_editor_chooses_a_units_routes_from_the_list_and_history_keeps_them(editor_client, client):
    unit = UnitFactory(name="Economic Crime")
    page = editor_client.get(f"/admin/units/unit/{unit.pk}/change/")
    data = form_data(
        page,
        **{
            "reporting_routes-TOTAL_FORMS": "1",
            "reporting_routes-0-route": "action-fraud",
            "reporting_routes-0-order": "1",
        },
    )
    assert editor_client.post(f"/admin/units/unit/{unit.pk}/change/", data).status_code == 302
    assert [route.route for route in unit.reporting_routes.all()] == ["action-fraud"]
    latest = Version.objects.get_for_object(unit).first()
    assert "action-fraud" in {v.field_dict.get("route") for v in latest.revision.version_set.all()}

    section = report_section(client.get(unit.get_absolute_url()))
    own, rest = section.split("Other ways to report")
    assert "For this unit’s work Fraud and cyber crime: Action Fraud 0300 123 2040" in own
    assert "Action Fraud" not in rest  # shown once, first
    assert in_order(rest, [line for line in GENERAL if "Action Fraud" not in line])


def test_a_route_not_on_the_list_is_refused(editor_client):
    unit = UnitFactory()
    page = editor_client.get(f"/admin/units/unit/{unit.pk}/change/")
    data = form_data(page, **{"reporting_routes-TOTAL_FORMS": "1", "reporting_routes-0-route": "tel:0900-premium"})
    response = editor_client.post(f"/admin/units/unit/{unit.pk}/change/", data)
    assert "Select a valid choice." in text_of(response)
    assert not ReportingRoute.objects.exists()


def test_counter_terrorism_points_to_the_hotline_then_act_early(client):
    unit = UnitFactory(name="Counter Terrorism")
    ReportingRouteFactory(unit=unit, route="act-early", order=2)
    ReportingRouteFactory(unit=unit, route="anti-terrorist-hotline", order=1)
    response = client.get(unit.get_absolute_url())
    own = report_section(response).split("Other ways to report")[0]
    assert in_order(own, ["Anti-Terrorist Hotline 0800 789 321", "Act Early Act Early website"])
    assert '<a class="report-link" href="https://actearly.uk/">Act Early website</a>' in response.content.decode()


def test_an_article_shows_its_units_routes_first(client):
    major = UnitFactory(name="Major Crime")
    ReportingRouteFactory(unit=major, route="101", order=1)
    ReportingRouteFactory(unit=major, route="crimestoppers", order=2)
    fraud = UnitFactory(name="Fraud")
    ReportingRouteFactory(unit=fraud, route="action-fraud")
    article = ArticleFactory(units=[major, fraud])
    section = report_section(client.get(article.get_absolute_url()))
    own, rest = section.split("Other ways to report")
    assert "For the units in this story" in own
    assert in_order(
        own, ["When it is not an emergency 101", "Crimestoppers 0800 555 111", "Action Fraud 0300 123 2040"]
    )
    assert in_order(rest, ["In an emergency 999", "Anti-Terrorist Hotline 0800 789 321"])
    assert "Action Fraud" not in rest and "101" not in rest


def test_without_routes_a_page_shows_the_general_ways_in_order(client):
    unit = UnitFactory()
    TeamFactory(main_unit=unit)
    for response in (client.get(unit.get_absolute_url()), client.get("/report/"), client.get("/")):
        assert 'class="report-subheading"' not in response.content.decode()
        assert in_order(text_of(response), GENERAL)
