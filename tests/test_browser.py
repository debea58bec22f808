"""What only a browser shows: accessibility (axe-core), keyboard use, layout, and the admin end to end."""

import datetime
import json
import os
import re
import time
from pathlib import Path

import pytest

from core.accessibility import DISPLAY_MODES, VIEWPORTS
from core.display import Display
from units.models import Force

from .browsing import AXE, DESKTOP, PHONE, axe_violations, csp_violations, new_page
from .conftest import make_staff
from .every_page import RICH_TEXT, STATUS, make_every_kind_of_page, public_paths
from .factories import ArticleFactory, ForceFactory, UnitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SNAPSHOTS = Path(__file__).parent / "snapshots" / "aria"


@pytest.fixture
def site(live_server, settings):
    settings.ROOT_URLCONF = "tests.urls"  # the site's addresses, and /fail/ for the 500 page
    make_every_kind_of_page()
    return live_server.url


@pytest.mark.parametrize("mode", DISPLAY_MODES)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_every_page_passes_axe_in_every_display_mode_and_never_scrolls_sideways(site, browser, width, mode):
    page = new_page(browser, VIEWPORTS[width], display=DISPLAY_MODES[mode], site=site)
    expected_classes = Display.from_cookie(DISPLAY_MODES[mode]).classes
    failures = {}
    for kind, path in public_paths().items():
        response = page.goto(site + path)
        assert response.status == STATUS.get(kind, 200), kind
        assert page.evaluate("document.documentElement.className") == expected_classes, kind
        violations = axe_violations(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if violations or overflow > 0:
            failures[kind] = {"path": path, "violations": violations, "too wide by": overflow}
    page.context.close()
    assert not page.csp_violations
    assert not failures, json.dumps(failures, indent=2)


def test_axe_checks_target_size(page):
    """The rule set really includes target-size: two tiny buttons side by side fail it."""
    page.set_content(
        "<!doctype html><html lang=en><title>t</title><main><h1>t</h1>"
        "<button class=a>a</button><button class=b>b</button></main>"
    )
    page.add_style_tag(content="button { width: 10px; height: 10px; padding: 0; margin: 0; border: 0; }")
    assert "target-size" in [v["rule"] for v in axe_violations(page)]


def test_no_page_scrolls_sideways_on_a_1280px_screen_zoomed_to_400_percent(site, browser):
    page = new_page(browser, {"width": 1280 // 4, "height": 900 // 4}, device_scale_factor=4)
    wide = {}
    for kind, path in public_paths().items():
        page.goto(site + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            wide[kind] = overflow
    page.context.close()
    assert not wide, f"too wide by {wide}"


def test_browser_text_only_zoom_to_200_percent_reflows(site, browser):
    """The browser's own text size setting (text-only zoom, not page zoom) at twice the usual size."""
    page = new_page(browser, {"width": 640, "height": 800}, site=site)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    for kind, path in public_paths().items():
        page.goto(site + path)
        assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == 32, kind
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), kind
    page.context.close()


def test_phone_navigation_targets_are_at_least_44px(site, page):
    page.set_viewport_size(PHONE)
    page.goto(site + "/")
    targets = ".site-nav a, .report-number, .header-search input, .header-search button, .header-options a"
    for link in page.locator(targets).all():
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


# Adds up every layout shift the page makes, as Core Web Vitals' CLS does; read with `window.layoutShift`.
LAYOUT_SHIFT_OBSERVER = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) { if (!entry.hadRecentInput) window.layoutShift += entry.value; }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize(("viewport", "chosen"), [(PHONE, "400w.webp"), (DESKTOP, "800w.webp")], ids=["320", "1280"])
def test_an_article_with_an_image_does_not_shift_as_it_loads_and_passes_axe(live_server, browser, viewport, chosen):
    from .images import encoded, give_image, photo

    article = give_image(
        ArticleFactory(title="Officers seize drugs worth a million pounds in a morning of raids", body=RICH_TEXT),
        encoded(photo((1600, 1000))),
        image_alt="Officers carrying bags of evidence out of a house",
        image_caption="Evidence leaves the house in Derby.",
        image_credit="Derbyshire Constabulary",
    )
    context = browser.new_context(viewport=viewport)
    context.add_init_script(path=str(AXE))
    context.add_init_script(script=LAYOUT_SHIFT_OBSERVER)
    page = context.new_page()
    violations = csp_violations(page)

    def late(route):
        time.sleep(0.4)  # the image arrives well after the text is laid out, as on a slow phone connection
        route.continue_()

    page.route("**/images/**", late)
    page.goto(live_server.url + article.get_absolute_url())
    image = page.locator(".figure img")
    assert image.evaluate("img => img.complete && img.naturalWidth") > 0  # goto waited for the load event
    assert image.evaluate("img => img.currentSrc").endswith(chosen)  # the copy sized for this screen
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    assert page.evaluate("window.layoutShift") == 0
    assert not axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()
    assert not violations


def test_publisher_adds_an_image_in_the_admin_and_visitors_see_it_with_its_caption(
    live_server, browser, tmp_path, django_user_model
):
    from pages.permissions import PUBLISHERS_GROUP

    from .images import gps_jpeg

    make_staff(django_user_model, "publisher", PUBLISHERS_GROUP)
    article = ArticleFactory(title="Appeal after a burglary")
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(gps_jpeg())

    context = browser.new_context(viewport=DESKTOP)
    admin = context.new_page()
    violations = csp_violations(admin)
    admin.goto(live_server.url + "/admin/")
    admin.fill("#id_username", "publisher")
    admin.fill("#id_password", "a-long-publisher-password")
    admin.click("input[type=submit]")
    admin.goto(f"{live_server.url}/admin/news/article/{article.pk}/change/")
    admin.locator("summary", has_text="Image").click()  # the collapsed section opens
    admin.set_input_files("#id_image", str(photo))
    admin.fill("#id_image_alt", "A red door with a broken lock")
    admin.fill("#id_image_caption", "The back door of the house.")
    admin.fill("#id_image_credit", "Nottinghamshire Police")
    admin.fill("#id_publish_reason", "The photo was released by the force.")
    admin.click("input[name=_continue]")
    assert "was changed successfully" in admin.locator(".messagelist").inner_text()
    admin.wait_for_load_state("load")  # images included
    assert admin.locator("img[alt='The current image']").evaluate("img => img.naturalWidth") == 400
    context.close()
    assert not violations

    visitor = browser.new_context(viewport=PHONE).new_page()
    visitor.goto(live_server.url + article.get_absolute_url())
    image = visitor.locator(".figure img")
    assert image.evaluate("img => img.complete && img.naturalWidth") > 0
    assert image.get_attribute("alt") == "A red door with a broken lock"
    assert "IMG_2041" not in visitor.content()
    assert (
        visitor.locator(".figure figcaption").inner_text()
        == "The back door of the house. Image: Nottinghamshire Police"
    )
    visitor.context.close()


def test_a_lincoln_postcode_puts_lincolnshire_news_first_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site + "/")
    page.click("text=Set your area")
    page.fill("#id_postcode", "LN2 1YL")
    page.click("text=Find my area")
    page.wait_for_url(site + "/")
    assert page.locator("#news-heading").inner_text() == "Latest news in Lincolnshire"
    assert "Your area: Lincolnshire" in page.locator(".area-banner").inner_text()
    first = page.locator("section[aria-labelledby=news-heading] .article-item .meta").first.inner_text()
    assert first.endswith("Lincolnshire")
    page.click("text=Clear area")  # one click, still without JavaScript
    assert page.locator("#news-heading").inner_text() == "Latest news"
    assert not [c for c in context.cookies() if c["name"] == "emsou_area"]
    context.close()


def test_a_district_across_a_boundary_asks_which_force_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(site + "/area/")
    page.fill("#id_postcode", "DE11 0AA")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "DE11 is in more than one police force area" in page.locator("h2.legend-heading").first.inner_text()
    page.check("#id_choice_area_1")  # Leicestershire
    page.click("form.panel button")
    page.wait_for_url(site + "/")
    assert page.locator("#news-heading").inner_text() == "Latest news in Leicestershire"
    context.close()


def test_the_header_search_works_with_the_keyboard_and_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site + "/units/")
    page.focus("#header-search-q")
    page.keyboard.type("fingerprint")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=fingerprint")
    assert page.locator(".result-title").first.inner_text() == "Regional Fingerprint Bureau"
    assert page.locator("h1").inner_text() == "Search"
    context.close()


