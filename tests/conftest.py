import copy
import html
import os
import re
import subprocess
import sys
import uuid
from contextlib import contextmanager
from html.parser import HTMLParser
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from core import cache as page_cache
from emsou_site.storage import media_storages
from pages.permissions import EDITORS_GROUP, PUBLISHERS_GROUP

from .servers import free_port, wait_for_port


def site_cookies():
    """Every cookie the site may set, by name: the privacy page lists each one."""
    from django.conf import settings
    from django.contrib.messages.storage.cookie import CookieStorage

    from core.preview import PREVIEW_COOKIE

    return {
        settings.AREA_COOKIE,
        settings.DISPLAY_COOKIE,
        PREVIEW_COOKIE,
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        CookieStorage.cookie_name,
    }


def make_staff(django_user_model, username, group):
    if not Group.objects.filter(name=group).exists():
        # A transactional test's flush empties the tables the data migrations filled: fill them again, the same way.
        import_module("pages.migrations.0004_editors_and_publishers").create_groups(django_apps, None)
        import_module("pages.migrations.0006_newsroom_permissions").grant(django_apps, None)
    user = django_user_model.objects.create_user(username, password=f"a-long-{username}-password", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def signed_in(user):
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def editor(db, django_user_model):
    return make_staff(django_user_model, "editor", EDITORS_GROUP)


@pytest.fixture
def editor_client(editor):
    """A signed-in editor's browser; the plain `client` fixture stays an anonymous visitor."""
    return signed_in(editor)


@pytest.fixture
def publisher(db, django_user_model):
    return make_staff(django_user_model, "publisher", PUBLISHERS_GROUP)


@pytest.fixture
def publisher_client(publisher):
    return signed_in(publisher)


@contextmanager
def running_moto():
    """moto's S3-compatible server on a free loopback port, stopped (by its pid) afterwards."""
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def s3_storages(endpoint, media_bucket="emsou-media", originals_bucket="emsou-originals"):
    """The site's own S3 configuration (emsou_site.storage), pointed at a test server; the buckets are made."""
    import boto3

    client = boto3.client(
        "s3", endpoint_url=endpoint, aws_access_key_id="test", aws_secret_access_key="test", region_name="us-east-1"
    )
    for bucket in (media_bucket, originals_bucket):
        client.create_bucket(Bucket=bucket)
    storages, _origin = media_storages(
        media_url="/media/",
        originals_root=None,
        bucket=media_bucket,
        originals_bucket=originals_bucket,
        endpoint_url=endpoint,
        region="us-east-1",
        access_key="test",
        secret_key="test",
        public_acl="public-read",
    )
    return storages, client


@pytest.fixture(scope="session")
def moto_endpoint():
    with running_moto() as endpoint:
        yield endpoint


MEDIA_ON_S3 = os.environ.get("TEST_MEDIA_STORAGE") == "s3"


@pytest.fixture(scope="session")
def suite_storages(request):
    """TEST_MEDIA_STORAGE=s3 (.ci/run's scale-out pass): every test's media on moto's S3, as in production."""
    if not MEDIA_ON_S3:
        return None
    storages, _client = s3_storages(request.getfixturevalue("moto_endpoint"))
    return storages


@pytest.fixture
def cached_pages(settings):
    """The site's page cache (core.cache) on, as in production."""
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path, suite_storages):
    """Uploads in a test go to a place of its own: folders in tmp_path, or a fresh prefix in the S3 buckets."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ORIGINALS_ROOT = tmp_path / "originals"
    storages = copy.deepcopy(settings.STORAGES)
    if suite_storages is not None:
        prefix = f"test-{uuid.uuid4().hex}"
        for alias in ("default", "originals"):
            storages[alias] = copy.deepcopy(suite_storages[alias])
            storages[alias]["OPTIONS"]["location"] = prefix
    settings.STORAGES = storages


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached (the page cache included), as a new site would."""
    cache.clear()
    page_cache.local.clear()
    yield
    cache.clear()
    page_cache.local.clear()


def h1_texts(page):
    return [re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in re.findall(r"<h1\b[^>]*>(.*?)</h1>", page, re.S)]


def text_of(response):
    """The page as a visitor reads it: tags dropped, whitespace folded, entities decoded."""
    body = response.content.decode()
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


class _FormReader(HTMLParser):
    """Collects what a browser would submit from the page's forms: named inputs, selects and textareas."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data, self._select, self._textarea, self._option = {}, None, None, None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self._add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            value = self.data[self._textarea][-1]
            self.data[self._textarea][-1] = value[1:] if value.startswith("\n") else value
            self._textarea = None


def form_data(response, **changes):
    """The page's form as a browser would post it back, with some fields changed."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    data = {name: values[0] if len(values) == 1 else values for name, values in reader.data.items()}
    data.pop("csrfmiddlewaretoken", None)
    data.update(changes)
    return data


@pytest.fixture(scope="session")
def browser():
    from .browsing import launch_browser

    yield from launch_browser()


@pytest.fixture
def page(browser):
    """A desktop page that fails the test if the browser reports a Content-Security-Policy violation."""
    from .browsing import new_page

    page = new_page(browser)
    yield page
    page.context.close()
    assert not page.csp_violations
