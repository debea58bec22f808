"""`make audit`: run the accessibility tests and Lighthouse, and record what they found in audit/results.json.

The accessibility statement shows that file, so what it says about testing is what the last audit found. The
results are written only when every check passed and every Lighthouse score met its target (core.accessibility);
otherwise the run fails and the file is left as it was. tests/test_statement.py fails when the file no longer
describes what the tests check, so a change to the tests needs a new audit.
"""

import datetime
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "audit" / "results.json"  # where settings.ACCESSIBILITY_RESULTS looks
WORK = Path(tempfile.mkdtemp(prefix="emsou-audit-"))
CHROMIUM = "/usr/bin/chromium"
PYTHON = sys.executable
# What the statement reports, and the tests that check it (every case of each, at every width and display option).
CHECKS = {
    "axe-core finds no problem on any kind of public page, at either width, in any display option": [
        "tests/test_browser.py::test_every_page_passes_axe_in_every_display_mode_and_never_scrolls_sideways",
        "tests/test_browser.py::test_axe_checks_target_size",
    ],
    "no page scrolls sideways: at 320 px in every display option, on a 1280 px screen zoomed to 400%, "
    "and with the browser's own text size doubled": [
        "tests/test_browser.py::test_every_page_passes_axe_in_every_display_mode_and_never_scrolls_sideways",
        "tests/test_browser.py::test_no_page_scrolls_sideways_on_a_1280px_screen_zoomed_to_400_percent",
        "tests/test_browser.py::test_browser_text_only_zoom_to_200_percent_reflows",
    ],
    "the keyboard reaches everything on every kind of page, in the order of the page, with focus always visible "
    "and never trapped, and the skip link leads to the main content": [
        "tests/test_browser.py::test_the_keyboard_reaches_everything_in_order_with_focus_visible_and_never_trapped",
        "tests/test_browser.py::test_keyboard_user_skips_to_content_and_sees_where_focus_is",
        "tests/test_browser.py::test_news_filters_work_with_the_keyboard_and_without_javascript",
        "tests/test_browser.py::test_the_header_search_works_with_the_keyboard_and_without_javascript",
    ],
    "landmarks, headings and link names of the header, the footer and an article read as reviewed": [
        "tests/test_browser.py::test_the_accessible_names_of_header_footer_and_an_article_match_the_reviewed_snapshot",
    ],
    "text size and contrast work without JavaScript, and the device's settings for more contrast, forced colours "
    "and reduced motion are followed": [
        "tests/test_browser.py::test_display_options_change_every_page_without_javascript_and_say_so",
        "tests/test_browser.py::test_the_visitors_own_settings_are_respected",
    ],
    "“Leave this site” works with a click, the keyboard or the Shift key, and as a plain link without JavaScript": [
        "tests/test_leave_site.py::test_leaving_replaces_the_page_so_back_does_not_return",
        "tests/test_leave_site.py::test_typing_capitals_does_not_leave_and_without_javascript_it_is_a_plain_link",
    ],
    "articles and unit pages print without navigation, with link addresses and the reporting numbers": [
        "tests/test_browser.py::test_printing_an_article_or_unit_keeps_its_content_link_addresses_and_the_reporting_numbers",
    ],
    "the Nu HTML Checker finds no error on any kind of public page": [
        "tests/test_html.py::test_every_kind_of_public_page_is_valid_html_in_every_display_mode",
        "tests/test_html.py::test_the_checker_finds_errors",
    ],
    "axe-core finds no problem on the admin screens editors use": [
        "tests/test_editorial_browser.py::test_every_admin_screen_we_add_to_passes_axe",
        "tests/test_editorial_browser.py::test_from_draft_to_scheduled_to_corrected_with_conflicts_caught_and_links_kept",
    ],
}