# What the keyboard has reached: where it is in the document, whether it can be seen, and how focus shows.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  const label = el.labels && el.labels[0];
  return {
    position: Array.prototype.indexOf.call(document.querySelectorAll("*"), el),
    name: `${el.tagName.toLowerCase()} ${el.getAttribute("href") || el.name || el.id || el.textContent.trim()}`,
    seen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0
      && box.left < innerWidth,
    uncovered: hit !== null && (el.contains(hit) || hit.contains(el) || (label && label.contains(hit))),
    indicator: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2
      && style.outlineColor !== "rgba(0, 0, 0, 0)") || style.boxShadow !== "none",
  };
}"""


@pytest.mark.parametrize("mode", ["standard text", "high contrast"])
@pytest.mark.parametrize("width", VIEWPORTS)
def test_the_keyboard_reaches_everything_in_order_with_focus_visible_and_never_trapped(site, browser, width, mode):
    page = new_page(browser, VIEWPORTS[width], display=DISPLAY_MODES[mode], site=site)
    problems = {}
    for kind, path in public_paths().items():
        page.goto(site + path)
        assert (
            page.evaluate(
                "document.querySelectorAll('[tabindex]:not([tabindex^=\\'-\\']):not([tabindex=\\'0\\'])').length"
            )
            == 0
        ), kind  # no positive tabindex reorders the page
        visited, found = [], []
        for _ in range(400):
            page.keyboard.press("Tab")
            now = page.evaluate(FOCUSED)
            if now is None:
                continue  # between the end of the page and its start, focus is on the page itself
            if visited and now["position"] == visited[0]["position"]:
                break  # round again to the start: nothing held focus
            visited.append(now)
            if not (now["seen"] and now["uncovered"] and now["indicator"]):
                found.append(
                    f"{now['name']}: seen {now['seen']}, uncovered {now['uncovered']}, indicator {now['indicator']}"
                )
        else:
            found.append(f"focus never came back to the start after 400 presses of Tab: last {visited[-1]['name']}")
        positions = [each["position"] for each in visited]
        if positions != sorted(positions):
            found.append("focus does not follow the order of the page")
        if not visited or not visited[0]["name"].startswith("a #main"):
            found.append("the skip link is not the first thing the keyboard reaches")
        if found:
            problems[kind] = found
    page.context.close()
    assert not problems, json.dumps(problems, indent=2)


def normalised_aria(locator):
    """The snapshot without the test server's port, which changes from run to run (share links carry it)."""
    return re.sub(r"localhost(:|%3A)\d+", "emsou.example", locator.aria_snapshot())


