"""The admin as editors use it: add, change and delete every kind of content, safely."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from news.models import Article
from pages.models import SitePage
from pages.permissions import EDITORS_GROUP, PUBLISHERS_GROUP
from units.models import ExternalLink, Force, Unit

from .conftest import form_data, text_of
from .factories import ArticleFactory, ForceFactory, SitePageFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db

NO_LINKS = {
    "links-TOTAL_FORMS": "0",
    "links-INITIAL_FORMS": "0",
    "links-MIN_NUM_FORMS": "0",
    "links-MAX_NUM_FORMS": "1000",
    "reporting_routes-TOTAL_FORMS": "0",
    "reporting_routes-INITIAL_FORMS": "0",
    "reporting_routes-MIN_NUM_FORMS": "0",
    "reporting_routes-MAX_NUM_FORMS": "1000",
}


def unit_form(**overrides):
    data = {
        "name": "Test Unit",
        "abbreviation": "TU",
        "slug": "test-unit",
        "summary": "A unit for testing.",
        "body": "Some **text**.",
        "main_unit": "",
        "forces": [],
        "image_alt": "",
        "is_published": "on",
        "order": "5",
        "review_by": "2030-01-01",
        **NO_LINKS,
    }
    data.update(overrides)
    return data


def article_form(**overrides):
    data = {
        "title": "A new article",
        "slug": "a-new-article",
        "kind": "news",
        "reference": "",
        "summary": "Summary.",
        "body": "Body.",
        "status": "published",
        "published_at_0": "2026-01-02",
        "published_at_1": "10:00:00",
        "date_precision": "minute",
        "area": "",
        "case": "",
        "units": [],
        "byline": "A Writer",
        "source_name": "",
        "source_url": "",
        "image_alt": "",
        "change_notes-TOTAL_FORMS": "0",
        "change_notes-INITIAL_FORMS": "0",
        "change_notes-MIN_NUM_FORMS": "0",
        "change_notes-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


EDITORS_MAY = {
    "add_article", "change_article", "view_article",
    "add_changenote", "change_changenote", "delete_changenote", "view_changenote",
    "add_unit", "change_unit", "view_unit",
    "add_externallink", "change_externallink", "delete_externallink", "view_externallink",
    "view_force",
    "add_sitepage", "change_sitepage", "view_sitepage",
    "view_redirect", "delete_redirect",
    "add_case", "change_case", "view_case",
    "add_hearing", "change_hearing", "delete_hearing", "view_hearing",
    "add_result", "change_result", "view_result",
    "add_sentence", "change_sentence", "delete_sentence", "view_sentence",
    "add_statedfigure", "change_statedfigure", "view_statedfigure",
    "add_reportingroute", "change_reportingroute", "delete_reportingroute", "view_reportingroute",
}  # fmt: skip
PUBLISHERS_ALSO_MAY = {
    "delete_article", "publish_article", "delete_unit", "add_force", "change_force", "delete_force",
    "delete_sitepage", "add_previewlink", "view_previewlink", "delete_previewlink",
    "delete_case", "delete_result", "delete_statedfigure",
    "add_incidentbanner", "change_incidentbanner", "delete_incidentbanner", "view_incidentbanner",
}  # fmt: skip


def test_editors_and_publishers_have_least_privilege():
    def granted(name):
        return set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))

    assert granted(EDITORS_GROUP) == EDITORS_MAY
    assert granted(PUBLISHERS_GROUP) == EDITORS_MAY | PUBLISHERS_ALSO_MAY
    for name in (EDITORS_GROUP, PUBLISHERS_GROUP):
        assert not {p for p in granted(name) if p.endswith(("_user", "_group", "_permission"))}


def test_editor_cannot_manage_users(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert "Users" not in text_of(editor_client.get("/admin/"))


def test_editor_adds_a_unit_and_visitors_see_it(editor_client, client):
    response = editor_client.post("/admin/units/unit/add/", unit_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get("/units/test-unit/")
    assert page.status_code == 200
    assert "<strong>text</strong>" in page.content.decode()
    assert "Test Unit" in text_of(client.get("/units/"))


def test_editor_adds_a_unit_with_an_external_link(editor_client, client):
    data = unit_form(
        **{
            "links-TOTAL_FORMS": "1",
            "links-0-title": "Partner site",
            "links-0-url": "partner.example/",
            "links-0-order": "1",
        }
    )
    assert editor_client.post("/admin/units/unit/add/", data).status_code == 302
    assert ExternalLink.objects.get(unit__slug="test-unit").url == "https://partner.example/"
    assert '<a href="https://partner.example/">Partner site</a>' in client.get("/units/test-unit/").content.decode()


def test_editor_changes_a_unit(editor_client, client):
    unit = UnitFactory()
    data = unit_form(name=unit.name, slug=unit.slug, summary="A changed summary.", body="A changed body.")
    assert editor_client.post(f"/admin/units/unit/{unit.pk}/change/", data).status_code == 302
    assert "A changed body." in text_of(client.get(unit.get_absolute_url()))
    assert "A changed summary." in text_of(client.get("/units/"))


def test_deleting_a_unit_with_teams_is_refused_with_a_reason(publisher_client):
    team = TeamFactory()
    response = publisher_client.post(f"/admin/units/unit/{team.main_unit.pk}/delete/", {"post": "yes"})
    assert Unit.objects.filter(pk=team.main_unit.pk).exists()
    assert "would require deleting the following protected related objects" in text_of(response)


def test_duplicate_slug_gets_a_clear_message(editor_client):
    UnitFactory(slug="taken")
    response = editor_client.post("/admin/units/unit/add/", unit_form(slug="taken"))
    assert response.status_code == 200
    assert "Unit with this Web address already exists." in text_of(response)


def test_an_editor_drafts_and_a_publisher_publishes_changes_and_deletes_an_article(
    editor_client, publisher_client, client
):
    force = ForceFactory(short_name="Lincolnshire")
    data = article_form(status="review", area=force.pk, published_at_0="", published_at_1="")
    assert editor_client.post("/admin/news/article/add/", data).status_code == 302
    article = Article.objects.get(slug="a-new-article")
    assert article.status == Article.Status.REVIEW
    assert client.get("/news/a-new-article/").status_code == 404

    form = publisher_client.get(f"/admin/news/article/{article.pk}/change/")
    assert publisher_client.post(form.request["PATH_INFO"], form_data(form, status="published")).status_code == 302
    text = text_of(client.get("/news/a-new-article/"))
    assert "A new article" in text and "By A Writer" in text and "Lincolnshire" in text

    form = publisher_client.get(f"/admin/news/article/{article.pk}/change/")
    data = form_data(form, title="A renamed article", publish_reason="A correction that cannot wait.")
    assert publisher_client.post(form.request["PATH_INFO"], data).status_code == 302
    assert "A renamed article" in text_of(client.get("/news/"))

    assert editor_client.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"}).status_code == 403
    assert publisher_client.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"}).status_code == 302
    assert client.get("/news/a-new-article/").status_code == 404


def test_a_new_article_is_dated_when_it_is_published_not_when_the_form_opened(editor_client, publisher_client):
    form = editor_client.get("/admin/news/article/add/").content.decode()
    assert "value=" not in re.search(r'<input[^>]*name="published_at_0"[^>]*>', form).group(0)
    data = article_form(status="review", published_at_0="", published_at_1="")
    assert editor_client.post("/admin/news/article/add/", data).status_code == 302
    article = Article.objects.get(slug="a-new-article")
    assert article.published_at is None
    before = timezone.now()
    form = publisher_client.get(f"/admin/news/article/{article.pk}/change/")
    assert publisher_client.post(form.request["PATH_INFO"], form_data(form, status="published")).status_code == 302
    article.refresh_from_db()
    assert before <= article.published_at <= timezone.now()


def test_draft_article_stays_off_the_public_site(editor_client, client):
    assert editor_client.post("/admin/news/article/add/", article_form(status="draft")).status_code == 302
    assert client.get("/news/a-new-article/").status_code == 404
    assert "A new article" not in text_of(client.get("/news/"))


def test_article_list_shows_the_date_as_visitors_see_it(editor_client):
    ArticleFactory(
        published_at=datetime.datetime(2022, 4, 1, tzinfo=datetime.UTC), date_precision=Article.DatePrecision.YEAR
    )
    html = editor_client.get("/admin/news/article/").content.decode()
    assert '<time datetime="2022">2022</time>' in html
    assert "midnight" not in html and "1 Apr" not in html


def test_a_publisher_adds_changes_and_deletes_a_force_and_an_editor_cannot(editor_client, publisher_client):
    data = {"name": "Test Constabulary", "short_name": "Testshire", "slug": "testshire", "website": ""}
    assert editor_client.post("/admin/units/force/add/", data).status_code == 403
    assert publisher_client.post("/admin/units/force/add/", data).status_code == 302
    force = Force.objects.get(slug="testshire")
    form = publisher_client.get(f"/admin/units/force/{force.pk}/change/")
    data = form_data(form, website="test.example/")
    assert publisher_client.post(f"/admin/units/force/{force.pk}/change/", data).status_code == 302
    assert Force.objects.get(pk=force.pk).website == "https://test.example/"
    assert publisher_client.post(f"/admin/units/force/{force.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Force.objects.filter(slug="testshire").exists()


def test_a_force_with_articles_cannot_be_deleted(publisher_client):
    article = ArticleFactory(area=ForceFactory())
    publisher_client.post(f"/admin/units/force/{article.area.pk}/delete/", {"post": "yes"})
    assert Force.objects.filter(pk=article.area.pk).exists()


def test_editor_adds_and_changes_a_site_page_and_a_publisher_deletes_it(editor_client, publisher_client, client):
    data = {
        "title": "Careers",
        "slug": "careers",
        "summary": "Join us.",
        "body": "Vacancies.",
        "review_by": "2030-01-01",
    }
    assert editor_client.post("/admin/pages/sitepage/add/", data).status_code == 302
    page = SitePage.objects.get(slug="careers")
    form = editor_client.get(f"/admin/pages/sitepage/{page.pk}/change/")
    assert editor_client.post(form.request["PATH_INFO"], form_data(form, body="No vacancies today.")).status_code == 302
    assert "No vacancies today." in text_of(client.get("/careers/"))
    assert editor_client.post(f"/admin/pages/sitepage/{page.pk}/delete/", {"post": "yes"}).status_code == 403
    assert publisher_client.post(f"/admin/pages/sitepage/{page.pk}/delete/", {"post": "yes"}).status_code == 302
    assert client.get("/careers/").status_code == 404


def test_core_pages_can_be_edited_but_not_deleted_or_moved(editor_client, client):
    about = SitePageFactory(slug="about")
    data = {
        "title": about.title,
        "slug": "moved",
        "summary": about.summary,
        "body": about.body + "\n\nAn added line.",
        "review_by": "2030-01-01",
    }
    assert editor_client.post(f"/admin/pages/sitepage/{about.pk}/change/", data).status_code == 302
    assert "An added line." in text_of(client.get("/about/"))
    assert SitePage.objects.get(pk=about.pk).slug == "about"
    assert editor_client.post(f"/admin/pages/sitepage/{about.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/about/").status_code == 200


def test_admin_lists_and_searches_work(editor_client):
    UnitFactory(name="Forensic Unit")
    ArticleFactory(units=[UnitFactory(name="Major Unit")])
    for url in [
        "/admin/",
        "/admin/units/unit/?q=forensic",
        "/admin/units/force/",
        "/admin/news/article/?q=story&status__exact=published",
        "/admin/pages/sitepage/",
        "/admin/autocomplete/?app_label=news&model_name=article&field_name=units&term=maj",
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_unit_list_shows_each_unit_followed_by_its_teams(editor_client):
    first = UnitFactory(name="First", order=10)
    second = UnitFactory(name="Second", order=20)
    team_b = TeamFactory(name="B team", main_unit=first, order=2)
    team_a = TeamFactory(name="A team", main_unit=first, order=1)
    names = [unit.name for unit in editor_client.get("/admin/units/unit/").context["cl"].result_list]
    assert names == [first.name, team_a.name, team_b.name, second.name]


def test_a_huge_upload_is_refused_before_it_is_read(editor_client):
    data = unit_form(image=SimpleUploadedFile("huge.png", b"\0" * (9 * 1024 * 1024)), image_alt="Huge")
    response = editor_client.post("/admin/units/unit/add/", data)
    assert response.status_code == 413
    assert "That upload is too large" in text_of(response)
    assert not Unit.objects.filter(slug="test-unit").exists()


def test_a_malformed_upload_gets_a_400(editor_client):
    response = editor_client.generic(
        "POST",
        "/admin/units/unit/add/",
        b'--broken\r\nContent-Disposition: form-data; name="x"\r\n',
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400
