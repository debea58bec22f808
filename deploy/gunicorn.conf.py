"""Gunicorn settings for every run of the site: make run, the bench, and production (deploy/emsou.service).

Environment: GUNICORN_BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes, default one per core
plus one), GUNICORN_THREADS (threads per worker, default 4), GUNICORN_TIMEOUT (seconds, default 30).
"""

import multiprocessing
import os

wsgi_app = "emsou_site.wsgi:application"
bind = os.environ.get("GUNICORN_BIND") or "127.0.0.1:8000"
# Pages are CPU-bound and quick: a process per core does the work, one more covers a slow database answer, and
# threads keep connections alive (to nginx's upstream keep-alive, or to a load test) instead of one TCP
# handshake a request, which on this site costs as much as serving a cached page.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() + 1)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS") or 4)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
# Behind nginx, which keeps connections to clients and reuses its own to us.
keepalive = 5
# Recycle workers now and then, so no slow leak can grow without bound (rarely: a fresh worker starts with an
# empty memory of cached pages).
max_requests = 50000
max_requests_jitter = 5000
# Load Django once and fork: faster restarts, less memory per worker.
preload_app = True
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - gunicorn's own documented choice
# Django logs every request itself as a JSON line (core.logs); gunicorn's own lines are JSON too.
accesslog = None
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logs.JsonFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {"gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False}},
}
# Only the local proxy may say which scheme and client a request came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"
# No runtime control socket: nothing here uses it, and several servers on one machine would share its path.
control_socket_disable = True
# Headers and request lines beyond these are refused before Django sees them.
limit_request_line = 8190
limit_request_fields = 100


def when_ready(server):
    """A new release may change any template: pages and fragments cached by the old code are dropped. The
    cache connection is closed again so that no worker inherits it."""
    from django.core.cache import cache

    from core.cache import new_version

    new_version()
    cache.close()
