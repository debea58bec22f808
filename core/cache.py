"""The page cache: anonymous GETs of public pages served from the configured cache, and never stale.

- Invalidation is generic: any save or delete of a model in one of the project's apps (or an app named in
  CACHE_CONTENT_APPS, such as reversion) changes the content version once the transaction commits, and every
  cached page belongs to one version. The version lives in the configured cache, so every worker process and
  every machine sharing it sees the change at once. `QuerySet.update()` and `bulk_create()` send no signals:
  call `content_changed()` after them.
- Changes that come with time (an article scheduled for 9:00, an expiry) are announced by the apps through
  `register_next_change(fn)`: fn() returns when public pages next change by themselves, or None. No cached
  page, and no Cache-Control max-age, lasts past the earliest of them.
- The key holds the host, the scheme, the path with its query string and every cookie in CACHE_VARY_COOKIES.
- Never cached or served from the cache: anyone with a session (staff), previews (request.preview, or
  is_preview in a template's context), methods other than GET and HEAD, responses that set a cookie, carry a
  CSRF token, show a message or say private/no-store/no-cache, and anything but a 200.
- Pieces of pages ({% cachefragment %}) and computed values (cached_value) follow the same rules, so a page
  the page cache cannot keep (another query string, another cookie) still renders in a fraction of the time.
- Each process keeps what it read for a content version in memory (entries under a version never change), so
  serving a cached page costs one read of the shared cache: the version.
- A cache that is down (Redis) fails open: pages are rendered from the database as if nothing were cached.
"""

import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, patch_cache_control, patch_vary_headers, set_response_etag

VERSION_KEY = "content-version"
MAX_AGE = re.compile(r"max-age=\d+")
_next_change_sources = []
_is_content = {}


class _LocalMemo:
    """What this process already holds for a content version. Entries keyed by a version never change, so
    after the one shared read of the version per request, pages and fragments come from memory."""

    def __init__(self, size=2000):
        self.size, self.entries, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            self.entries.move_to_end(key)
            return entry

    def set(self, key, entry):
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)

    def clear(self):
        with self.lock:
            self.entries.clear()


local = _LocalMemo()


def versioned_get(key):
    """(value, expires_at) kept under a versioned key, from this process's memory or the shared cache."""
    entry = local.get(key)
    if entry is None:
        entry = cache.get(key)
        if not (isinstance(entry, tuple) and len(entry) == 2):
            return None, 0
        local.set(key, entry)
    if entry[1] <= time.time():
        return None, 0
    return entry


def versioned_set(key, value, timeout):
    entry = (value, time.time() + timeout)
    cache.set(key, entry, timeout=max(1, int(timeout)))
    local.set(key, entry)


def register_next_change(fn):
    """Register fn() -> datetime | None: the next moment public pages change without anyone saving."""
    _next_change_sources.append(fn)
    return fn


def content_version():
    """The content version every process shares, or None when the cache cannot be reached."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def content_changed(using=None, **kwargs):
    """Content changed: every cached page is out of date, now and again once the transaction commits (a page
    rendered from the data before the commit may have been cached under the new version in between)."""
    new_version()
    transaction.on_commit(new_version, using=using)


def new_version():
    """A new content version at once, outside any transaction (a server starting with new templates)."""
    cache.set(VERSION_KEY, secrets.token_hex(8), timeout=None)


def next_change():
    """The earliest future moment a registered source says public pages change by themselves, or None."""
    now = timezone.now()
    return min((moment for fn in _next_change_sources if (moment := fn()) is not None and moment > now), default=None)


def seconds_to_next_change(version):
    """Seconds until the next timed change (None if none is scheduled), remembered for this content version."""
    key = f"next-change:{version}"
    now = timezone.now().timestamp()
    moment, _expires = versioned_get(key)
    if moment is None or (moment and moment <= now):
        upcoming = next_change()
        moment = upcoming.timestamp() if upcoming else 0
        versioned_set(key, moment, timeout=settings.PAGE_CACHE_SECONDS)
    return moment - now if moment else None


def cache_timeout(version):
    """How long something rendered now for this content version may be kept: never past the next timed change."""
    until = seconds_to_next_change(version)
    return settings.PAGE_CACHE_SECONDS if until is None else min(settings.PAGE_CACHE_SECONDS, until)


def request_version(request):
    """The content version, read once per request however many fragments ask."""
    if not hasattr(request, "_content_version"):
        request._content_version = content_version()
    return request._content_version


def is_personal(request):
    """A signed-in editor (or anyone with a session), a pending message, the admin, or a preview (a view that
    shows what is not public sets request.preview): nothing cached is served to it, and nothing it sees is kept."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES
        or "messages" in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
        or request.path_info.startswith(f"/{settings.ADMIN_PATH}")
        or getattr(request, "preview", False)
    )