def test_the_accessible_names_of_header_footer_and_an_article_match_the_reviewed_snapshot(live_server, browser):
    """Landmarks, headings and link names as a screen reader meets them. A change shows in review: run with
    UPDATE_SNAPSHOTS=1 to write the new snapshot, and commit it with the change that caused it."""
    for name in ["Derbyshire", "Leicestershire"]:
        ForceFactory(
            short_name=name, slug=name.lower(), name=f"{name} Police", website=f"https://{name.lower()}.example/"
        )
    unit = UnitFactory(name="Major Crime", slug="major-crime", abbreviation="EMSOU-MC")
    ArticleFactory(
        title="Man charged after a serious assault in Derby",
        slug="man-charged-after-a-serious-assault",
        summary="A man has been charged.",
        body=RICH_TEXT,
        byline="A Reporter",
        area=Force.objects.get(slug="derbyshire"),
        published_at=datetime.datetime(2026, 3, 14, 10, 30, tzinfo=datetime.UTC),
        units=[unit],
    )
    page = new_page(browser, DESKTOP)
    page.goto(live_server.url + "/news/man-charged-after-a-serious-assault/")
    found = {
        "header": normalised_aria(page.locator("header.site-header")),
        "footer": normalised_aria(page.locator("footer.site-footer")),
        "article": normalised_aria(page.locator("main article")),
    }
    page.context.close()
    changed = []
    for part, snapshot in found.items():
        stored = SNAPSHOTS / f"{part}.yml"
        if os.environ.get("UPDATE_SNAPSHOTS"):
            stored.write_text(snapshot + "\n")
        elif stored.read_text() != snapshot + "\n":
            changed.append(f"{part}:\n{snapshot}")
    assert not changed, "The accessible names changed; review, then UPDATE_SNAPSHOTS=1:\n" + "\n".join(changed)


