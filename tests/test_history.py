"""Every path that changes content through the admin keeps history and loses nothing."""

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from reversion.models import Version

from news.models import Article
from units.models import Unit

from .conftest import form_data, text_of
from .factories import ArticleFactory, ExternalLinkFactory, ForceFactory, SitePageFactory, UnitFactory

pytestmark = pytest.mark.django_db


def history_comments(obj):
    return [version.revision.comment for version in Version.objects.get_for_object(obj)]


def log_messages(obj):
    return list(
        LogEntry.objects.filter(object_id=str(obj.pk), content_type__model=obj._meta.model_name).values_list(
            "action_flag", "change_message"
        )
    )


def test_editing_through_the_admin_records_a_revision_with_what_changed(editor_client):
    page = SitePageFactory(slug="careers", body="Line one.\n\nLine two.")
    form = editor_client.get(f"/admin/pages/sitepage/{page.pk}/change/")
    data = form_data(form, summary="A new summary.")
    data["body"] = data["body"].replace("\n", "\r\n")  # as browsers send a text area back
    assert editor_client.post(f"/admin/pages/sitepage/{page.pk}/change/", data).status_code == 302
    assert history_comments(page)[0] == "Changed Summary."  # the untouched body is not "changed"


@pytest.mark.parametrize(
    ("action", "start", "status", "comment"),
    [
        ("publish", Article.Status.REVIEW, Article.Status.PUBLISHED, "Published (bulk action)."),
        ("return_to_draft", Article.Status.PUBLISHED, Article.Status.DRAFT, "Returned to draft (bulk action)."),
        ("submit_for_review", Article.Status.DRAFT, Article.Status.REVIEW, "Submitted for review (bulk action)."),
    ],
)
def test_bulk_actions_record_each_article_in_history_and_recent_actions(
    publisher_client, action, start, status, comment
):
    articles = [ArticleFactory(status=start) for _ in range(2)]
    response = publisher_client.post(
        "/admin/news/article/", {"action": action, "_selected_action": [a.pk for a in articles]}, follow=True
    )
    assert ": 2 article(s)." in text_of(response)
    for article in articles:
        article.refresh_from_db()
        assert article.status == status
        assert history_comments(article) == [comment]
        assert log_messages(article) == [(CHANGE, comment)]
        revision = Version.objects.get_for_object(article).get().revision
        assert revision.user.username == "publisher"
        assert [v.object_id for v in revision.version_set.all()] == [str(article.pk)]  # one revision each
    recent = text_of(publisher_client.get("/admin/"))
    assert articles[0].title in recent


def test_bulk_publish_of_a_draft_dates_it_now(publisher_client, client):
    draft = ArticleFactory(draft=True)
    publisher_client.post("/admin/news/article/", {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.published_at is not None
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_the_delete_page_says_in_plain_words_what_is_affected(publisher_client):
    unit = UnitFactory(name="Asset Team", forces=[ForceFactory()])
    ArticleFactory(title="A story about assets", units=[unit])
    text = text_of(publisher_client.get(f"/admin/units/unit/{unit.pk}/delete/"))
    assert "“Asset Team” is linked from 1 article: “A story about assets”." in text
    assert "relationship" not in text.lower() and "_units object" not in text


def test_a_deleted_and_recovered_unit_gets_its_article_links_back(publisher_client, client):
    unit = UnitFactory(name="Asset Team", forces=[ForceFactory()])
    ExternalLinkFactory(unit=unit, title="Partner")
    story = ArticleFactory(units=[unit, UnitFactory()])
    other = ArticleFactory(units=[unit])
    assert publisher_client.post(f"/admin/units/unit/{unit.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Unit.objects.filter(pk=unit.pk).exists()
    assert story.units.count() == 1

    # Meanwhile an editor changes one of the articles: recovery must not undo that.
    story.title = "Retitled while the unit was gone"
    story.save()

    recover = publisher_client.get("/admin/units/unit/recover/")
    assert "Asset Team" in text_of(recover)
    version = Version.objects.get_deleted(Unit).get(object_id=str(unit.pk))
    form = publisher_client.get(f"/admin/units/unit/recover/{version.pk}/")
    data = form_data(form)
    response = publisher_client.post(f"/admin/units/unit/recover/{version.pk}/", data)
    assert response.status_code == 302, text_of(response)[:3000]

    unit = Unit.objects.get(pk=unit.pk)
    story.refresh_from_db()
    assert story.title == "Retitled while the unit was gone"
    assert set(story.units.all()) >= {unit} and story.units.count() == 2
    assert unit in other.units.all()
    assert unit.forces.count() == 1 and unit.links.count() == 1
    assert "Link to “Asset Team” restored when it was recovered." in history_comments(story)
    assert (CHANGE, "Link to “Asset Team” restored when it was recovered.") in log_messages(story)
    assert story.title in text_of(client.get(unit.get_absolute_url()))


def test_bulk_delete_keeps_a_final_version_of_each_record(publisher_client):
    units = [UnitFactory() for _ in range(2)]
    response = publisher_client.post(
        "/admin/units/unit/", {"action": "delete_selected", "_selected_action": [u.pk for u in units], "post": "yes"}
    )
    assert response.status_code == 302
    deleted = {v.object_id for v in Version.objects.get_deleted(Unit)}
    assert deleted == {str(u.pk) for u in units}
    for unit in units:
        assert (DELETION, "") in log_messages(unit)