def run_tests():
    """Each check's passed and failed test cases, from a pytest run of every test the checks name."""
    report = WORK / "junit.xml"
    tests = sorted({test for each in CHECKS.values() for test in each})
    subprocess.run([PYTHON, "-m", "pytest", "-p", "no:cacheprovider", "-q", f"--junitxml={report}", *tests], cwd=ROOT)
    outcomes = {}
    for case in ElementTree.parse(report).iter("testcase"):
        module = case.get("classname").replace(".", "/") + ".py"
        function = case.get("name").split("[")[0]
        failed = any(case.find(kind) is not None for kind in ("failure", "error", "skipped"))
        outcomes.setdefault(f"{module}::{function}", []).append(not failed)
    results = []
    for check, tests in CHECKS.items():
        cases = [ok for test in tests for ok in outcomes.get(test, [])]
        missing = [test for test in tests if test not in outcomes]
        results.append({"check": check, "passed": sum(cases), "failed": len(cases) - sum(cases), "missing": missing})
    return results


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve():
    """The site as in production (DEBUG off, WhiteNoise serving collected static files), with the seed content."""
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{WORK / 'audit.sqlite3'}",
        "STATIC_ROOT": str(WORK / "static"),
        "MEDIA_ROOT": str(WORK / "media"),
        "ORIGINALS_ROOT": str(WORK / "originals"),
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    for command in (["migrate", "-v0"], ["load_content", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([*manage, "runserver", f"127.0.0.1:{port}", "--noreload"], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server, base
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("the site did not start")


def lighthouse(url, runs=3):
    """Lighthouse's four category scores (0-100) for one page, as a phone on a slow connection sees it: the median
    of several runs, as Lighthouse's own guidance on variability advises (one run swings with the machine's load)."""
    found = [lighthouse_once(url) for _ in range(runs)]
    return {category: statistics.median(run[category] for run in found) for category in found[0]}


def lighthouse_once(url):
    out = WORK / "lighthouse.json"
    command = [
        str(ROOT / "node_modules" / ".bin" / "lighthouse"),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run",
    ]
    # Lighthouse now and then fails to record a trace ("NO_NAVSTART"); such a run has no scores, so try again.
    for attempt in range(3):
        if subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}).returncode == 0:
            break
        print(f"Lighthouse failed on {url} (attempt {attempt + 1} of 3)", file=sys.stderr)
    else:
        raise SystemExit(f"Lighthouse failed three times on {url}")
    report = json.loads(out.read_text())
    return {name: round(category["score"] * 100) for name, category in report["categories"].items()}


def version(package):
    return json.loads((ROOT / "node_modules" / package / "package.json").read_text())["version"]


def main():
    from core.accessibility import (
        ADMIN_SCREENS,
        DISPLAY_MODES,
        LIGHTHOUSE_PAGES,
        LIGHTHOUSE_TARGETS,
        PAGE_TYPES,
        VIEWPORTS,
    )

    checks = run_tests()
    server, base = serve()
    try:
        pages = {  # pages of the seed content
            "home page": "/",
            "news list": "/news/",
            "news article": "/news/weekend-read-emsou/",
            "unit": "/units/forensic-services/",
        }
        assert list(pages) == LIGHTHOUSE_PAGES
        scores = {name: lighthouse(base + path) for name, path in pages.items()}
    finally:
        server.terminate()
        server.wait()

    problems = [
        f"{c['check']}: {c['failed']} failed, missing {c['missing']}"
        for c in checks
        if c["failed"] or c["missing"] or not c["passed"]
    ]
    for name, found in scores.items():
        problems += [
            f"Lighthouse {category} on the {name}: {found[category]} (target {target})"
            for category, target in LIGHTHOUSE_TARGETS.items()
            if found[category] < target
        ]
    print(json.dumps({"checks": checks, "lighthouse": scores}, indent=2))
    if problems:
        print("\nThe audit found problems; audit/results.json is unchanged:\n- " + "\n- ".join(problems))
        return 1

    chromium = re.search(r"[\d.]+", subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout
    results = {
        "tested_on": datetime.date.today().isoformat(),
        "commit": commit.strip(),
        "tools": {
            "chromium": chromium.group(0) if chromium else "",
            "axe_core": version("axe-core"),
            "vnu": version("vnu-jar"),
            "lighthouse": version("lighthouse"),
        },
        "page_types": PAGE_TYPES,
        "viewports": list(VIEWPORTS),
        "display_modes": list(DISPLAY_MODES),
        "admin_screens": ADMIN_SCREENS,
        "checks": [{"check": c["check"], "passed": c["passed"], "failed": c["failed"]} for c in checks],
        "lighthouse": {"pages": {name: {"path": pages[name], **scores[name]} for name in pages}},
    }
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nall checks passed; recorded in {RESULTS.relative_to(ROOT)}: commit it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
