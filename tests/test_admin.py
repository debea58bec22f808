"""The admin as editors use it: add, change and delete every kind of content, safely."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from emsou_site.pages.models import SitePage
from emsou_site.pages.permissions import EDITORS_GROUP
from news.models import Article
from units.models import ExternalLink, Force, Unit

from .conftest import text_of

pytestmark = pytest.mark.django_db

NO_LINKS = {
    "links-TOTAL_FORMS": "0",
    "links-INITIAL_FORMS": "0",
    "links-MIN_NUM_FORMS": "0",
    "links-MAX_NUM_FORMS": "1000",
}


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def unit_form(**overrides):
    data = {
        "name": "Test Unit",
        "abbreviation": "TU",
        "slug": "test-unit",
        "summary": "A unit for testing.",
        "body": "Some **text**.",
        "parent": "",
        "forces": [Force.objects.get(slug="derbyshire").pk],
        "image_alt": "",
        "is_published": "on",
        "order": "5",
        **NO_LINKS,
    }
    data.update(overrides)
    return data


def article_form(**overrides):
    data = {
        "title": "A new article",
        "slug": "a-new-article",
        "summary": "Summary.",
        "body": "Body.",
        "status": "published",
        "published_at_0": "2026-01-02",
        "published_at_1": "10:00:00",
        "date_precision": "minute",
        "area": Force.objects.get(slug="lincolnshire").pk,
        "units": [Unit.objects.get(slug="major-crime").pk],
        "byline": "A Writer",
        "source_name": "",
        "source_url": "",
        "image_alt": "",
    }
    data.update(overrides)
    return data


def test_editors_group_has_content_permissions_only():
    perms = set(Group.objects.get(name=EDITORS_GROUP).permissions.values_list("codename", flat=True))
    for model in ["force", "unit", "externallink", "article", "sitepage"]:
        for action in ["add", "change", "delete", "view"]:
            assert f"{action}_{model}" in perms
    assert not {p for p in perms if p.endswith(("_user", "_group", "_permission"))}


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
            "links-0-url": "https://partner.example/",
            "links-0-order": "1",
        }
    )
    assert editor_client.post("/admin/units/unit/add/", data).status_code == 302
    assert ExternalLink.objects.get(unit__slug="test-unit").title == "Partner site"
    assert '<a href="https://partner.example/">Partner site</a>' in client.get("/units/test-unit/").content.decode()


def test_editor_changes_a_unit(editor_client, client):
    unit = Unit.objects.get(slug="regional-review-unit")
    data = unit_form(name=unit.name, slug=unit.slug, summary="A changed summary.", body="A changed body.")
    assert editor_client.post(f"/admin/units/unit/{unit.pk}/change/", data).status_code == 302
    assert "A changed body." in text_of(client.get(unit.get_absolute_url()))
    assert "A changed summary." in text_of(client.get("/units/"))


def test_editor_deletes_a_unit_and_can_recover_it(editor_client, client):
    call_command("createinitialrevisions", verbosity=0)  # as `make run` does after loading the seeds
    unit = Unit.objects.get(slug="dna")
    response = editor_client.post(f"/admin/units/unit/{unit.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert client.get("/units/dna/").status_code == 404
    recover = editor_client.get("/admin/units/unit/recover/")
    assert recover.status_code == 200 and "DNA" in text_of(recover)


def test_deleting_a_unit_with_teams_is_refused_with_a_reason(editor_client):
    unit = Unit.objects.get(slug="forensic-services")
    response = editor_client.post(f"/admin/units/unit/{unit.pk}/delete/", {"post": "yes"})
    assert Unit.objects.filter(slug="forensic-services").exists()
    assert "would require deleting the following protected related objects" in text_of(response)


def test_duplicate_slug_gets_a_clear_message(editor_client):
    response = editor_client.post("/admin/units/unit/add/", unit_form(slug="major-crime"))
    assert response.status_code == 200
    assert "Unit with this Slug already exists." in text_of(response)


def test_editor_adds_changes_and_deletes_an_article(editor_client, client):
    assert editor_client.post("/admin/news/article/add/", article_form()).status_code == 302
    article = Article.objects.get(slug="a-new-article")
    text = text_of(client.get("/news/a-new-article/"))
    assert "A new article" in text and "By A Writer" in text and "Lincolnshire" in text

    data = article_form(title="A renamed article")
    assert editor_client.post(f"/admin/news/article/{article.pk}/change/", data).status_code == 302
    assert "A renamed article" in text_of(client.get("/news/"))

    assert editor_client.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"}).status_code == 302
    assert client.get("/news/a-new-article/").status_code == 404


def test_draft_article_stays_off_the_public_site(editor_client, client):
    assert editor_client.post("/admin/news/article/add/", article_form(status="draft")).status_code == 302
    assert client.get("/news/a-new-article/").status_code == 404
    assert "A new article" not in text_of(client.get("/news/"))


def test_publish_action(editor_client, client):
    draft = Article.objects.create(title="Waiting", slug="waiting", summary="s", body="b")
    response = editor_client.post(
        "/admin/news/article/", {"action": "publish", "_selected_action": [draft.pk]}, follow=True
    )
    assert "Published 1 article(s)." in text_of(response)
    assert client.get("/news/waiting/").status_code == 200


def test_editor_adds_changes_and_deletes_a_force(editor_client):
    data = {"name": "Test Constabulary", "short_name": "Testshire", "slug": "testshire", "website": ""}
    assert editor_client.post("/admin/units/force/add/", data).status_code == 302
    force = Force.objects.get(slug="testshire")
    data["website"] = "https://test.example/"
    assert editor_client.post(f"/admin/units/force/{force.pk}/change/", data).status_code == 302
    assert editor_client.post(f"/admin/units/force/{force.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Force.objects.filter(slug="testshire").exists()


def test_a_force_with_articles_cannot_be_deleted(editor_client):
    force = Force.objects.get(slug="leicestershire")
    editor_client.post(f"/admin/units/force/{force.pk}/delete/", {"post": "yes"})
    assert Force.objects.filter(slug="leicestershire").exists()


def test_editor_adds_changes_and_deletes_a_site_page(editor_client, client):
    data = {"title": "Careers", "slug": "careers", "summary": "Join us.", "body": "Vacancies."}
    assert editor_client.post("/admin/pages/sitepage/add/", data).status_code == 302
    page = SitePage.objects.get(slug="careers")
    data["body"] = "No vacancies today."
    assert editor_client.post(f"/admin/pages/sitepage/{page.pk}/change/", data).status_code == 302
    assert "No vacancies today." in text_of(client.get("/careers/"))
    assert editor_client.post(f"/admin/pages/sitepage/{page.pk}/delete/", {"post": "yes"}).status_code == 302
    assert client.get("/careers/").status_code == 404


def test_core_pages_can_be_edited_but_not_deleted_or_moved(editor_client, client):
    about = SitePage.objects.get(slug="about")
    data = {"title": about.title, "slug": "moved", "summary": about.summary, "body": about.body + "\n\nAn added line."}
    assert editor_client.post(f"/admin/pages/sitepage/{about.pk}/change/", data).status_code == 302
    assert "An added line." in text_of(client.get("/about/"))
    assert SitePage.objects.get(pk=about.pk).slug == "about"
    assert editor_client.post(f"/admin/pages/sitepage/{about.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/about/").status_code == 200


def test_image_upload_is_shown_with_its_description(editor_client, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = SimpleUploadedFile("team.png", png_bytes(), content_type="image/png")
    data = unit_form(image=image, image_alt="Officers at work")
    assert editor_client.post("/admin/units/unit/add/", data).status_code == 302
    unit = Unit.objects.get(slug="test-unit")
    assert (unit.image_width, unit.image_height) == (40, 30)
    html = client.get("/units/test-unit/").content.decode()
    assert f'<img src="{unit.image.url}" alt="Officers at work" width="40" height="30"' in html


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("photo.png", b"this is not an image", "Upload a valid image"),
        ("photo.exe", png_bytes(), "File extension “exe” is not allowed"),
        ("photo.gif", b"GIF89a" + b"\x00" * 20, "Upload a valid image"),
    ],
)
def test_bad_uploads_get_a_clear_message_and_nothing_is_saved(
    editor_client, settings, tmp_path, filename, content, message
):
    settings.MEDIA_ROOT = tmp_path
    data = unit_form(image=SimpleUploadedFile(filename, content), image_alt="Something")
    response = editor_client.post("/admin/units/unit/add/", data)
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Unit.objects.filter(slug="test-unit").exists()
    assert not any(tmp_path.rglob("*.*"))


def test_image_without_description_is_refused(editor_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = unit_form(image=SimpleUploadedFile("team.png", png_bytes()), image_alt="")
    response = editor_client.post("/admin/units/unit/add/", data)
    assert response.status_code == 200
    assert "Describe the image for people who cannot see it." in text_of(response)


@pytest.mark.parametrize(
    ("limit", "value", "message"),
    [
        ("MAX_IMAGE_BYTES", 100, "the largest allowed is 100"),
        ("MAX_IMAGE_PIXELS", 1000, "200 × 200 pixels, which is too many"),
    ],
)
def test_too_big_an_image_is_refused(editor_client, settings, tmp_path, monkeypatch, limit, value, message):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(f"emsou_site.images.{limit}", value)
    data = unit_form(image=SimpleUploadedFile("team.png", png_bytes((200, 200))), image_alt="Team")
    response = editor_client.post("/admin/units/unit/add/", data)
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Unit.objects.filter(slug="test-unit").exists()


def test_admin_lists_and_searches_work(editor_client):
    for url in [
        "/admin/",
        "/admin/units/unit/?q=forensic",
        "/admin/units/force/",
        "/admin/news/article/?q=EMSOU&status__exact=published",
        "/admin/pages/sitepage/",
        "/admin/autocomplete/?app_label=news&model_name=article&field_name=units&term=maj",
    ]:
        assert editor_client.get(url).status_code == 200, url


def test_unit_list_shows_each_unit_followed_by_its_teams(editor_client):
    names = [unit.name for unit in editor_client.get("/admin/units/unit/").context["cl"].result_list]
    forensic = names.index("Forensic Services")
    assert names[forensic + 1 : forensic + 6] == [
        "Crime Scene Investigation",
        "Regional Fingerprint Bureau",
        "DNA",
        "Exhibit handling",
        "Analytical services",
    ]
    assert names[0] == "Regional Organised Crime Unit"
    assert names[1] == "Serious Organised Crime"


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
