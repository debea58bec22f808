"""The editorial journey in a real browser, with axe on every admin screen it visits."""

import datetime
import re

import pytest
import time_machine
from django.utils import timezone

from core.accessibility import ADMIN_SCREENS
from news.models import Article
from pages.permissions import EDITORS_GROUP, PUBLISHERS_GROUP

from .browsing import Journey
from .conftest import make_staff
from .factories import (
    AppealFactory,
    CaseFactory,
    ForceFactory,
    HearingFactory,
    IncidentBannerFactory,
    ResultFactory,
    SitePageFactory,
    UnitFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def people(browser, live_server, django_user_model):
    ForceFactory(short_name="Nottinghamshire")
    UnitFactory(name="Major Crime")
    editor = make_staff(django_user_model, "editor", EDITORS_GROUP)
    second = make_staff(django_user_model, "second", EDITORS_GROUP)
    publisher = make_staff(django_user_model, "publisher", PUBLISHERS_GROUP)
    journeys = {}

    def journey(user=None):
        key = user.username if user else "visitor"
        journeys[key] = journeys.get(key) or Journey(browser, live_server.url, user)
        return journeys[key]

    yield editor, second, publisher, journey
    for each in journeys.values():
        each.close()


def test_from_draft_to_scheduled_to_corrected_with_conflicts_caught_and_links_kept(people):
    editor, second, publisher, journey = people

    # 1. An Editor writes a draft, previews it and submits it.
    ed = journey(editor)
    ed.open("/admin/news/article/add/")
    ed.page.locator("#id_title").press_sequentially("Appeal after a serious assault")
    assert ed.page.input_value("#id_slug") == "appeal-after-a-serious-assault"
    ed.page.fill("#id_summary", "Detectives are appealing for witnesses.")
    ed.page.fill("#id_body", "Detectives are **appealing** for witnesses.")
    with ed.page.context.expect_page() as opened:
        ed.page.click("button[name=_preview]")
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("h1").inner_text() == "Appeal after a serious assault"
    assert "Preview of your unsaved changes" in preview.locator(".preview-banner").inner_text()
    preview.close()
    assert not Article.objects.filter(slug="appeal-after-a-serious-assault").exists()
    ed.page.check("input[name=status][value=review]")
    ed.page.click("input[name=_save]")
    assert "was added successfully" in ed.page.locator(".messagelist").inner_text()
    ed.check()
    article = Article.objects.get(slug="appeal-after-a-serious-assault")
    assert article.status == Article.Status.REVIEW

    # 2. A Publisher sees it waiting, compares it, schedules it; it appears when its time comes.
    pub = journey(publisher)
    pub.open("/admin/")
    assert "submitted by editor" in pub.page.locator(".attention").inner_text()
    pub.open(f"/admin/news/article/{article.pk}/history/")
    pub.open(f"/admin/news/article/{article.pk}/change/")
    when = timezone.localtime() + datetime.timedelta(days=1)
    pub.page.check("input[name=status][value=published]")
    pub.page.fill("#id_published_at_0", when.strftime("%Y-%m-%d"))
    pub.page.fill("#id_published_at_1", when.strftime("%H:%M:%S"))
    pub.page.click("input[name=_save]")
    pub.check()
    assert f"Scheduled for {when:%-d %b %Y}" in pub.page.locator("#result_list").inner_text()
    visitor = journey()
    visitor.page.goto(visitor.site + article.get_absolute_url())
    assert visitor.page.locator("h1").inner_text() == "Page not found"
    with time_machine.travel(when + datetime.timedelta(minutes=1)):
        visitor.open(article.get_absolute_url())
        assert visitor.page.locator("h1").inner_text() == "Appeal after a serious assault"

        # 3. The Publisher edits it with a change note, compares the versions and restores the earlier one.
        pub.open(f"/admin/news/article/{article.pk}/change/")
        pub.page.fill("#id_body", "Detectives are **appealing** for witnesses. A man has been charged.")
        pub.page.fill("#id_publish_reason", "A charge was announced.")
        pub.page.click("#change_notes-group .add-row a")
        pub.page.fill("#id_change_notes-0-text", "A man has been charged.")
        pub.page.click("input[name=_save]")
        assert "was changed successfully" in pub.page.locator(".messagelist").inner_text()
        visitor.open(article.get_absolute_url())
        assert "A man has been charged." in visitor.page.locator(".change-notes").inner_text()
        pub.open(f"/admin/news/article/{article.pk}/history/")
        pub.page.click("input[value='Compare the two chosen versions']")
        pub.check()
        assert "charged" in pub.page.locator("ins").first.inner_text()
        pub.open(f"/admin/news/article/{article.pk}/history/")
        pub.page.locator("#change-history tbody th a").nth(1).click()
        pub.check()
        pub.page.fill("#id_publish_reason", "Restoring the reviewed text.")
        pub.page.click("input[name=_save]")
        article.refresh_from_db()
        assert "charged" not in article.body

        # 4. A second editor's conflicting save is caught, and their text kept.
        UnitFactory(name="Draft work")
        draft = Article.objects.create(title="Shared draft", slug="shared-draft", summary="S.", body="First words.")
        a, b = journey(editor), journey(second)
        a.open(f"/admin/news/article/{draft.pk}/change/")
        b.open(f"/admin/news/article/{draft.pk}/change/")
        a.page.fill("#id_summary", "The first editor's summary.")
        a.page.click("input[name=_save]")
        b.page.fill("#id_body", "The second editor's words.")
        b.page.click("input[name=_save]")
        b.check()
        assert "saved this article at" in b.page.locator(".errorlist.nonfield").inner_text()
        assert "first editor" in b.page.locator(".edit-conflict").inner_text()
        assert b.page.input_value("#id_body") == "The second editor's words."
        assert b.page.input_value("#id_summary") == "The first editor's summary."  # their change, kept
        b.page.click("input[name=_save]")
        draft.refresh_from_db()
        assert (draft.summary, draft.body) == ("The first editor's summary.", "The second editor's words.")

        # 5. A new web address keeps the old link working.
        pub.open(f"/admin/news/article/{article.pk}/change/")
        pub.page.fill("#id_slug", "appeal-serious-assault-nottingham")
        pub.page.fill("#id_publish_reason", "A clearer address.")
        pub.page.click("input[name=_save]")
        visitor.open("/news/appeal-after-a-serious-assault/")
        assert visitor.page.url.endswith("/news/appeal-serious-assault-nottingham/")

        # 6. A signed preview link works signed out, and not after it expires.
        pub.open(f"/admin/news/article/{draft.pk}/change/")
        pub.page.click("text=Make a preview link")
        pub.check()
        address = re.search(r"https?://\S+/preview/\S+/", pub.page.locator(".messagelist").inner_text()).group(0)
        visitor.open(address.removeprefix(visitor.site))
        assert "Preview, not published." in visitor.page.locator(".preview-banner").inner_text()
        assert visitor.page.locator("h1").inner_text() == "Shared draft"
    with time_machine.travel(when + datetime.timedelta(days=3)):
        visitor.open(address.removeprefix(visitor.site))
        assert visitor.page.locator("h1").inner_text() == "This preview link has expired"


def test_every_admin_screen_we_add_to_passes_axe(people):
    _, _, publisher, journey = people
    unit = UnitFactory(name="A unit with a team")
    team = UnitFactory(name="Its team", main_unit=unit)
    article = Article.objects.create(title="An article", slug="an-article", summary="S.", body="B.")
    long_title = "Appeal for witnesses after a serious assault near the railway station in the town centre"
    Article.objects.create(title=long_title, slug="long", summary="S.", body="B.", status=Article.Status.REVIEW)
    case = CaseFactory(units=[unit])
    HearingFactory(case=case)
    result = ResultFactory(unit=unit, case=case)
    banner = IncidentBannerFactory(unit=unit)
    appeal = AppealFactory(kind=Article.Kind.MISSING)
    page = SitePageFactory(slug="privacy", title="Privacy", needs_input="The data controller’s name.")
    screens = {
        "sign in": "/admin/login/",
        "admin home, with “Needs your attention”": "/admin/",
        "list of articles": "/admin/news/article/",
        "list of articles waiting for review": "/admin/news/article/?state=review",
        "list of open appeals": "/admin/news/article/?appeal=open",
        "new article": "/admin/news/article/add/",
        "change article": f"/admin/news/article/{article.pk}/change/",
        "article history": f"/admin/news/article/{article.pk}/history/",
        "delete article": f"/admin/news/article/{article.pk}/delete/",
        "close an appeal": f"/admin/news/article/{appeal.pk}/close/",
        "list of cases": "/admin/news/case/",
        "change case": f"/admin/news/case/{case.pk}/change/",
        "list of results": "/admin/news/result/",
        "change result": f"/admin/news/result/{result.pk}/change/",
        "new stated figure": "/admin/news/statedfigure/add/",
        "list of incident banners": "/admin/incidents/incidentbanner/",
        "change incident banner": f"/admin/incidents/incidentbanner/{banner.pk}/change/",
        "list of units": "/admin/units/unit/",
        "change unit": f"/admin/units/unit/{unit.pk}/change/",
        "change team": f"/admin/units/unit/{team.pk}/change/",
        "delete unit": f"/admin/units/unit/{unit.pk}/delete/",
        "recover deleted units": "/admin/units/unit/recover/",
        "new force": "/admin/units/force/add/",
        "list of site pages": "/admin/pages/sitepage/",
        "change site page": f"/admin/pages/sitepage/{page.pk}/change/",
        "new site page": "/admin/pages/sitepage/add/",
        "redirects": "/admin/core/redirect/",
        "preview links": "/admin/core/previewlink/",
        "change password": "/admin/password_change/",
    }
    assert list(screens) == ADMIN_SCREENS  # the statement lists what is checked
    journey().open(screens.pop("sign in"))
    pub = journey(publisher)
    for path in screens.values():
        pub.open(path)
    pub.open("/admin/")
    assert "Privacy (site page): The data controller’s name." in pub.page.locator(".attention").inner_text()
    pub.open("/admin/news/article/")
    fits = "el => el.scrollWidth <= el.clientWidth"
    assert pub.page.locator("#changelist .results").evaluate(fits)  # no column cut off at 1280 px
