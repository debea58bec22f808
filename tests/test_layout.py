"""The house rule, checked: dependencies run one way, so the project has no import cycle.

emsou_site (configuration) may import every app; search may import pages, news and units; pages may import
news and units; news may import units; incidents may import units; every app may import core; core imports no app.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PROJECT = {"emsou_site", "core", "units", "news", "incidents", "pages", "search"}
ALLOWED = {
    "core": set(),
    "units": {"core"},
    "news": {"core", "units"},
    "incidents": {"core", "units"},
    "pages": {"core", "units", "news"},
    "search": {"core", "units", "news", "pages"},
}


def imported_packages(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        yield from (name.split(".")[0] for name in names)


@pytest.mark.parametrize("app", ALLOWED)
def test_each_app_imports_only_what_the_layout_allows(app):
    wrong = {
        f"{path.relative_to(ROOT)} imports {package}"
        for path in (ROOT / app).rglob("*.py")
        for package in imported_packages(path)
        if package in PROJECT and package != app and package not in ALLOWED[app]
    }
    assert not wrong


def test_every_app_is_a_top_level_folder_and_the_project_package_holds_no_app():
    apps = {name.split(".")[0] for name in settings.INSTALLED_APPS if name.split(".")[0] in PROJECT}
    assert apps == set(ALLOWED)
    assert not list((ROOT / "emsou_site").rglob("models.py"))
