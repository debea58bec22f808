"""Shared by the browser tests: Debian's Chromium through Playwright, axe-core, and the strict-CSP listener."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings

from core.accessibility import AXE_RULES, AXE_TAGS, VIEWPORTS

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
PHONE = VIEWPORTS["320 px"]
DESKTOP = VIEWPORTS["1280 px"]


def launch_browser():
    """Debian's Chromium, driven by Playwright; skipped (or, in CI, failed) when it is not installed."""
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


def new_page(browser, viewport=DESKTOP, display="", site="", **options):
    """A page with axe-core injected by the browser itself (so the page's CSP still holds) and a list that
    collects any Content-Security-Policy violation it reports; `display` is the visitor's display options
    cookie on `site`."""
    context = browser.new_context(viewport=viewport, **options)
    if display:
        context.add_cookies([{"name": settings.DISPLAY_COOKIE, "value": display, "url": site}])
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.csp_violations = csp_violations(page)
    # Public pages may be kept by a browser for a few seconds (Cache-Control: max-age=10); tests move faster
    # than that (and move the server's clock), and must see each page as the server serves it.
    devtools = context.new_cdp_session(page)
    devtools.send("Network.enable")
    devtools.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return page


def csp_violations(page):
    """The Content-Security-Policy violations the page reports, as they happen."""
    found = []
    page.on(
        "console",
        lambda m: m.type == "error" and "Content Security Policy" in m.text and found.append(f"{page.url}: {m.text}"),
    )
    return found


def axe_violations(page):
    reported = getattr(page, "csp_violations", [])
    before = len(reported)
    result = page.evaluate(
        "([tags, rules]) => axe.run(document, "
        "{runOnly: {type: 'tag', values: tags}, rules, resultTypes: ['violations']})",
        [AXE_TAGS, AXE_RULES],
    )
    del reported[before:]  # axe's own probes set inline styles; only the site's own violations count
    return [
        {"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


class Journey:
    """One person's browser, signed in to the admin; every screen it opens must pass axe and the CSP."""

    def __init__(self, browser, site, user=None):
        self.site = site
        self.page = new_page(browser)
        self.screens = {}
        if user:
            self.open("/admin/login/")
            self.page.fill("#id_username", user.username)
            self.page.fill("#id_password", f"a-long-{user.username}-password")
            self.page.click("input[type=submit]")

    def open(self, path):
        self.page.goto(self.site + path)
        self.check()

    def check(self):
        self.page.wait_for_load_state()
        violations = axe_violations(self.page)
        if violations:
            self.screens[self.page.url] = violations

    def close(self):
        self.page.context.close()
        assert not self.page.csp_violations, self.page.csp_violations
        assert not self.screens, json.dumps(self.screens, indent=2)