def visitor_choices(request):
    """The visitor's choices that change what a page shows (the CACHE_VARY_COOKIES): part of every key."""
    return tuple(request.COOKIES.get(name, "") for name in settings.CACHE_VARY_COOKIES)


def cached_value(request, parts, compute):
    """compute(), kept for this content version under a key made of parts and the visitor's CACHE_VARY_COOKIES:
    a count, a list of choices, a rendered fragment. Never past the next timed change; computed afresh when
    the cache is down, for personal requests (is_personal), without a request (an error page) and in development
    (DEBUG), where templates change under it."""
    if request is None or settings.DEBUG or is_personal(request):
        return compute()
    version = request_version(request)
    if version is None:
        return compute()
    vary = visitor_choices(request)
    key = f"value:{version}:{hashlib.sha256(repr((parts, vary)).encode()).hexdigest()}"
    value, _expires = versioned_get(key)
    if value is None:
        value = compute()
        timeout = cache_timeout(version)
        if timeout >= 1:
            versioned_set(key, value, timeout)
    return value


def is_content_model(model):
    if model not in _is_content:
        config = apps.app_configs.get(model._meta.app_label)  # None for Django's own migration records
        own_app = config is not None and Path(config.path).parent == Path(settings.BASE_DIR)
        _is_content[model] = own_app or model._meta.app_label in settings.CACHE_CONTENT_APPS
    return _is_content[model]


def _saved_or_deleted(sender, using=None, **kwargs):
    if is_content_model(sender):
        content_changed(using)


def _links_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_") and is_content_model(sender):
        content_changed(using)


def watch_content():
    post_save.connect(_saved_or_deleted, dispatch_uid="page-cache-save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="page-cache-delete")
    m2m_changed.connect(_links_changed, dispatch_uid="page-cache-links")


def _cache_control(response):
    return {part.split("=")[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))}


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        # Static files and media are not pages: WhiteNoise and the web server have their own caching.
        self.files = tuple("/" + url.lstrip("/") for url in (settings.STATIC_URL, settings.MEDIA_URL) if url)

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or request.path_info.startswith(self.files):
            return self.get_response(request)
        if is_personal(request):
            request.page_cache = "bypass"
            response = self.get_response(request)
            patch_cache_control(response, private=True, no_store=True)
            return response
        version = request_version(request) if settings.PAGE_CACHE_ENABLED else None
        if version is None:
            request.page_cache = "off"
            return self.get_response(request)

        key = f"page:{version}:{self.key(request)}"
        entry, expires = versioned_get(key)
        if entry is not None:
            request.page_cache = "hit"
            return self.rebuild(request, *entry, expires)

        request.page_cache = "miss"
        response = self.get_response(request)
        if request.method == "GET" and self.storable(request, response):
            timeout = cache_timeout(version)
            self.make_public(response, timeout)
            if timeout >= 1:
                set_response_etag(response)
                headers = {name: value for name, value in response.items() if name != "Content-Length"}
                versioned_set(key, (response.content, headers), timeout)
        elif response.cookies:
            patch_cache_control(response, private=True, no_store=True)
        return response

    def key(self, request):
        vary = "|".join(visitor_choices(request))
        # get_host() checks the Host header against ALLOWED_HOSTS: a bad one gets Django's 400 from here.
        raw = "\n".join([request.scheme, request.get_host(), request.get_full_path(), vary])
        return hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()

    def storable(self, request, response):
        messages = getattr(request, "_messages", None)
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (messages is not None and (messages.used or messages.added_new))
            and not _cache_control(response) & {"private", "no-store", "no-cache"}
            and {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()} <= {"cookie"}
        )

    def make_public(self, response, seconds):
        """A proxy or browser may keep the page briefly, and never past the next timed change."""
        patch_cache_control(response, public=True, max_age=max(0, int(min(settings.PAGE_PUBLIC_MAX_AGE, seconds))))
        if settings.CACHE_VARY_COOKIES and response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Cookie"])  # pages show the area and display cookies; feeds do not

    def rebuild(self, request, content, headers, expires):
        """The stored page, its max-age counted down to what is left of the entry's life."""
        response = HttpResponse(b"" if request.method == "HEAD" else content, headers=headers)
        response["Content-Length"] = str(len(content))
        left = max(0, int(min(settings.PAGE_PUBLIC_MAX_AGE, expires - time.time())))
        response["Cache-Control"] = MAX_AGE.sub(f"max-age={left}", response["Cache-Control"])
        return response
