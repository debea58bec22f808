"""Configuration: safe by default, loud when production is missing a secret, clean on the deploy checklist."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command

from .conftest import text_of

BASE = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
STRONG_KEY = "k3y-" + "x1Y2z3" * 10


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**BASE, "DJANGO_SETTINGS_MODULE": "emsou_site.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = manage("check", DEBUG="false", SECRET_KEY="changeme")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_deployment_checklist_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="false", SECRET_KEY=STRONG_KEY)
    assert result.returncode == 0, result.stderr + result.stdout


def test_development_runs_without_a_secret_key():
    assert manage("check", DEBUG="true").returncode == 0


def test_production_defaults_are_secure():
    """With DEBUG off and nothing else set, cookies, HSTS and framing take their secure values."""
    names = [
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "X_FRAME_OPTIONS",
    ]
    script = f"from django.conf import settings; print([getattr(settings, n) for n in {names!r}])"
    result = manage("shell", "-c", script, DEBUG="false", SECRET_KEY=STRONG_KEY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[True, True, True, 31536000, 'DENY']"


def test_env_example_lists_every_variable_the_settings_read():
    import re

    source = (settings.BASE_DIR / "emsou_site" / "settings.py").read_text()
    used = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', source))
    listed = set(re.findall(r"^([A-Z_]+)=", (settings.BASE_DIR / ".env.example").read_text(), re.M))
    assert used and used <= listed, used - listed


@pytest.mark.django_db
def test_local_admin_is_created_once_with_a_random_password(settings, capsys, django_user_model):
    settings.DEBUG = True
    django_user_model.objects.filter(is_superuser=True).delete()
    call_command("ensure_local_admin")
    first = capsys.readouterr().out
    assert "username: admin" in first
    password = first.split("password: ")[1].split()[0]
    assert len(password) >= 20
    assert django_user_model.objects.get(username="admin").check_password(password)
    call_command("ensure_local_admin")
    assert "already exists" in capsys.readouterr().out


@pytest.mark.django_db
def test_local_admin_command_makes_no_account_in_production(settings, capsys, django_user_model):
    settings.DEBUG = False
    django_user_model.objects.filter(is_superuser=True).delete()
    call_command("ensure_local_admin")
    assert "no local admin was made" in capsys.readouterr().out
    assert not django_user_model.objects.filter(is_superuser=True).exists()


@pytest.mark.django_db
def test_security_headers_on_public_pages(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Set-Cookie" not in response.headers  # visitors get no cookies


@pytest.mark.django_db
def test_oversized_form_posts_get_a_400_not_a_500(editor_client):
    response = editor_client.post("/admin/news/article/add/", {"body": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 400
    assert "could not understand that request" in text_of(response)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/news/", "/admin/login/"])
def test_strict_content_security_policy(client, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
