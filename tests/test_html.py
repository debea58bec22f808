"""Valid HTML: the Nu HTML Checker (vnu-jar, run with Debian's Java) finds no error on any kind of public page."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from core.accessibility import DISPLAY_MODES

from .every_page import STATUS, make_every_kind_of_page, public_paths

pytestmark = pytest.mark.django_db
VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_checker():
    """The java command and the checker; skipped (or, in CI, failed) when they are not installed."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        message = "the HTML checker needs Java and node_modules/vnu-jar: `make test` installs them"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return [java, "-Xss2m", "-jar", str(VNU)]


def check(files):
    """The checker's error messages for these files, by file name."""
    done = subprocess.run([*nu_checker(), "--format", "json", "--errors-only", *map(str, files)], capture_output=True)
    messages = json.loads(done.stderr or b'{"messages": []}')["messages"]
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


def test_every_kind_of_public_page_is_valid_html_in_every_display_mode(settings, tmp_path):
    settings.ROOT_URLCONF = "tests.urls"
    make_every_kind_of_page()
    client = Client(raise_request_exception=False)
    files = []
    for mode, cookie in DISPLAY_MODES.items():
        client.cookies[settings.DISPLAY_COOKIE] = cookie
        for n, (kind, path) in enumerate(public_paths().items()):
            response = client.get(path)
            assert response.status_code == STATUS.get(kind, 200), kind
            files.append(tmp_path / f"{n:02}-{mode.replace(' ', '-')}.html")
            files[-1].write_bytes(response.content)
    errors = check(files)
    assert not errors, "\n".join(errors)


def test_the_checker_finds_errors(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text('<!doctype html><html lang="en"><title>x</title><p><div>x</p><img src="a.png"></html>')
    assert any("alt" in error for error in check([broken]))
