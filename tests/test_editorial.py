"""Publishing without fear: previews, preview links, readable history, edit conflicts, change notes,
addresses that never break, and an admin that explains itself."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from reversion.models import Version

from core.models import PreviewLink, Redirect
from news.models import Article

from .conftest import form_data, text_of
from .factories import ArticleFactory, ForceFactory, SitePageFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db


def open_form(browser, obj):
    opts = obj._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/change/"
    return url, browser.get(url)


# Preview


@pytest.mark.parametrize("kind", ["article", "unit", "sitepage"])
def test_preview_shows_the_unsaved_form_and_changes_nothing(editor_client, client, kind):
    obj = {
        "article": lambda: ArticleFactory(draft=True),
        "unit": UnitFactory,
        "sitepage": lambda: SitePageFactory(slug="careers"),
    }[kind]()
    url, form = open_form(editor_client, obj)
    before = type(obj).objects.get(pk=obj.pk).body
    versions = Version.objects.get_for_object(obj).count()
    response = editor_client.post(url.replace("/change/", "/preview/"), form_data(form, body="**Unsaved** words."))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<strong>Unsaved</strong> words." in html
    assert "Preview of your unsaved changes" in text_of(response)
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert type(obj).objects.get(pk=obj.pk).body == before
    assert Version.objects.get_for_object(obj).count() == versions


def test_preview_of_a_new_article_saves_nothing(editor_client):
    form = editor_client.get("/admin/news/article/add/")
    data = form_data(form, title="Not yet", slug="not-yet", summary="S.", body="Draft body.")
    response = editor_client.post("/admin/news/article/add/preview/", data)
    assert response.status_code == 200 and "Draft body." in text_of(response)
    assert not Article.objects.filter(slug="not-yet").exists()


def test_preview_of_an_invalid_form_says_what_to_fix(editor_client):
    form = editor_client.get("/admin/news/article/add/")
    response = editor_client.post("/admin/news/article/add/preview/", form_data(form, title=""))
    assert "The preview cannot be shown yet" in text_of(response)
    assert "Title: This field is required." in text_of(response)


def test_preview_is_for_staff_only(client):
    article = ArticleFactory(draft=True)
    response = client.post(f"/admin/news/article/{article.pk}/preview/", {"title": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# Preview links


def test_a_publisher_sends_a_preview_link_that_works_signed_out_until_it_expires(publisher_client, client):
    draft = ArticleFactory(draft=True, title="An appeal not yet out")
    assert client.get(draft.get_absolute_url()).status_code == 404
    response = publisher_client.post(f"/admin/news/article/{draft.pk}/preview-link/", follow=True)
    link = PreviewLink.objects.get()
    assert link.get_absolute_url() in text_of(response)
    preview = client.get(link.get_absolute_url())
    assert preview.status_code == 200
    text = text_of(preview)
    assert "An appeal not yet out" in text and "Preview, not published." in text
    assert preview["X-Robots-Tag"] == "noindex, nofollow" and preview["Cache-Control"] == "private, no-store"
    assert "<form" not in preview.content.decode().split("<main")[1]  # read-only
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=49)):
        expired = client.get(link.get_absolute_url())
        assert expired.status_code == 410 and "This preview link has expired" in text_of(expired)


def test_a_preview_link_shows_only_its_own_record_and_can_be_revoked(publisher, client):
    from core.preview import make_preview_link

    draft, other = ArticleFactory(draft=True), ArticleFactory(draft=True)
    link = make_preview_link(draft, publisher)
    assert client.get(link.get_absolute_url()).status_code == 200
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(link.get_absolute_url()[:-3] + "xx/").status_code == 404  # a forged signature
    link.delete()
    assert client.get(link.get_absolute_url()).status_code == 404


def test_editors_cannot_make_preview_links(editor_client):
    draft = ArticleFactory(draft=True)
    assert editor_client.post(f"/admin/news/article/{draft.pk}/preview-link/").status_code == 403
    assert not PreviewLink.objects.exists()


# History and conflicts


def test_two_versions_compare_as_a_word_level_diff(editor_client):
    page = SitePageFactory(slug="careers", body="The old words stay here.")
    for body in ["The old words stay here, and new ones.", "The new words stay here, and new ones."]:
        url, form = open_form(editor_client, page)
        assert editor_client.post(url, form_data(form, body=body)).status_code == 302
    *_, first, second = Version.objects.get_for_object(page).order_by("pk")
    history = editor_client.get(f"/admin/pages/sitepage/{page.pk}/history/")
    assert 'value="Compare the two chosen versions"' in history.content.decode()
    compare = editor_client.get(
        f"/admin/pages/sitepage/{page.pk}/history/compare/?version_id1={first.pk}&version_id2={second.pk}"
    )
    html = compare.content.decode()
    assert compare.status_code == 200
    assert "<del>old</del>" in html and "<ins>new</ins>" in html


def test_a_second_editors_save_is_caught_and_their_text_kept(editor_client, publisher_client, client):
    page = SitePageFactory(slug="careers", summary="Original summary.", body="Original body.")
    url, first_form = open_form(editor_client, page)
    _, second_form = open_form(publisher_client, page)
    assert editor_client.post(url, form_data(first_form, summary="The first editor's summary.")).status_code == 302

    response = publisher_client.post(url, form_data(second_form, body="The second editor's body."))
    assert response.status_code == 200
    text = text_of(response)
    assert "editor saved this site page at" in text and "Your changes are not saved yet" in text
    assert "What they changed" in text and "first editor" in text  # the diff of their summary
    assert "The second editor's body." in text  # kept in the form
    page.refresh_from_db()
    assert page.summary == "The first editor's summary." and page.body == "Original body."

    again = form_data(response, body="The second editor's body.")  # after reading, save again
    assert publisher_client.post(url, again).status_code == 302
    page.refresh_from_db()
    assert page.summary == "The first editor's summary." and page.body == "The second editor's body."


# Change notes


def test_change_notes_show_on_the_article_in_date_order(publisher_client, client):
    article = ArticleFactory()
    url, form = open_form(publisher_client, article)
    data = form_data(
        form,
        **{
            "change_notes-TOTAL_FORMS": "2",
            "change_notes-0-noted_at_0": "2026-12-04",
            "change_notes-0-noted_at_1": "10:00:00",
            "change_notes-0-text": "The suspect has been charged.",
            "change_notes-1-noted_at_0": "2026-12-01",
            "change_notes-1-noted_at_1": "09:00:00",
            "change_notes-1-text": "A second appeal was made.",
        },
    )
    assert publisher_client.post(url, data).status_code == 302
    text = text_of(client.get(article.get_absolute_url()))
    assert "Updated 1 Dec 2026 : A second appeal was made." in text
    assert text.index("1 Dec 2026") < text.index("4 Dec 2026 : The suspect has been charged.")
    saved_with = Version.objects.get_for_object(article).first().revision.version_set.all()
    assert "The suspect has been charged." in [version.object_repr for version in saved_with]


# Addresses that never break


def test_a_new_web_address_keeps_the_old_one_working_without_chains(publisher_client, editor_client, client):
    article = ArticleFactory(slug="first-address")
    for slug in ["second-address", "third-address"]:
        url, form = open_form(publisher_client, article)
        assert publisher_client.post(url, form_data(form, slug=slug, publish_reason="New title.")).status_code == 302
    for old in ["/news/first-address/", "/news/second-address/"]:
        response = client.get(old + "?utm_source=x")
        assert response.status_code == 301 and response["Location"] == "/news/third-address/?utm_source=x"
    assert Redirect.objects.count() == 2
    assert "/news/first-address/" in text_of(editor_client.get("/admin/core/redirect/"))


@pytest.mark.parametrize("kind", ["unit", "sitepage"])
def test_units_and_pages_keep_their_old_addresses_too(editor_client, client, kind):
    obj = UnitFactory(slug="old-name") if kind == "unit" else SitePageFactory(slug="old-name")
    old = obj.get_absolute_url()
    url, form = open_form(editor_client, obj)
    assert editor_client.post(url, form_data(form, slug="new-name")).status_code == 302
    obj.refresh_from_db()
    assert client.get(old)["Location"] == obj.get_absolute_url()


def test_an_old_address_never_leads_to_a_missing_page(publisher_client, client):
    article = ArticleFactory(slug="before")
    url, form = open_form(publisher_client, article)
    publisher_client.post(url, form_data(form, slug="after", publish_reason="Retitled."))
    assert client.get("/news/before/").status_code == 301
    url, form = open_form(publisher_client, article)
    publisher_client.post(url, form_data(form, status="withdrawn", withdrawn_reason="Ended."))
    assert client.get("/news/before/").status_code == 404
    publisher_client.post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"})
    assert client.get("/news/before/").status_code == 404
    assert "Nowhere" in text_of(publisher_client.get("/admin/core/redirect/"))


def test_an_editor_removes_a_redirect(editor_client, client):
    unit = UnitFactory(slug="was")
    Redirect.objects.record_move(unit, "/units/older/")
    redirect = Redirect.objects.get()
    assert editor_client.post(f"/admin/core/redirect/{redirect.pk}/delete/", {"post": "yes"}).status_code == 302
    assert client.get("/units/older/").status_code == 404


# An admin that explains itself


def test_help_texts_show_addresses_instead_of_swallowing_them(editor_client):
    text = text_of(editor_client.get("/admin/news/article/add/"))
    assert "/news/this-part/" in text and "Web address" in text and "Slug" not in text
    assert "the site never shows a day it made up" in text


def test_markdown_that_will_not_show_is_warned_about_on_save(editor_client):
    page = SitePageFactory(slug="careers")
    url, form = open_form(editor_client, page)
    body = "# A big heading\n\n![A photo](https://example.org/a.jpg)\n\n[Click](javascript:void)\n\n<div>Raw</div>"
    response = editor_client.post(url, form_data(form, body=body), follow=True)
    text = text_of(response)
    assert "Body: the public page will not show an image" in text
    assert "the link to “javascript:void”" in text and "typed HTML (<div>: use Markdown instead)" in text
    assert "a top-level heading (#)" in text
    assert SitePageFactory._meta.model.objects.get(pk=page.pk).body == body  # nothing dropped from what was typed


def test_choosers_list_units_with_their_teams_and_offer_no_delete(editor_client):
    first = UnitFactory(name="Alpha Unit", order=1)
    TeamFactory(name="Alpha Team", main_unit=first)
    UnitFactory(name="Beta Unit", order=2)
    ForceFactory()
    response = editor_client.get("/admin/news/article/add/")
    choices = [label for _, label in response.context["adminform"].form.fields["units"].choices]
    assert choices == ["Alpha Unit", "— Alpha Team (Alpha Unit)", "Beta Unit"]
    assert 'id="delete_id_area"' not in response.content.decode()
    unit_form = editor_client.get(f"/admin/units/unit/{first.pk}/change/").content.decode()
    assert 'id="delete_id_main_unit"' not in unit_form
