"""Hardening: sign-in throttling, the admin's address, headers, methods, the CSRF page, logs and errors."""

import json
import logging
import os
import subprocess
import sys

import pytest
from axes.models import AccessAttempt
from django.test import Client

from core.logs import JsonFormatter

from .conftest import text_of
from .factories import ArticleFactory, SitePageFactory, UnitFactory
from .servers import ROOT, STRONG_KEY

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "a-long-editor-password"


def sign_in(username, password, ip="203.0.113.5"):
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)
    return client, response


def signed_in(client):
    return client.get("/admin/").status_code == 200


def test_repeated_failures_pause_sign_in_for_that_username_from_that_address(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _client, response = sign_in("editor", "wrong password")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in text_of(response)
    _client, response = sign_in("editor", "wrong password")
    assert response.status_code == 429
    client, response = sign_in("editor", PASSWORD)
    assert response.status_code == 429
    assert "Signing in is paused" in text_of(response)
    assert not signed_in(client)
    client, _response = sign_in("editor", PASSWORD, ip="198.51.100.7")  # the editor, from their own office
    assert signed_in(client)


def test_the_pause_looks_the_same_whether_or_not_the_username_exists(editor, settings):
    pages = {}
    for username in ["editor", "nobody-by-this-name"]:
        for _ in range(settings.AXES_FAILURE_LIMIT):
            sign_in(username, "wrong password")
        _client, response = sign_in(username, "wrong password")
        assert response.status_code == 429
        pages[username] = response.content
    assert pages["editor"] == pages["nobody-by-this-name"]


def test_each_pause_is_logged(editor, settings, caplog):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in("editor", "wrong password")
    lockouts = [r for r in caplog.records if getattr(r, "event", None) == "lockout"]
    assert len(lockouts) == 1
    assert (lockouts[0].username, lockouts[0].ip) == ("editor", "203.0.113.5")
    line = json.loads(JsonFormatter().format(lockouts[0]))
    assert line["level"] == "WARNING" and line["event"] == "lockout"


def test_an_administrator_lifts_a_pause(editor, settings, admin_client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in("editor", "wrong password")
    attempt = AccessAttempt.objects.get(username="editor")
    listing = admin_client.get("/admin/axes/accessattempt/")
    assert "203.0.113.5" in text_of(listing)
    admin_client.post(f"/admin/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    client, _response = sign_in("editor", PASSWORD)
    assert signed_in(client)


def test_editors_cannot_see_or_lift_pauses(editor_client):
    assert editor_client.get("/admin/axes/accessattempt/").status_code == 403


def shell(script, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "tests.settings", "SECRET_KEY": STRONG_KEY, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_admin_address_comes_from_configuration():
    script = (
        "from django.urls import reverse, resolve; print(reverse('admin:index')); "
        "print(resolve('/office-7f3a/login/').url_name, resolve('/admin/').url_name)"
    )
    result = shell(script, ADMIN_PATH="office-7f3a")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["/office-7f3a/", "login", "detail"]  # /admin/ is just a missing page


@pytest.mark.parametrize("url", ["/", "/static/css/site.css"])
def test_permissions_policy_and_cross_origin_resource_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Permissions-Policy"]
    for feature in ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]:
        assert feature in policy
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_security_headers_all_present(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_strict_transport_security_in_production(settings):
    client = Client()
    response = client.get("/", secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]


def test_a_failed_csrf_check_gets_our_own_page_under_the_same_policy(editor):
    response = Client(enforce_csrf_checks=True).post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 403
    assert "Your form could not be sent" in text_of(response)
    html = response.content.decode()
    assert "<style" not in html and " style=" not in html and "<script" not in html
    assert "style-src 'self'" in response["Content-Security-Policy"]


def public_urls():
    unit = UnitFactory()
    article = ArticleFactory()
    SitePageFactory(slug="about")
    return ["/", "/units/", unit.get_absolute_url(), "/news/", article.get_absolute_url(), "/about/", "/report/"]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND"])
def test_public_pages_answer_only_get_and_head(client, method):
    for url in [*public_urls(), "/healthz"]:
        response = client.generic(method, url)
        assert response.status_code == 405, (method, url)
        assert response["Allow"] == "GET, HEAD"
        assert response.content == b""
        assert client.head(url).status_code == 200


@pytest.mark.urls("tests.urls")
def test_a_public_form_that_posts_is_marked_so(client):
    assert client.post("/_test/choice/").content == b"POST accepted"
    response = client.put("/_test/choice/")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD, POST"
    assert client.post("/_test/cookies/").status_code == 405


def test_the_admin_login_form_still_posts(client, editor):
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302


def test_a_bad_host_header_logs_one_line_not_a_traceback(caplog):
    response = Client(HTTP_HOST="evil.example").get("/")
    assert response.status_code == 400
    assert "could not understand that request" in text_of(response)
    bad_host = [r for r in caplog.records if r.name == "django.security.DisallowedHost"]
    assert len(bad_host) == 1
    line = JsonFormatter().format(bad_host[0])
    assert "\n" not in line and "Traceback" not in line
    fields = json.loads(line)
    assert fields["level"] == "WARNING" and "evil.example" in fields["message"] and "exc_info" not in fields


def test_every_request_is_one_json_line_without_the_query_string(client, caplog):
    with caplog.at_level(logging.INFO, logger="emsou.request"):
        client.get("/news/?utm_campaign=a-visitors-postcode")
    (record,) = [r for r in caplog.records if r.name == "emsou.request"]
    line = JsonFormatter().format(record)
    assert "\n" not in line
    fields = json.loads(line)
    assert fields["event"] == "request" and fields["method"] == "GET" and fields["status"] == 200
    assert fields["path"] == "/news/" and "postcode" not in line
    assert fields["duration_ms"] >= 0 and fields["page_cache"] == "miss"


@pytest.mark.urls("tests.urls")
def test_a_server_error_shows_no_internals_and_is_logged_as_one_json_line(caplog):
    response = Client(raise_request_exception=False).get("/_test/fails/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in text_of(response)
    assert "secret-internal-detail" not in page and "Traceback" not in page and "ValueError" not in page
    (error,) = [r for r in caplog.records if r.name == "django.request"]
    line = JsonFormatter().format(error)
    assert "\n" not in line
    fields = json.loads(line)
    assert fields["level"] == "ERROR" and "secret-internal-detail" in fields["exc_info"]
    (request_line,) = [r for r in caplog.records if r.name == "emsou.request"]
    assert request_line.levelname == "ERROR" and request_line.status == 500


def test_a_hostile_username_or_address_is_recorded_without_breaking_sign_in(editor, settings):
    """Found by the fuzzing on PostgreSQL: a 5,000-character username, an address that is not one."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _client, response = sign_in("x" * 5000, "wrong password", ip="not-an-address")
        assert response.status_code in {200, 429}
    assert AccessAttempt.objects.get().username == "x" * 150
    _client, response = sign_in("x" * 5000, "wrong password", ip="not-an-address")
    assert response.status_code == 429
