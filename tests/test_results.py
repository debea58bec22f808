"""Results as data: recorded in the admin with clear refusals, shown on their article, and added up on the numbers
page and each unit's page, with an accessible chart and the table beside it."""

import datetime
import re
from decimal import Decimal

import pytest
from reversion.models import Version

from news.legal import Stage
from news.models import Article, Result
from news.numbers import duration, pounds

from .conftest import form_data, text_of
from .factories import ArticleFactory, CaseFactory, ResultFactory, StatedFigureFactory, TeamFactory, UnitFactory

pytestmark = pytest.mark.django_db

NO_SENTENCES = {
    "sentences-TOTAL_FORMS": "0",
    "sentences-INITIAL_FORMS": "0",
    "sentences-MIN_NUM_FORMS": "0",
    "sentences-MAX_NUM_FORMS": "1000",
}


def result_form(unit, reporter, sentences=(), **overrides):
    data = {
        "title": "Drug dealer jailed",
        "slug": "drug-dealer-jailed",
        "unit": unit.pk,
        "case": "",
        "article": reporter.pk,
        "date": "2025-03-14",
        "date_precision": "day",
        "people_convicted": "1",
        "confiscated": "",
        "forfeited": "",
        **NO_SENTENCES,
        "sentences-TOTAL_FORMS": str(len(sentences)),
    }
    for index, sentence in enumerate(sentences):
        data.update({f"sentences-{index}-{key}": value for key, value in sentence.items()})
    data.update(overrides)
    return data


@pytest.fixture
def reported():
    return UnitFactory(name="Serious Crime"), ArticleFactory(kind=Article.Kind.RESULT, title="Dealer jailed")


def test_an_editor_records_a_result_with_its_sentences_and_history_keeps_it(editor_client, client, reported):
    unit, article = reported
    sentences = [{"person": "1", "years": "7", "months": "6"}]
    response = editor_client.post("/admin/news/result/add/", result_form(unit, article, sentences))
    assert response.status_code == 302, text_of(response)[:3000]
    result = Result.objects.get()
    assert [(s.years, s.months, s.life, s.suspended) for s in result.sentences.all()] == [(7, 6, False, False)]
    version = Version.objects.get_for_object(result).get()
    assert {v.object_repr for v in version.revision.version_set.all()} == {"Drug dealer jailed", "7 years and 6 months"}
    page = text_of(client.get(article.get_absolute_url()))
    assert "The outcome" in page and "7 years and 6 months" in page and "14 March 2025" in page


@pytest.mark.parametrize(
    ("overrides", "sentences", "message"),
    [
        ({"date": ""}, [], "Give the date of the result."),
        ({}, [{"person": "1", "years": "-3", "months": "0"}], "A sentence cannot be negative."),
        ({}, [{"person": "1", "years": "0", "months": "-1"}], "A sentence cannot be negative."),
        ({"people_convicted": "-1"}, [], "The number of people convicted cannot be negative."),
        ({"forfeited": "-5"}, [], "A sum cannot be negative."),
        ({"article": ""}, [], "Link the result to its case, or to the article that reports it"),
        ({"people_convicted": "0"}, [], "Record the outcome"),
        (
            {},
            [{"person": "2", "years": "3", "months": "0"}],
            "There is a sentence for person 2, but 1 people convicted",
        ),
        ({}, [{"person": "1", "years": "0", "months": "0", "life": "on"}], "Give the length of the sentence"),
        ({}, [{"person": "1", "years": "20", "life": "on", "suspended": "on"}], "A life sentence cannot be suspended."),
        ({}, [{"person": "1", "years": "3", "suspended": "on"}], "A suspended sentence is at most two years."),
        ({}, [{"person": "1", "years": "2", "months": "12"}], "Give 12 months or more as years and months."),
    ],
)
def test_a_result_that_cannot_be_right_is_refused_with_a_clear_message(
    editor_client, reported, overrides, sentences, message
):
    unit, article = reported
    sentences = [{"years": "0", "months": "0", **sentence} for sentence in sentences]
    response = editor_client.post("/admin/news/result/add/", result_form(unit, article, sentences, **overrides))
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Result.objects.exists()


def test_durations_and_sums_read_as_words():
    assert [duration(m) for m in (0, 1, 12, 18, 24 * 12 + 11)] == [
        "none",
        "1 month",
        "1 year",
        "1 year and 6 months",
        "24 years and 11 months",
    ]
    assert [pounds(v) for v in (Decimal("13000"), Decimal("1234.5"), 0, None)] == ["£13,000", "£1,234.50", "£0", "£0"]


@pytest.fixture
def record():
    """Results in two years across two units (one through its team), plus results the public must not count."""
    unit = UnitFactory(name="Major Crime")
    team = TeamFactory(name="Cold Case Team", main_unit=unit)
    other = UnitFactory(name="Asset Recovery")
    ResultFactory(
        unit=unit,
        title="Two jailed for a shooting",
        date=datetime.date(2024, 2, 3),
        people_convicted=2,
        sentences=[(5, 6), {"years": 1, "months": 6, "suspended": True}],
        confiscated=Decimal("10000.50"),
    )
    ResultFactory(
        unit=team,
        title="Cold case murderer jailed",
        date=datetime.date(2025, 9, 1),
        date_precision=Result.DatePrecision.MONTH,
        sentences=[{"years": 20, "life": True}],
    )
    ResultFactory(
        unit=other,
        title="Cash forfeited",
        date=datetime.date(2025, 5, 7),
        date_precision=Result.DatePrecision.REPORTED,
        people_convicted=0,
        sentences=[],
        forfeited=Decimal("2500"),
    )
    ResultFactory(unit=unit, title="Not yet public", article=ArticleFactory(draft=True), sentences=[(10, 0)])
    ResultFactory(unit=UnitFactory(is_published=False), title="Hidden unit's result", sentences=[(9, 0)])
    StatedFigureFactory(figure="999 people", description="jailed, says a source", unit=unit, source_name="A source")
    return unit, team, other


