"""The production stack end to end: gunicorn as `make run` starts it, nginx from deploy/, two app servers."""

import json
import os
import re
import socket
import subprocess

import pytest
import requests

from .conftest import form_data
from .servers import BIN, ROOT, free_port, gunicorn, manage, need, prepare_site, running, sign_in, site_env

pytestmark = pytest.mark.deploy


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A migrated site with the seed content and collected static files, and its admin's password."""
    folder = tmp_path_factory.mktemp("site")
    env = site_env(folder)
    prepare_site(env)
    printed = manage(env, "ensure_local_admin")
    password = re.search(r"password: (\S+)", printed).group(1)
    assert "already exists" in manage(env, "ensure_local_admin")
    return folder, env, password


def test_make_run_serves_the_production_stack_on_loopback(site):
    folder, env, _password = site
    (folder / "media" / "images").mkdir(parents=True)
    (folder / "media" / "images" / "team.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    with gunicorn(env, folder) as base:
        home = requests.get(base + "/", timeout=10)
        assert home.status_code == 200
        assert "East Midlands Special Operations Unit" in home.text
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home.text).group(1)
        css = requests.get(base + stylesheet, headers={"Accept-Encoding": "gzip"}, timeout=10)
        assert css.status_code == 200
        assert css.headers["Content-Encoding"] == "gzip"
        assert "immutable" in css.headers["Cache-Control"] and "max-age=315360000" in css.headers["Cache-Control"]
        missing = requests.get(base + "/no-such-page/", timeout=10)
        assert missing.status_code == 404
        assert "Page not found" in missing.text and "Traceback" not in missing.text and "DEBUG" not in missing.text
        assert requests.get(base + "/media/images/team.png", timeout=10).content.startswith(b"\x89PNG")
        assert requests.get(base + "/healthz", timeout=10).json() == {"database": "ok", "cache": "ok"}
        assert "Strict-Transport-Security" not in home.headers  # plain http on this machine only
        session = requests.Session()
        login = session.get(base + "/admin/login/", timeout=10)
        assert login.status_code == 200
        assert "Secure" not in login.headers["Set-Cookie"]  # so the admin works over http://127.0.0.1
    log = (folder / "gunicorn.log").read_text().splitlines()
    requests_logged = [json.loads(line) for line in log if '"event": "request"' in line]
    assert {"path": "/no-such-page/", "status": 404} in [{k: r[k] for k in ("path", "status")} for r in requests_logged]


def test_the_loopback_run_refuses_any_other_host(tmp_path):
    env = site_env(tmp_path, ALLOWED_HOSTS="www.emsou.police.uk")
    result = subprocess.run([BIN / "python", "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "LOOPBACK_HTTP serves plain http to this machine only" in result.stderr


def redis_url():
    configured = os.environ.get("CACHE_URL", "")
    if configured.startswith("redis"):
        return configured
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", 6379)) != 0:
            if os.environ.get("CI"):
                pytest.fail("Redis is not reachable on 127.0.0.1:6379")
            pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    return os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.mark.parametrize("shared_cache", ["redis", "file"])
def test_an_edit_through_one_app_server_is_seen_at_once_through_another(site, tmp_path, shared_cache):
    _folder, env, password = site
    cache_url = redis_url() if shared_cache == "redis" else f"filecache://{tmp_path / 'shared-cache'}"
    env = {**env, "CACHE_URL": cache_url, "CACHE_KEY_PREFIX": f"test-{free_port()}"}
    with gunicorn(env, tmp_path, "first") as first, gunicorn(env, tmp_path, "second") as second:
        for _ in range(3):
            assert "About EMSOU" in requests.get(second + "/about/", timeout=10).text
        assert '"page_cache": "hit"' in (tmp_path / "second.log").read_text()

        editor = requests.Session()
        assert sign_in(editor, first, "admin", password).status_code == 200
        listing = editor.get(first + "/admin/pages/sitepage/?q=about", timeout=10).text
        change_url = first + re.search(r'href="(/admin/pages/sitepage/\d+/change/)', listing).group(1)
        form = editor.get(change_url, timeout=10)
        data = form_data(form, title=f"About EMSOU, edited through the {shared_cache} cache")
        data["csrfmiddlewaretoken"] = editor.cookies["csrftoken"]
        saved = editor.post(change_url, data=data, headers={"Referer": change_url}, timeout=10)
        assert saved.status_code == 200 and "was changed successfully" in saved.text

        assert f"edited through the {shared_cache} cache" in requests.get(second + "/about/", timeout=10).text


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory):
    """deploy/nginx/emsou.conf with its paths and ports moved into a folder of the test's own, and a throwaway
    self-signed certificate; everything else exactly as deployed."""
    need("nginx")
    openssl = need("openssl")
    folder = tmp_path_factory.mktemp("nginx")
    for name in ["ssl", "srv/static", "srv/media", "cache", "temp", "acme"]:
        (folder / name).mkdir(parents=True)
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost",
         "-keyout", folder / "ssl" / "privkey.pem", "-out", folder / "ssl" / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    ports = {"https": free_port(), "http": free_port(), "app": free_port()}
    site = (ROOT / "deploy" / "nginx" / "emsou.conf").read_text()
    site = re.sub(r"^\s*listen \[::\].*$", "", site, flags=re.M)
    replacements = {
        "listen 443 ssl http2;": f"listen 127.0.0.1:{ports['https']} ssl http2;",
        "listen 80;": f"listen 127.0.0.1:{ports['http']};",
        "server 127.0.0.1:8000": f"server 127.0.0.1:{ports['app']}",
        "/etc/ssl/emsou/": f"{folder}/ssl/",
        "/srv/emsou/": f"{folder}/srv/",
        "/var/cache/nginx/emsou": f"{folder}/cache",
        "/var/www/acme": f"{folder}/acme",
    }
    for old, new in replacements.items():
        assert old in site, old
        site = site.replace(old, new)
    (folder / "site.conf").write_text(site)
    temp = folder / "temp"
    # Started as root (CI), nginx hands its workers to an unprivileged user that cannot enter pytest's private
    # temporary folder; this throwaway main config keeps them as the user running the test.
    user = "user root root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nworker_processes 1;\nevents {{}}\n"
        f"http {{\n  include /etc/nginx/mime.types;\n  access_log off;\n  client_body_temp_path {temp}/body;\n"
        f"  proxy_temp_path {temp}/proxy;\n  fastcgi_temp_path {temp}/fastcgi;\n  uwsgi_temp_path {temp}/uwsgi;\n"
        f"  scgi_temp_path {temp}/scgi;\n  include {folder}/site.conf;\n}}\n"
    )
    return folder, ports


