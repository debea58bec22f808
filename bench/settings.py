"""The site's own settings, with one more address for the bench: a trivial view behind the same middleware."""

from emsou_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