def test_display_options_change_every_page_without_javascript_and_say_so(site, browser):
    page = new_page(browser, PHONE, java_script_enabled=False)
    page.goto(site + "/news/?area=derbyshire")
    assert not page.locator("#display-saved").is_visible()
    standard = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.click("text=Text size and contrast")
    page.check("#id_text_2")  # Largest
    page.check("#id_colours_1")  # High contrast
    page.click("text=Save and go back")
    page.wait_for_url(site + "/news/?area=derbyshire#display-saved")
    saved = page.locator("#display-saved")
    assert saved.is_visible() and saved.get_attribute("role") == "status"
    assert saved.inner_text() == "Your display options are saved: largest text and high contrast. Change them"
    assert saved.evaluate("el => el.getBoundingClientRect().top") >= 0  # in view as the page opens
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == standard * 1.5
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.goto(site + "/units/")
    assert page.evaluate("document.documentElement.className") == "text-largest contrast-high"
    assert not page.locator("#display-saved").is_visible()
    page.click("text=Text size and contrast")
    page.click("text=Go back to the standard display")  # one click
    page.wait_for_url(site + "/units/#display-saved")
    assert page.locator("#display-saved").inner_text().startswith("Your display options are saved: standard text size")
    assert page.evaluate("document.documentElement.className") == ""
    page.context.close()


def test_the_visitors_own_settings_are_respected(site, browser):
    page = new_page(browser, DESKTOP)
    page.goto(site + "/news/")
    muted = "getComputedStyle(document.querySelector('.meta')).color"
    assert page.evaluate(muted) == "rgb(72, 73, 73)"
    page.emulate_media(contrast="more")
    assert page.evaluate(muted) == "rgb(11, 12, 12)"  # darker grey text when the device asks for more contrast
    page.emulate_media(contrast="no-preference", forced_colors="active")
    assert not axe_violations(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"  # focus still shows
    page.emulate_media(forced_colors="none", reduced_motion="reduce")
    moving = page.evaluate(
        "Array.from(document.querySelectorAll('*')).filter(el => { const s = getComputedStyle(el);"
        " return s.animationName !== 'none' || parseFloat(s.transitionDuration) > 0; }).length"
    )
    assert moving == 0
    page.context.close()


@pytest.mark.parametrize("kind", ["news article", "unit"])
def test_printing_an_article_or_unit_keeps_its_content_link_addresses_and_the_reporting_numbers(site, browser, kind):
    page = new_page(browser, DESKTOP)
    page.goto(site + public_paths()[kind])
    page.emulate_media(media="print")
    for hidden in [".site-nav", ".header-search", ".site-footer", ".breadcrumbs", ".skip-link", ".share"]:
        assert all(not each.is_visible() for each in page.locator(hidden).all()), hidden
    assert page.locator("h1").is_visible() and page.locator(".prose").is_visible()
    after = page.evaluate("getComputedStyle(document.querySelector('.prose a'), '::after').content")
    assert after == '" (https://example.org/)"'
    printed = page.locator(".print-only").inner_text()
    assert "In an emergency call 999" in printed and "call 101" in printed
    if kind == "unit":
        assert page.locator(".report").is_visible() and "0800 555 111" in page.locator(".report").inner_text()
    page.context.close()