def test_nginx_accepts_the_site_configuration(nginx_site):
    folder, _ports = nginx_site
    result = subprocess.run(
        [need("nginx"), "-t", "-p", str(folder), "-c", str(folder / "nginx.conf")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_a_visit_through_nginx_reaches_the_app_and_is_microcached(site, nginx_site):
    folder, env, _password = site
    nginx_folder, ports = nginx_site
    for css in (folder / "static").rglob("*"):
        if css.is_file():
            target = nginx_folder / "srv" / "static" / css.relative_to(folder / "static")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(css.read_bytes())
    app_env = {**env, "LOOPBACK_HTTP": "false", "BEHIND_PROXY": "true", "CSRF_TRUSTED_ORIGINS": "https://localhost"}
    app_env["GUNICORN_BIND"] = f"127.0.0.1:{ports['app']}"
    nginx = [need("nginx"), "-p", str(nginx_folder), "-c", str(nginx_folder / "nginx.conf"), "-g", "daemon off;"]
    with (
        running([str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py"], ports["app"],
                folder / "behind-nginx.log", cwd=ROOT, env=app_env),
        running(nginx, ports["https"], nginx_folder / "nginx.out"),
    ):  # fmt: skip
        base = f"https://localhost:{ports['https']}"
        certificate = str(nginx_folder / "ssl" / "fullchain.pem")  # the throwaway certificate, checked
        plain = requests.get(f"http://localhost:{ports['http']}/news/", allow_redirects=False, timeout=10)
        assert plain.status_code == 301 and plain.headers["Location"] == "https://localhost/news/"
        first = requests.get(base + "/news/", verify=certificate, timeout=10)
        assert first.status_code == 200 and "<h1>News</h1>" in first.text
        assert "max-age=31536000" in first.headers["Strict-Transport-Security"]
        assert "default-src 'self'" in first.headers["Content-Security-Policy"]
        again = requests.get(base + "/news/", verify=certificate, timeout=10)
        assert again.headers["X-Cache-Status"] == "HIT"
        stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', first.text).group(1)
        css = requests.get(base + stylesheet, verify=certificate, timeout=10)
        assert css.status_code == 200 and "immutable" in css.headers["Cache-Control"]
        assert "X-Cache-Status" not in css.headers  # served from disk by nginx, not through the app
        admin = requests.get(base + "/admin/login/", verify=certificate, timeout=10)
        assert admin.status_code == 200 and "Secure" in admin.headers["Set-Cookie"]
        assert admin.headers.get("X-Cache-Status") in {"MISS", "BYPASS", "EXPIRED", None}
        assert "Cache-Control" in admin.headers and "private" in admin.headers["Cache-Control"]


def test_each_server_start_drops_what_the_previous_release_cached(site, tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    _folder, env, _password = site
    env = {**env, "CACHE_URL": f"filecache://{tmp_path / 'cache'}"}
    shared = FileBasedCache(str(tmp_path / "cache"), {"KEY_PREFIX": "emsou"})
    versions = []
    for release in ("old", "new"):
        with gunicorn(env, tmp_path, release) as base:
            assert requests.get(base + "/about/", timeout=10).status_code == 200
            versions.append(shared.get("content-version"))
    assert None not in versions and versions[0] != versions[1]
