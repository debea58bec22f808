"""Incident banners: a Publisher raises one, it shows at once on every page (or one unit's), and leaves by itself at
its expiry."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from reversion.models import Version

from incidents.models import IncidentBanner, next_banner_change

from .conftest import form_data, text_of
from .factories import ArticleFactory, IncidentBannerFactory, SitePageFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db


def banner_form(**overrides):
    start = timezone.localtime() - datetime.timedelta(minutes=5)
    end = start + datetime.timedelta(hours=6)
    return {
        "message": "A major incident has been declared in Testchester. Avoid the city centre.",
        "casualty_bureau_number": "0800 000 1234",
        "link_text": "Updates from Testshire Police",
        "link_url": "https://testshire.police.example/incident/",
        "unit": "",
        "starts_at_0": start.strftime("%Y-%m-%d"),
        "starts_at_1": start.strftime("%H:%M:%S"),
        "expires_at_0": end.strftime("%Y-%m-%d"),
        "expires_at_1": end.strftime("%H:%M:%S"),
        **overrides,
    }


def test_a_publisher_raises_a_banner_and_it_shows_on_every_page_at_once(publisher_client, client):
    unit = UnitFactory()
    article = ArticleFactory(units=[unit])
    SitePageFactory(slug="about")
    response = publisher_client.post("/admin/incidents/incidentbanner/add/", banner_form())
    assert response.status_code == 302
    banner = IncidentBanner.objects.get()
    assert Version.objects.get_for_object(banner).count() == 1
    for url in ["/", "/news/", unit.get_absolute_url(), article.get_absolute_url(), "/about/", "/numbers/", "/nope/"]:
        response = client.get(url)
        html = response.content.decode()
        assert "Major incident A major incident has been declared in Testchester." in text_of(response), url
        assert 'href="tel:08000001234">0800 000 1234</a>' in html, url
        assert '<a href="https://testshire.police.example/incident/">Updates from Testshire Police</a>' in html, url


def test_a_units_banner_shows_only_on_its_pages_and_its_news(client):
    unit = UnitFactory(name="Major Crime")
    team = TeamFactory(main_unit=unit)
    IncidentBannerFactory(unit=unit, message="Casualty Bureau open for the Testchester incident.")
    about_unit = ArticleFactory(units=[team])
    elsewhere = ArticleFactory(units=[UnitFactory()])
    for url in [unit.get_absolute_url(), team.get_absolute_url(), about_unit.get_absolute_url()]:
        assert "Major incident: Major Crime Casualty Bureau open" in text_of(client.get(url)), url
    for url in ["/", "/news/", elsewhere.get_absolute_url()]:
        assert "Casualty Bureau open" not in text_of(client.get(url)), url


def test_a_banner_appears_at_its_start_and_leaves_at_its_expiry_with_nothing_run(client):
    now = timezone.now()
    IncidentBannerFactory(
        message="Road closures in Testchester.",
        starts_at=now + datetime.timedelta(hours=1),
        expires_at=now + datetime.timedelta(hours=3),
    )
    assert "Road closures" not in text_of(client.get("/"))
    assert next_banner_change() == now + datetime.timedelta(hours=1)
    with time_machine.travel(now + datetime.timedelta(hours=2)):
        assert "Road closures" in text_of(client.get("/"))
        assert next_banner_change() == now + datetime.timedelta(hours=3)
    with time_machine.travel(now + datetime.timedelta(hours=3, seconds=1)):
        assert "Road closures" not in text_of(client.get("/"))
        assert next_banner_change() is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"expires_at_0": "2020-01-01", "expires_at_1": "10:00:00"}, "The banner must be removed after it starts"),
        ({"message": ""}, "This field is required."),
        ({"expires_at_0": "", "expires_at_1": ""}, "This field is required."),
        ({"link_url": ""}, "Give both the words of the link and its address, or neither."),
        ({"casualty_bureau_number": "call us!"}, "Give the number as it is dialled"),
        ({"link_url": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_a_banner_that_cannot_be_right_is_refused_and_nothing_saved(publisher_client, overrides, message):
    response = publisher_client.post("/admin/incidents/incidentbanner/add/", banner_form(**overrides))
    assert message in text_of(response)
    assert not IncidentBanner.objects.exists()


def test_a_banner_that_has_already_expired_is_refused(publisher_client):
    past = timezone.localtime() - datetime.timedelta(hours=1)
    start = past - datetime.timedelta(hours=1)
    response = publisher_client.post(
        "/admin/incidents/incidentbanner/add/",
        banner_form(
            starts_at_0=start.strftime("%Y-%m-%d"),
            starts_at_1=start.strftime("%H:%M:%S"),
            expires_at_0=past.strftime("%Y-%m-%d"),
            expires_at_1=past.strftime("%H:%M:%S"),
        ),
    )
    assert "This time has passed, so the banner would never show" in text_of(response)


def test_only_a_publisher_raises_banners(editor_client):
    assert editor_client.get("/admin/incidents/incidentbanner/add/").status_code == 403
    assert "Incident banners" not in text_of(editor_client.get("/admin/"))


def test_ending_banners_now_keeps_each_in_history(publisher_client, client):
    first, second = IncidentBannerFactory(message="First incident."), IncidentBannerFactory(message="Second one.")
    page = publisher_client.get("/admin/incidents/incidentbanner/")
    assert "Showing now" in text_of(page)
    response = publisher_client.post(
        "/admin/incidents/incidentbanner/", {"action": "end_now", "_selected_action": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    home = text_of(client.get("/"))
    assert "First incident." not in home and "Second one." not in home
    for banner in (first, second):
        assert Version.objects.get_for_object(banner).get().revision.comment == "Ended now (bulk action)."


def test_editing_a_live_banner_changes_it_at_once(publisher_client, client):
    banner = IncidentBannerFactory(message="First words.")
    page = publisher_client.get(f"/admin/incidents/incidentbanner/{banner.pk}/change/")
    data = form_data(page, message="Better words.")
    assert publisher_client.post(f"/admin/incidents/incidentbanner/{banner.pk}/change/", data).status_code == 302
    assert "Better words." in text_of(client.get("/"))
