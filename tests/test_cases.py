"""Cases and the law: active proceedings, stage changes the law allows, the legal check, custody images, and what
the public sees of a case."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reversion.models import Version

from news.legal import ACTIVE_STAGES, Stage, proceedings_active
from news.models import Article, Case

from .conftest import form_data, h1_texts, text_of
from .factories import AppealFactory, ArticleFactory, CaseFactory, HearingFactory, UnitFactory, days_ago
from .images import give_image, png_bytes

pytestmark = pytest.mark.django_db
Status = Article.Status
NOTICE = "Criminal proceedings in this case are active."


# The one rule


@pytest.mark.parametrize("warrant", [False, True])
@pytest.mark.parametrize("stage", list(Stage))
def test_proceedings_are_active_from_arrest_or_warrant_until_sentence_acquittal_or_release(stage, warrant):
    expected = stage in {Stage.ARREST, Stage.CHARGED, Stage.AWAITING_TRIAL, Stage.AT_TRIAL} or (
        warrant and stage in {Stage.INVESTIGATING, Stage.APPEAL_OPEN}
    )
    case = CaseFactory(stage=stage, warrant_issued=warrant)
    assert proceedings_active(stage, warrant) is expected
    assert case.proceedings_active is expected
    assert Case.objects.active().filter(pk=case.pk).exists() is expected  # the database asks the same question


def test_no_stage_after_a_verdict_or_sentence_is_active_even_with_a_warrant():
    for stage in (Stage.SENTENCED, Stage.ACQUITTED, Stage.CLOSED):
        assert not proceedings_active(stage, True)
    assert ACTIVE_STAGES.isdisjoint({Stage.SENTENCED, Stage.ACQUITTED, Stage.CLOSED})


# Stage changes


def change_case(client, case, **changes):
    page = client.get(f"/admin/news/case/{case.pk}/change/")
    return client.post(f"/admin/news/case/{case.pk}/change/", form_data(page, **changes))


@pytest.mark.parametrize(
    ("before", "after", "reason"),
    [
        (Stage.ARREST, Stage.SENTENCED, "Nobody can be sentenced without a charge"),
        (Stage.APPEAL_OPEN, Stage.CHARGED, "A charge follows an arrest"),
        (Stage.INVESTIGATING, Stage.AT_TRIAL, "A trial follows a charge"),
        (Stage.ARREST, Stage.ACQUITTED, "Only someone who has been charged can be acquitted"),
        (Stage.SENTENCED, Stage.INVESTIGATING, "cannot go back to investigating"),
    ],
)
def test_a_stage_change_that_skips_the_law_is_refused_with_the_reason_and_nothing_saved(
    editor_client, before, after, reason
):
    case = CaseFactory(stage=before, operation_name="Operation Kept")
    response = change_case(editor_client, case, stage=after, operation_name="Operation Changed")
    assert response.status_code == 200
    assert reason in text_of(response)
    case.refresh_from_db()
    assert (case.stage, case.operation_name) == (before, "Operation Kept")


def test_a_case_runs_from_appeal_to_sentence_and_history_keeps_each_stage(editor_client):
    case = CaseFactory(stage=Stage.APPEAL_OPEN)
    for stage in (Stage.ARREST, Stage.CHARGED, Stage.AWAITING_TRIAL, Stage.AT_TRIAL, Stage.SENTENCED, Stage.CLOSED):
        assert change_case(editor_client, case, stage=stage).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED
    comments = [v.revision.comment for v in Version.objects.get_for_object(case)]
    assert any(comment.startswith("Stage: Charged → Awaiting trial") for comment in comments)
    assert any(comment.startswith("Stage: At trial → Sentenced") for comment in comments)


def test_release_without_charge_ends_active_proceedings(editor_client):
    case = CaseFactory(stage=Stage.ARREST)
    assert change_case(editor_client, case, stage=Stage.INVESTIGATING).status_code == 302
    case.refresh_from_db()
    assert not case.proceedings_active


def test_a_new_case_may_start_at_the_stage_it_has_reached(editor_client):
    data = {
        "name": "A historic case",
        "operation_name": "",
        "stage": Stage.SENTENCED,
        "area": "",
        "units": [],
        **{f"hearings-{key}": value for key, value in {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0}.items()},
    }
    assert editor_client.post("/admin/news/case/add/", data).status_code == 302
    assert Case.objects.get(name="A historic case").stage == Stage.SENTENCED


def test_making_proceedings_active_warns_of_articles_waiting_without_a_check(editor_client):
    case = CaseFactory(stage=Stage.APPEAL_OPEN)
    ArticleFactory(case=case, title="Waiting in review", status=Status.REVIEW, published_at=None)
    response = change_case(editor_client, case, stage=Stage.ARREST)
    assert "Waiting in review" in text_of(editor_client.get(response["Location"]))


# The legal check


def article_change(client, article, **changes):
    page = client.get(f"/admin/news/article/{article.pk}/change/")
    return client.post(f"/admin/news/article/{article.pk}/change/", form_data(page, **changes))


@pytest.fixture
def charged_case():
    return CaseFactory(stage=Stage.CHARGED)


@pytest.fixture
def in_review(charged_case, editor):
    return ArticleFactory(
        case=charged_case, status=Status.REVIEW, published_at=None, last_edited_by=editor, title="Man charged"
    )


def test_the_form_reminds_the_publisher_what_not_to_publish(publisher_client, in_review):
    text = text_of(publisher_client.get(f"/admin/news/article/{in_review.pk}/change/"))
    for reminder in ["a suspect’s image or description", "previous convictions", "asserts or implies guilt"]:
        assert reminder in text
    assert "Proceedings in the case" in text and "are active (it is at “Charged”)" in text


def test_publishing_on_an_active_case_needs_a_publishers_legal_check(publisher, publisher_client, in_review, client):
    response = article_change(publisher_client, in_review, status="published")
    assert "must record a legal check" in text_of(response)
    assert client.get(in_review.get_absolute_url()).status_code == 404

    response = article_change(publisher_client, in_review, status="published", record_legal_check="on")
    assert "Say briefly what you checked" in text_of(response)

    note = "No description of the suspect; “charged with” throughout."
    response = article_change(
        publisher_client, in_review, status="published", record_legal_check="on", legal_check_note=note
    )
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert (in_review.status, in_review.legal_checked_by, in_review.legal_check_stage) == (
        Status.PUBLISHED,
        publisher,
        Stage.CHARGED,
    )
    assert in_review.legal_checked_at is not None
    latest = Version.objects.get_for_object(in_review).first()
    assert "Legal check recorded at the stage “Charged”" in latest.revision.comment
    assert latest.revision.user == publisher
    assert latest.field_dict["legal_check_note"] == note
    assert client.get(in_review.get_absolute_url()).status_code == 200


def test_a_check_covers_the_text_and_stage_it_was_made_on(publisher_client, in_review, charged_case):
    checked = {"record_legal_check": "on", "legal_check_note": "Checked."}
    assert article_change(publisher_client, in_review, **checked).status_code == 302  # checked, still in review
    charged_case.stage = Stage.AWAITING_TRIAL
    charged_case.save()
    response = article_change(publisher_client, in_review, status="published")
    assert "must record a legal check" in text_of(response)

    assert article_change(publisher_client, in_review, status="published", **checked).status_code == 302
    response = article_change(publisher_client, in_review, body="New text about the case.", publish_reason="Urgent.")
    assert "must record a legal check" in text_of(response)  # new live text needs a new check
    in_review.refresh_from_db()
    assert "New text" not in in_review.body


def test_a_checks_note_changes_only_with_a_new_check(publisher_client, in_review):
    checked = {"record_legal_check": "on", "legal_check_note": "Checked the first text."}
    assert article_change(publisher_client, in_review, **checked).status_code == 302
    response = article_change(publisher_client, in_review, legal_check_note="Rewritten afterwards.")
    assert "tick the box to record the check again" in text_of(response)
    in_review.refresh_from_db()
    assert in_review.legal_check_note == "Checked the first text."


def test_bulk_publishing_without_a_check_is_refused_and_named(publisher_client, in_review):
    response = publisher_client.post(
        "/admin/news/article/", {"action": "publish", "_selected_action": [in_review.pk]}, follow=True
    )
    assert "a legal check: Man charged" in text_of(response)
    in_review.refresh_from_db()
    assert in_review.status == Status.REVIEW


def test_an_editor_cannot_record_a_legal_check(editor_client, charged_case):
    draft = ArticleFactory(case=charged_case, draft=True)
    article_change(editor_client, draft, record_legal_check="on", legal_check_note="Forged.", status="review")
    draft.refresh_from_db()
    assert draft.legal_checked_at is None and draft.legal_check_note == ""
    assert "I have checked this text" not in text_of(editor_client.get(f"/admin/news/article/{draft.pk}/change/"))


@pytest.mark.parametrize("stage", [Stage.INVESTIGATING, Stage.SENTENCED, Stage.ACQUITTED, Stage.CLOSED])
def test_no_check_is_needed_when_proceedings_are_not_active(publisher_client, editor, stage):
    article = ArticleFactory(
        case=CaseFactory(stage=stage), status=Status.REVIEW, published_at=None, last_edited_by=editor
    )
    assert article_change(publisher_client, article, status="published").status_code == 302


# Custody images


def custody_article(case=None, **fields):
    article = ArticleFactory(case=case, status=Status.REVIEW, published_at=None, **fields)
    return give_image(article, png_bytes(), name="custody.png", image_is_custody=True, image_alt="Custody photograph")


@pytest.mark.parametrize("stage", [Stage.ARREST, Stage.CHARGED, Stage.AT_TRIAL, Stage.ACQUITTED, Stage.CLOSED])
def test_a_custody_image_is_refused_until_the_case_is_sentenced(publisher_client, editor, stage):
    article = custody_article(CaseFactory(stage=stage), last_edited_by=editor)
    checked = {"record_legal_check": "on", "legal_check_note": "Checked."}
    response = article_change(publisher_client, article, status="published", **checked)
    assert "A custody image of a person can be published only in a “wanted” appeal" in text_of(response)
    article.refresh_from_db()
    assert article.status == Status.REVIEW


def test_a_custody_image_may_go_out_once_sentenced_or_in_a_wanted_appeal(publisher_client, editor, client):
    sentenced = custody_article(CaseFactory(stage=Stage.SENTENCED), last_edited_by=editor)
    assert article_change(publisher_client, sentenced, status="published").status_code == 302
    wanted = custody_article(None, kind=Article.Kind.WANTED, reference="ref 1", last_edited_by=editor)
    assert article_change(publisher_client, wanted, status="published").status_code == 302
    no_case = custody_article(None, last_edited_by=editor)
    response = article_change(publisher_client, no_case, status="published")
    assert "It is not linked to a case." in text_of(response)


def test_bulk_publishing_a_custody_image_is_refused(publisher_client, editor):
    article = custody_article(CaseFactory(stage=Stage.INVESTIGATING), last_edited_by=editor, title="Custody too soon")
    response = publisher_client.post(
        "/admin/news/article/", {"action": "publish", "_selected_action": [article.pk]}, follow=True
    )
    assert "Custody too soon" in text_of(response)
    article.refresh_from_db()
    assert article.status == Status.REVIEW


# What the public sees


def test_articles_on_an_active_case_ask_readers_not_to_prejudice_it(client):
    case = CaseFactory(stage=Stage.APPEAL_OPEN)
    appeal = AppealFactory(case=case)
    assert NOTICE not in text_of(client.get(appeal.get_absolute_url()))
    case.stage = Stage.ARREST
    case.save()
    assert NOTICE in text_of(client.get(appeal.get_absolute_url()))  # the appeal published before the arrest too
    case.stage = Stage.SENTENCED
    case.save()
    assert NOTICE not in text_of(client.get(appeal.get_absolute_url()))


def test_a_warrant_makes_proceedings_active_before_any_arrest(client):
    wanted = AppealFactory(kind=Article.Kind.WANTED, case=CaseFactory(stage=Stage.APPEAL_OPEN, warrant_issued=True))
    assert NOTICE in text_of(client.get(wanted.get_absolute_url()))


def test_every_article_on_a_case_links_to_its_other_published_articles_in_order(client):
    case = CaseFactory(stage=Stage.CHARGED, operation_name="Operation Tide")
    first = AppealFactory(case=case, title="Appeal for witnesses", published_at=days_ago(20))
    second = ArticleFactory(case=case, title="Man arrested", published_at=days_ago(10))
    third = ArticleFactory(case=case, title="Man charged", published_at=days_ago(1))
    ArticleFactory(case=case, title="A draft about it", draft=True)
    ArticleFactory(title="Another story", published_at=days_ago(5))
    HearingFactory(case=case, date=datetime.date(2031, 3, 4), court="Leicester Crown Court", description="Trial")
    for article in (first, second, third):
        text = text_of(client.get(article.get_absolute_url()))
        timeline = text.split("The case so far")[1].split("Share this article")[0]
        assert timeline.index("Appeal for witnesses") < timeline.index("Man arrested") < timeline.index("Man charged")
        assert "A draft about it" not in text and "Another story" not in timeline
        assert f"{article.title} (this article)" in timeline
        assert "Operation Tide" in text and "Where the case stands Charged" in text
        assert "4 March 2031 : Trial, Leicester Crown Court" in text


def test_the_staff_name_of_a_case_is_never_shown_to_the_public(client):
    article = ArticleFactory(case=CaseFactory(name="Smith murder inquiry"))
    assert "Smith murder" not in client.get(article.get_absolute_url()).content.decode()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stage=st.sampled_from(list(Stage)),
    warrant=st.booleans(),
    kind=st.sampled_from(list(Article.Kind)),
    closed=st.booleans(),
    hearings=st.integers(0, 2),
    operation=st.sampled_from(["", "Operation <Tide> & “Sons”"]),
    on_case=st.integers(1, 3),
)
def test_no_state_of_a_case_makes_an_article_page_fail(
    client, stage, warrant, kind, closed, hearings, operation, on_case
):
    case = CaseFactory(stage=stage, warrant_issued=warrant, operation_name=operation, units=[UnitFactory()])
    for _ in range(hearings):
        HearingFactory(case=case)
    articles = [
        ArticleFactory(case=case, kind=kind, reference="ref 1" if kind in Article.APPEALS else "")
        for _ in range(on_case)
    ]
    if closed:
        articles[0].closed_at = timezone.now()
        articles[0].save()
    for article in articles:
        response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        assert len(h1_texts(response.content.decode())) == 1
        assert (NOTICE in text_of(response)) is case.proceedings_active
    assert client.get("/news/feed/").status_code == 200
    assert client.get("/numbers/").status_code == 200
