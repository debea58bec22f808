"""Real servers for the tests that need them: gunicorn (the production config), nginx, moto's S3."""

import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
BIN = Path(sys.executable).parent
STRONG_KEY = "k3y-" + "x1Y2z3" * 10


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {seconds} s")


@contextmanager
def running(command, port, log, **popen):
    """Start a server we own, wait until it listens on 127.0.0.1:port, and stop it (by its pid) afterwards."""
    with open(log, "w") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, **popen)
        try:
            wait_for_port(port, process)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def site_env(tmp_path, **overrides):
    """The environment `make run` gives the site (DEBUG off, LOOPBACK_HTTP), in folders of this test's own."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY"}}
    env.update(
        DJANGO_SETTINGS_MODULE="emsou_site.settings",
        DEBUG="false",
        LOOPBACK_HTTP="true",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECRET_KEY=STRONG_KEY,
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        CACHE_URL=f"filecache://{tmp_path / 'cache'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        ORIGINALS_ROOT=str(tmp_path / "originals"),
        WEB_CONCURRENCY="2",
        PYTHONPATH=str(ROOT),
    )
    env.update(overrides)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def prepare_site(env):
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    manage(env, "load_content", "--verbosity", "0")


@contextmanager
def gunicorn(env, tmp_path, name="gunicorn"):
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    with running([str(BIN / "gunicorn"), "--config", "deploy/gunicorn.conf.py"], port, tmp_path / f"{name}.log",
                 cwd=ROOT, env=env):  # fmt: skip
        yield f"http://127.0.0.1:{port}"


def need(tool):
    """A Debian tool the test needs: `make test` installs it; missing, the test fails in CI and skips elsewhere."""
    path = shutil.which(tool) or (f"/usr/sbin/{tool}" if Path(f"/usr/sbin/{tool}").exists() else None)
    if path is None:
        message = f"{tool} is missing: `make test` installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def sign_in(session, base, username, password):
    """Sign in through the admin's own form, as a browser would: CSRF cookie, token, post."""
    login = f"{base}/{settings.ADMIN_PATH}login/"
    session.get(login)
    return session.post(
        login,
        data={
            "username": username,
            "password": password,
            "next": f"/{settings.ADMIN_PATH}",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login},
    )


__all__ = ["free_port", "gunicorn", "manage", "need", "prepare_site", "requests", "running", "sign_in", "site_env"]