def test_the_numbers_page_adds_up_published_results_by_year_and_unit(client, record):
    text = text_of(client.get("/numbers/"))
    totals = text.split("Results ", 1)[1]
    assert totals.startswith("3 People convicted 3 Time in custody 25 years and 6 months")
    assert "Recovered through confiscation and forfeiture £12,500.50" in totals
    assert "2025 * 2 1 20 years £2,500" in text  # the year and month known, and one known only as reported
    assert "2024 1 2 5 years and 6 months £10,000.50" in text
    assert "Major Crime 2 3 25 years and 6 months £10,000.50" in text  # its team's result counts for it
    assert "Asset Recovery * 1 0 none £2,500" in text
    assert "Not yet public" not in text and "Hidden unit" not in text and "10 years" not in text
    assert "Life sentences count as their minimum term; suspended sentences (1) are not counted" in text
    assert "999 people jailed, says a source April 2019 to March 2020, Major Crime. Source: A source" in text
    assert "Reported in May 2025" in text and "September 2025" in text and "3 February 2024" in text


def test_the_chart_is_an_svg_with_its_words_and_the_table_beside_it(client, record):
    html = client.get("/numbers/").content.decode()
    chart = re.search(r'<svg class="chart-svg" role="img" aria-labelledby="custody-title".*?</svg>', html, re.S).group(
        0
    )
    assert (
        '<title id="custody-title">Years in custody, by the year of the result: 2025: 20 years; 2024: 5 years' in chart
    )
    assert re.findall(r'<rect class="chart-bar" x="0" y="\d+" width="([\d.]+%)"', chart) == ["100.00%", "27.50%"]
    assert "style=" not in chart and not re.search(r'<script(?! type="application/ld\+json")', html)
    assert '<table class="figures">' in html and "<caption" in html


def test_a_unit_page_shows_its_own_record_and_its_teams(client, record):
    unit, team, other = record
    text = text_of(client.get(unit.get_absolute_url()))
    assert "Major Crime in numbers" in text
    assert "Results 2 People convicted 3 Time in custody 25 years and 6 months" in text
    assert "999 people jailed, says a source" in text
    assert "Results 1 People convicted 1 Time in custody 20 years" in text_of(client.get(team.get_absolute_url()))
    assert "Recovered through confiscation and forfeiture £2,500" in text_of(client.get(other.get_absolute_url()))
    assert "Quiet Unit in numbers" not in text_of(client.get(UnitFactory(name="Quiet Unit").get_absolute_url()))


def test_a_result_recorded_on_a_case_counts_once_an_article_about_the_case_is_public(client):
    case = CaseFactory(stage=Stage.SENTENCED)
    ResultFactory(article=None, case=case, title="Recorded on the case", sentences=[(4, 0)])
    draft = ArticleFactory(case=case, draft=True)
    assert "Recorded on the case" not in text_of(client.get("/numbers/"))
    draft.status, draft.published_at = Article.Status.PUBLISHED, None
    draft.save()
    assert "Recorded on the case" in text_of(client.get("/numbers/"))


def test_each_kind_of_sentence_reads_plainly_on_its_article(client):
    result = ResultFactory(
        people_convicted=3,
        sentences=[{"years": 32, "life": True}, {"years": 1, "months": 6, "suspended": True}, (0, 1)],
    )
    text = text_of(client.get(result.article.get_absolute_url()))
    assert "Person 1: Life, with a minimum term of 32 years" in text
    assert "Person 2: 1 year and 6 months, suspended" in text
    assert "Person 3: 1 month" in text


def test_with_no_results_the_numbers_page_says_so(client):
    assert "No results have been published on this website yet." in text_of(client.get("/numbers/"))


def test_a_deleted_result_comes_back_from_history_with_its_sentences(publisher_client, client):
    result = ResultFactory(title="Gang jailed", people_convicted=2, sentences=[(4, 0), (6, 0)])
    assert "Gang jailed" in text_of(client.get("/numbers/"))
    assert publisher_client.post(f"/admin/news/result/{result.pk}/delete/", {"post": "yes"}).status_code == 302
    assert "Gang jailed" not in text_of(client.get("/numbers/"))
    version = Version.objects.get_deleted(Result).get(object_id=str(result.pk))
    form = publisher_client.get(f"/admin/news/result/recover/{version.pk}/")
    response = publisher_client.post(f"/admin/news/result/recover/{version.pk}/", form_data(form))
    assert response.status_code == 302, text_of(response)[:2000]
    assert sorted(Result.objects.get(pk=result.pk).sentences.values_list("years", flat=True)) == [4, 6]
    assert "Time in custody 10 years" in text_of(client.get("/numbers/"))


def test_editors_cannot_delete_results_or_cases(editor_client):
    result = ResultFactory(case=CaseFactory())
    assert editor_client.post(f"/admin/news/result/{result.pk}/delete/", {"post": "yes"}).status_code == 403
    assert editor_client.post(f"/admin/news/case/{result.case.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Result.objects.filter(pk=result.pk).exists()
