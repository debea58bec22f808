"""The accessibility statement reports the last `make audit`, which must describe what the tests check now."""

import datetime

import pytest

from core.accessibility import (
    ADMIN_SCREENS,
    DISPLAY_MODES,
    LIGHTHOUSE_PAGES,
    LIGHTHOUSE_TARGETS,
    PAGE_TYPES,
    VIEWPORTS,
    audit_results,
)

from .conftest import text_of
from .factories import SitePageFactory

RECORDED = audit_results()
needs_audit = pytest.mark.skipif(RECORDED is None, reason="no audit recorded: run `make audit`")


def test_an_audit_is_recorded():
    assert RECORDED is not None, "audit/results.json is missing: run `make audit` and commit it"


@needs_audit
def test_the_recorded_audit_tested_what_the_tests_test_now():
    """A change to what the tests cover makes this fail until `make audit` records a new run."""
    assert RECORDED["page_types"] == PAGE_TYPES
    assert RECORDED["viewports"] == list(VIEWPORTS)
    assert RECORDED["display_modes"] == list(DISPLAY_MODES)
    assert RECORDED["admin_screens"] == ADMIN_SCREENS
    assert list(RECORDED["lighthouse"]["pages"]) == LIGHTHOUSE_PAGES


@needs_audit
def test_the_recorded_audit_passed_every_check_and_met_every_target():
    assert RECORDED["checks"] and all(check["passed"] > 0 and check["failed"] == 0 for check in RECORDED["checks"])
    for page, scores in RECORDED["lighthouse"]["pages"].items():
        for category, target in LIGHTHOUSE_TARGETS.items():
            assert scores[category] >= target, (page, category)
    assert datetime.date.fromisoformat(RECORDED["tested_on"]) <= datetime.date.today()


@pytest.mark.django_db
@needs_audit
def test_the_statement_shows_the_recorded_results(client):
    SitePageFactory(slug="accessibility", title="Accessibility statement", body="## Compliance status\n\nPartial.")
    text = text_of(client.get("/accessibility/"))
    tested_on = datetime.date.fromisoformat(RECORDED["tested_on"])
    assert f"This website was last tested on {tested_on:%-d %B %Y}" in text
    for check in RECORDED["checks"]:
        assert f"{check['check'][0].upper()}{check['check'][1:]} Passed ({check['passed']} test" in text
    for kind in PAGE_TYPES:
        assert kind in text
    scores = RECORDED["lighthouse"]["pages"]["home page"]
    assert f"Home page: performance {scores['performance']}, accessibility {scores['accessibility']}" in text


@pytest.mark.django_db
def test_without_recorded_results_the_statement_claims_no_testing(client, settings, tmp_path):
    settings.ACCESSIBILITY_RESULTS = tmp_path / "none.json"
    SitePageFactory(slug="accessibility", title="Accessibility statement", body="Text.")
    text = text_of(client.get("/accessibility/"))
    assert "Text." in text and "last tested" not in text
