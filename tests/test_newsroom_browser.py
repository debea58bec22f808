"""A press officer runs one case from appeal to result in the admin; a banner shows at once and goes at its expiry.
Every admin screen and new public page passes axe (the public ones at 320 and 1280 px) under the strict CSP."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from news.legal import Stage
from news.models import Article, Case, Result
from pages.permissions import EDITORS_GROUP, PUBLISHERS_GROUP

from .browsing import DESKTOP, PHONE, Journey, axe_violations, new_page
from .conftest import make_staff
from .factories import ForceFactory, ReportingRouteFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


class Visitor:
    """A phone and a desktop browser: each public page must pass axe on both, and not scroll sideways on the phone."""

    def __init__(self, browser, site):
        self.site = site
        self.pages = {"320": new_page(browser, PHONE), "1280": new_page(browser, DESKTOP)}
        self.failures = {}

    def open(self, path):
        for width, page in self.pages.items():
            page.goto(self.site + path)
            violations = axe_violations(page)
            if width == "320" and page.evaluate("document.documentElement.scrollWidth > innerWidth"):
                violations.append("scrolls sideways at 320 px")
            if violations:
                self.failures[f"{path} at {width} px"] = violations
        return self.pages["1280"]

    def close(self):
        for page in self.pages.values():
            page.context.close()
            assert not page.csp_violations, page.csp_violations
        assert not self.failures, self.failures


@pytest.fixture
def newsroom(browser, live_server, django_user_model):
    ForceFactory(short_name="Leicestershire")
    unit = UnitFactory(name="Major Crime")
    ReportingRouteFactory(unit=unit, route="101", order=1)
    ReportingRouteFactory(unit=unit, route="crimestoppers", order=2)
    editor = make_staff(django_user_model, "editor", EDITORS_GROUP)
    publisher = make_staff(django_user_model, "publisher", PUBLISHERS_GROUP)
    ed, pub, visitor = Journey(browser, live_server.url, editor), Journey(browser, live_server.url, publisher), None
    visitor = Visitor(browser, live_server.url)
    yield unit, ed, pub, visitor
    for each in (ed, pub, visitor):
        each.close()


def save(journey):
    journey.page.click("input[name=_save]")
    journey.check()


def set_stage(pub, case, stage):
    pub.open(f"/admin/news/case/{case.pk}/change/")
    pub.page.check(f"input[name=stage][value={stage}]")
    save(pub)


def write_article(ed, title, case, kind="news", reference=""):
    case.refresh_from_db()
    ed.open("/admin/news/article/add/")
    ed.page.fill("#id_title", title)
    ed.page.check(f"input[name=kind][value={kind}]")
    ed.page.fill("#id_reference", reference)
    ed.page.fill("#id_summary", f"{title}.")
    ed.page.fill("#id_body", f"{title}. Detectives are working on the case.")
    ed.page.select_option("#id_case", label=f"{case.name} ({case.get_stage_display()})")
    ed.page.check("input[name=units] >> nth=0")
    ed.page.check("input[name=status][value=review]")
    save(ed)
    assert ed.page.locator(".errorlist").count() == 0, ed.page.locator(".errorlist").all_inner_texts()
    assert "was added successfully" in ed.page.locator(".messagelist").inner_text()
    return Article.objects.get(title=title)


def publish(pub, article, legal_check=""):
    pub.open(f"/admin/news/article/{article.pk}/change/")
    pub.page.check("input[name=status][value=published]")
    if legal_check:
        pub.page.check("#id_record_legal_check")
        pub.page.fill("#id_legal_check_note", legal_check)
    save(pub)


def test_a_case_from_appeal_to_result_and_a_banner_that_comes_and_goes(newsroom):
    unit, ed, pub, visitor = newsroom

    # 1. A Publisher opens the case at "Appeal open".
    pub.open("/admin/news/case/add/")
    pub.page.fill("#id_name", "Harbour Street assault")
    pub.page.fill("#id_operation_name", "Operation Lantern")
    pub.page.check("input[name=stage][value=appeal]")
    pub.page.check("input[name=units] >> nth=0")
    save(pub)
    case = Case.objects.get(name="Harbour Street assault")

    # 2. An Editor writes the appeal; the Publisher publishes it (proceedings are not active: no check needed).
    appeal = write_article(ed, "Appeal after an assault on Harbour Street", case, "appeal", "incident 77 of 2 May")
    publish(pub, appeal)
    page = visitor.open(appeal.get_absolute_url())
    assert "Call 101, quoting reference incident 77 of 2 May" in page.locator(".respond").inner_text()

    # 3. An arrest; the law refuses "Sentenced" before a charge, and the form says why.
    set_stage(pub, case, Stage.ARREST)
    set_stage(pub, case, Stage.SENTENCED)
    assert "Nobody can be sentenced without a charge" in pub.page.locator(".errorlist").first.inner_text()
    case.refresh_from_db()
    assert case.stage == Stage.ARREST
    set_stage(pub, case, Stage.CHARGED)

    # 4. The charge is reported: publishing needs the Publisher's legal check, which History keeps.
    charged = write_article(ed, "Man charged after Harbour Street assault", case)
    publish(pub, charged)
    assert "must record a legal check" in pub.page.locator(".errorlist").first.inner_text()
    publish(pub, charged, legal_check="No description of the man; “charged with” throughout.")
    charged.refresh_from_db()
    assert charged.status == Article.Status.PUBLISHED and charged.legal_checked_at is not None
    pub.open(f"/admin/news/article/{charged.pk}/history/")
    assert "Legal check recorded" in pub.page.locator("#change-history").inner_text()
    page = visitor.open(charged.get_absolute_url())
    assert "Criminal proceedings in this case are active" in page.locator(".legal-notice").inner_text()
    timeline = page.locator(".timeline").inner_text()
    assert timeline.index("Appeal after an assault") < timeline.index("Man charged after")

    # 5. The appeal has done its work: the Publisher closes it.
    pub.open(f"/admin/news/article/{appeal.pk}/change/")
    pub.page.click("text=Close this appeal")
    pub.check()
    pub.page.click("input[value='Close the appeal']")
    pub.check()
    page = visitor.open(appeal.get_absolute_url())
    assert "Update: this appeal is closed. Thank you for sharing it." in page.locator(".appeal-closed").inner_text()
    assert page.locator(".respond").count() == 0

    # 6. Trial and sentence; the result is recorded as data and adds itself up.
    for stage in (Stage.AWAITING_TRIAL, Stage.AT_TRIAL, Stage.SENTENCED):
        set_stage(pub, case, stage)
    sentenced = write_article(ed, "Man jailed for Harbour Street assault", case, "result")
    publish(pub, sentenced)
    ed.open("/admin/news/result/add/")
    ed.page.fill("#id_title", "Man jailed for six years for an assault")
    ed.page.select_option("#id_unit", label="Major Crime")
    ed.page.select_option("#id_case", label="Harbour Street assault (Sentenced)")
    ed.page.select_option("#id_article", label="Man jailed for Harbour Street assault")
    ed.page.fill("#id_date", "2026-03-02")
    ed.page.fill("#id_people_convicted", "1")
    ed.page.click("#sentences-group .add-row a")
    ed.page.fill("#id_sentences-0-years", "6")
    save(ed)
    assert Result.objects.get().sentences.get().years == 6
    page = visitor.open("/numbers/")
    assert "6 years" in page.locator(".totals").inner_text()
    assert page.locator("svg.chart-svg title").first.text_content().startswith("Years in custody")
    page = visitor.open(unit.get_absolute_url())
    assert "Major Crime in numbers" in page.locator(".record").inner_text()
    report = page.locator(".report").inner_text()
    assert report.index("101") < report.index("Crimestoppers") < report.index("Other ways to report")
    visitor.open(sentenced.get_absolute_url())

    # 7. A major incident: the banner shows on the next page anyone opens, and leaves at its expiry.
    expiry = timezone.localtime() + datetime.timedelta(hours=2)
    pub.open("/admin/incidents/incidentbanner/add/")
    pub.page.fill("#id_message", "A major incident has been declared near Harbour Street. Avoid the area.")
    pub.page.fill("#id_casualty_bureau_number", "0800 000 1234")
    pub.page.fill("#id_expires_at_0", expiry.strftime("%Y-%m-%d"))
    pub.page.fill("#id_expires_at_1", expiry.strftime("%H:%M:%S"))
    save(pub)
    page = visitor.open("/")
    assert "Avoid the area." in page.locator(".incident-banner").inner_text()
    visitor.open(unit.get_absolute_url())
    with time_machine.travel(expiry + datetime.timedelta(seconds=1)):
        page = visitor.open("/")
        assert page.locator(".incident-banner").count() == 0
