"""Page budgets and speed ratios: `make bench`. Budgets fail the run; times are reported as ratios only."""

import gzip
import os
import secrets
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp(prefix="emsou-bench-")) / "bench.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="emsou_site.settings",
    DEBUG="false",
    SECRET_KEY=secrets.token_urlsafe(50),
    DATABASE_URL=f"sqlite:///{DB}",
    SECURE_SSL_REDIRECT="false",
    ALLOWED_HOSTS="testserver",
    LOG_LEVEL="ERROR",
)
import logging  # noqa: E402

logging.disable(logging.WARNING)  # the baseline 404s would log a line each

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# What a visitor's browser may be sent (DESIGN.md): one small stylesheet, no JavaScript.
CSS_GZIP_BUDGET = 15 * 1024
PAGE_GZIP_BUDGET = 20 * 1024
QUERY_BUDGET = 6
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "200"))


def gz(data):
    return len(gzip.compress(data, 9))


def timed(client, path, rounds):
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        client.get(path)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    settings.STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
    settings.STATIC_ROOT = DB.parent  # no collectstatic here: the stylesheet is measured from static/
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    from news.models import Article
    from units.models import Unit

    pages = ["/", "/units/", "/news/", "/about/", "/report/"]
    pages += [Unit.objects.get(slug="forensic-services").get_absolute_url()]
    pages += [Article.objects.published().first().get_absolute_url()]
    client = Client()
    failures = []

    css = (ROOT / "static" / "css" / "site.css").read_bytes()
    js = list((ROOT / "static").rglob("*.js"))
    print(f"stylesheet: {len(css)} B, {gz(css)} B gzipped (budget {CSS_GZIP_BUDGET} B); JavaScript files: {len(js)}")
    if gz(css) > CSS_GZIP_BUDGET:
        failures.append("stylesheet over budget")
    if js:
        failures.append("JavaScript shipped to visitors")

    # The baseline is the 404 page: routing, middleware and the bare layout, with no content to fetch.
    baseline = timed(client, "/no-such-page/", ROUNDS)
    print(f"\n{'page':<52} {'queries':>7} {'HTML gz':>8} {'time vs 404 page':>17}")
    for path in pages:
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        query_count = len(queries)  # read now: the timed requests below reset the query log
        size = gz(response.content)
        ratio = timed(client, path, ROUNDS) / baseline
        print(f"{path:<52} {query_count:>7} {size:>7}B {ratio:>16.1f}x")
        if response.status_code != 200:
            failures.append(f"{path} answered {response.status_code}")
        if query_count > QUERY_BUDGET:
            failures.append(f"{path}: {query_count} queries (budget {QUERY_BUDGET})")
        if size > PAGE_GZIP_BUDGET:
            failures.append(f"{path}: {size} B gzipped (budget {PAGE_GZIP_BUDGET} B)")
    tracemalloc.start()  # after the timings, which it would slow down
    for path in pages:
        client.get(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\npeak Python memory allocated while serving each page once: {peak / 1024 / 1024:.1f} MiB")
    print(f"({ROUNDS} requests a page, median; ratios are to the 404 page in the same run)")

    if failures:
        print("\nOVER BUDGET:\n- " + "\n- ".join(failures))
        return 1
    print("\nall budgets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
