"""Review before publishing: states, roles, scheduling, expiry and withdrawal, enforced on the server."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from reversion.models import Version

from news.models import Article

from .conftest import form_data, text_of
from .factories import ArticleFactory, SitePageFactory, UnitFactory, days_ago

pytestmark = pytest.mark.django_db
Status = Article.Status


def change(browser, article, **changes):
    form = browser.get(f"/admin/news/article/{article.pk}/change/")
    return browser.post(f"/admin/news/article/{article.pk}/change/", form_data(form, **changes))


def test_an_editor_may_only_draft_and_submit(editor_client):
    article = ArticleFactory(draft=True)
    form = text_of(editor_client.get(f"/admin/news/article/{article.pk}/change/"))
    assert "In review" in form and "Withdrawn" not in form
    response = change(editor_client, article, status="published")
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    assert change(editor_client, article, status="review").status_code == 302
    article.refresh_from_db()
    assert article.status == Status.REVIEW and article.submitted_by.username == "editor"


def test_the_server_refuses_an_editors_forged_publish_and_bulk_publish(editor_client):
    article = ArticleFactory(status=Status.REVIEW)
    editor_client.post("/admin/news/article/", {"action": "publish", "_selected_action": [article.pk]})
    assert Article.objects.get(pk=article.pk).status == Status.REVIEW
    actions = editor_client.get("/admin/news/article/").context["action_form"].fields["action"].choices
    assert "publish" not in dict(actions) and "delete_selected" not in dict(actions)


def test_an_editor_cannot_change_what_is_public(editor_client, client):
    live = ArticleFactory()
    assert "Save" not in text_of(editor_client.get(f"/admin/news/article/{live.pk}/change/"))
    response = editor_client.post(f"/admin/news/article/{live.pk}/change/", {"title": "Vandalised"})
    assert response.status_code == 403
    assert Article.objects.get(pk=live.pk).title == live.title


def test_a_publisher_publishes_someone_elses_reviewed_work_without_a_reason(editor_client, publisher_client, client):
    article = ArticleFactory(draft=True, title="Appeal")
    change(editor_client, article, status="review", body="Checked text.")
    assert change(publisher_client, article, status="published").status_code == 302
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED and article.published_by.username == "publisher"
    assert client.get(article.get_absolute_url()).status_code == 200
    assert Version.objects.get_for_object(article).first().revision.comment.startswith("Published.")


def test_publishing_your_own_unreviewed_work_needs_a_recorded_reason(publisher_client):
    article = ArticleFactory(draft=True)
    response = change(publisher_client, article, status="published", body="My own words.")
    assert response.status_code == 200
    assert "Nobody else has reviewed this text" in text_of(response)
    assert Article.objects.get(pk=article.pk).status == Status.DRAFT
    response = change(publisher_client, article, status="published", body="My own words.", publish_reason="Urgent.")
    assert response.status_code == 302
    comment = Version.objects.get_for_object(article).first().revision.comment
    assert comment.startswith("Published without review, because: “Urgent.”")


def test_changing_live_text_yourself_is_unreviewed_too(publisher_client):
    article = ArticleFactory()
    assert change(publisher_client, article, body="A quiet edit.").status_code == 200
    assert change(publisher_client, article, body="A quiet edit.", publish_reason="A typo.").status_code == 302


def test_a_publisher_publishing_their_own_work_in_bulk_is_refused_and_told(publisher, publisher_client):
    own = ArticleFactory(status=Status.REVIEW, last_edited_by=publisher)
    other = ArticleFactory(status=Status.REVIEW)
    response = publisher_client.post(
        "/admin/news/article/", {"action": "publish", "_selected_action": [own.pk, other.pk]}, follow=True
    )
    assert f"Not changed, because that needs a Publisher, a reason, a review or a legal check: {own.title}" in text_of(
        response
    )
    assert Article.objects.get(pk=own.pk).status == Status.REVIEW
    assert Article.objects.get(pk=other.pk).status == Status.PUBLISHED


def test_a_scheduled_article_appears_at_its_time_and_leaves_at_its_expiry(client):
    start = timezone.now()
    article = ArticleFactory(
        published_at=start + datetime.timedelta(hours=2), expires_at=start + datetime.timedelta(hours=5)
    )
    assert client.get(article.get_absolute_url()).status_code == 404
    with time_machine.travel(start + datetime.timedelta(hours=3)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert article.title in text_of(client.get("/news/"))
    with time_machine.travel(start + datetime.timedelta(hours=6)):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 410
        assert "This article has been taken down" in text_of(response)
        assert article.title not in text_of(client.get("/news/"))


def test_withdrawing_needs_a_reason_and_the_address_then_says_so(publisher_client, client):
    article = ArticleFactory(title="Wanted: a named person")
    response = change(publisher_client, article, status="withdrawn")
    assert "Say why the article is withdrawn" in text_of(response)
    reason = "The person has been found. Thank you for sharing the appeal."
    assert change(publisher_client, article, status="withdrawn", withdrawn_reason=reason).status_code == 302
    response = client.get(article.get_absolute_url())
    assert response.status_code == 410
    text = text_of(response)
    assert "This article has been withdrawn" in text and reason in text
    assert article.title not in text  # the notice does not repeat what was taken down
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert article.title not in text_of(client.get("/news/"))


def test_the_list_shows_each_state_at_a_glance(editor, publisher_client):
    ArticleFactory(draft=True, title="A draft")
    ArticleFactory(status=Status.REVIEW, title="Waiting", submitted_by=editor, submitted_at=days_ago(0))
    ArticleFactory(title="Soon", published_at=timezone.make_aware(datetime.datetime(2099, 12, 3, 9, 0)))
    ArticleFactory(title="Out now")
    ArticleFactory(status=Status.WITHDRAWN, title="Pulled", withdrawn_reason="Ended.")
    text = text_of(publisher_client.get("/admin/news/article/"))
    assert "In review (submitted by editor, 0 minutes ago)" in text
    assert "Scheduled for 3 Dec 2099, 09:00" in text
    assert "Live" in text and "Withdrawn" in text and "Draft" in text
    filtered = text_of(publisher_client.get("/admin/news/article/?state=scheduled"))
    assert "Soon" in filtered and "Out now" not in filtered


def test_the_admin_home_shows_what_needs_attention(editor, publisher_client):
    ArticleFactory(status=Status.REVIEW, title="Waiting for a check", submitted_by=editor, submitted_at=days_ago(1))
    ArticleFactory(title="Going out later", published_at=timezone.now() + datetime.timedelta(days=2))
    UnitFactory(name="A stale unit", review_by=timezone.localdate() - datetime.timedelta(days=1))
    SitePageFactory(title="A fresh page")
    text = text_of(publisher_client.get("/admin/"))
    assert "Needs your attention" in text
    assert "Waiting for a check , submitted by editor 1 day ago" in text
    assert "Going out later , goes live" in text
    assert "A stale unit (unit), to be checked by" in text and "A fresh page" not in text


def test_an_edit_moves_the_review_date_a_year_on(editor_client):
    unit = UnitFactory(review_by=timezone.localdate() - datetime.timedelta(days=10))
    form = editor_client.get(f"/admin/units/unit/{unit.pk}/change/")
    assert editor_client.post(form.request["PATH_INFO"], form_data(form, summary="Checked.")).status_code == 302
    unit.refresh_from_db()
    assert unit.review_by == timezone.localdate() + datetime.timedelta(days=365)
