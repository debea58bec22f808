"""What only a browser shows: accessibility (axe-core), keyboard use, layout, and the admin end to end."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from news.models import Article
from units.models import Unit

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="session")
def browser():
    missing = [str(path) for path in (CHROMIUM, AXE) if not path.exists()]
    if missing:
        message = f"browser tests need {', '.join(missing)}: `make test` installs them"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls here are ordinary blocking ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server):
    call_command("load_content", verbosity=0)
    return live_server.url


def csp_violations(page):
    """The Content-Security-Policy violations the page reports, as they happen."""
    found = []
    page.on("console", lambda m: m.type == "error" and "Content Security Policy" in m.text and found.append(m.text))
    return found


@pytest.fixture
def page(browser):
    """A desktop page that fails the test if the browser reports a Content-Security-Policy violation."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(path=str(AXE))  # injected by the browser itself, so the page's CSP still holds
    page = context.new_page()
    violations = csp_violations(page)
    yield page
    context.close()
    assert not violations


def public_paths():
    paths = ["/", "/units/", "/news/", "/news/?area=derbyshire", "/about/", "/accessibility/", "/privacy/"]
    paths += ["/report/", "/news/?area=atlantis", "/no-such-page/"]
    paths += [unit.get_absolute_url() for unit in Unit.objects.published()]
    paths += [article.get_absolute_url() for article in Article.objects.published()]
    return paths


def axe_violations(page):
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_passes_axe_wcag22_aa(site, page, viewport):
    page.set_viewport_size(viewport)
    failures = {}
    for path in public_paths():
        page.goto(site + path)
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert not failures, json.dumps(failures, indent=2)


def test_no_page_scrolls_sideways_on_a_320px_phone(site, page):
    page.set_viewport_size(PHONE)
    for path in public_paths():
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow}px too wide"


def test_text_can_be_enlarged_to_200_percent_without_sideways_scroll(site, page):
    page.set_viewport_size({"width": 640, "height": 800})
    for path in ["/", "/news/", "/units/forensic-services/"]:
        page.goto(site + path)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path


def test_phone_navigation_targets_are_at_least_44px(site, page):
    page.set_viewport_size(PHONE)
    page.goto(site + "/")
    for link in page.locator(".site-nav a, .report-number").all():
        box = link.bounding_box()
        assert box["height"] >= 44, (link.inner_text(), box)
        assert box["width"] >= 44, (link.inner_text(), box)


def test_keyboard_user_skips_to_content_and_sees_where_focus_is(site, page):
    page.goto(site + "/units/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box["x"] >= 0
    assert box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the first link in the content, highlighted in yellow
    assert page.evaluate("document.activeElement.closest('main') !== null")
    assert page.evaluate("getComputedStyle(document.activeElement).backgroundColor") == "rgb(255, 221, 0)"


def test_news_filters_work_with_the_keyboard_and_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site + "/news/")
    page.focus("#id_area")
    page.select_option("#id_area", "leicestershire")
    page.keyboard.press("Tab")  # to the unit filter
    page.keyboard.press("Tab")  # to the button
    page.keyboard.press("Enter")
    page.wait_for_url("**/news/?area=leicestershire*")
    assert "in Leicestershire and region-wide" in page.locator("h2.results-heading").inner_text()
    context.close()


def test_editor_publishes_an_article_in_the_admin_and_visitors_read_it(site, browser, django_user_model):
    from django.contrib.auth.models import Group

    from emsou_site.pages.permissions import EDITORS_GROUP

    editor = django_user_model.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))

    context = browser.new_context(viewport=DESKTOP)
    admin = context.new_page()
    violations = csp_violations(admin)
    admin.goto(site + "/admin/")
    admin.fill("#id_username", "editor")
    admin.fill("#id_password", "a-long-editor-password")
    admin.click("input[type=submit]")
    admin.goto(site + "/admin/news/article/add/")
    admin.locator("#id_title").press_sequentially("Browser test article")
    assert admin.input_value("#id_slug") == "browser-test-article"  # prepopulated as the editor types
    admin.fill("#id_summary", "Written in a real browser.")
    admin.fill("#id_body", "A paragraph with **emphasis**.")
    admin.check("#id_status_1")
    admin.click("input[name=_save]")
    assert "was added successfully" in admin.locator(".messagelist").inner_text()
    assert not violations  # the admin works under the same strict policy
    context.close()

    visitor = browser.new_context(viewport=PHONE).new_page()
    visitor.goto(site + "/news/")
    visitor.click("text=Browser test article")
    assert visitor.locator("h1").inner_text() == "Browser test article"
    assert visitor.locator(".prose strong").inner_text() == "emphasis"
    visitor.context.close()
