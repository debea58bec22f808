"""Settings for the EMSOU website, read from the environment (see .env.example)."""

import datetime
import secrets
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from .storage import media_storages

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)
# `make run`: the production stack over plain http on this machine only. It relaxes exactly what plain http
# needs (secure cookies, the https redirect, HSTS) and nothing else; it refuses any host but the loopback.
LOOPBACK_HTTP = env.bool("LOOPBACK_HTTP", default=False)

# A missing key is tolerated only in development, where a throwaway one is made
# for this process; a production start without SECRET_KEY fails here, loudly.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see .env.example), "
            "or set DEBUG=true for local development."
        )
    SECRET_KEY = secrets.token_urlsafe(50)
elif not DEBUG and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured("SECRET_KEY is too weak: use at least 50 random characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
if LOOPBACK_HTTP and not set(ALLOWED_HOSTS) <= {"127.0.0.1", "localhost", "[::1]"}:
    raise ImproperlyConfigured("LOOPBACK_HTTP serves plain http to this machine only: ALLOWED_HOSTS must be loopback.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "reversion",
    "reversion_compare",
    "csp",
    "axes",
    "storages",
    "core",
    "units",
    "news",
    "incidents",
    "search",
    # Last, so that its post_migrate handler finds every content permission already made.
    "pages",
]

# Order matters: the request log sees every answer; conditional GETs get their 304 from cached pages too; the
# page cache answers first of all, with the headers every middleware below it gave the page when it was stored.
MIDDLEWARE = [
    "core.logs.RequestLogMiddleware",
    "core.http.HeadMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "core.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "emsou_site.middleware.CrossOriginResourcePolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "emsou_site.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.http.SafeMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.display.DisplayVaryMiddleware",
    "core.middleware.RedirectFallbackMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "emsou_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "emsou_site.context_processors.site",
                "core.display.display",
            ],
            "builtins": ["core.templatetags.markup", "core.templatetags.seo", "core.templatetags.fragments"],
        },
    },
]

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

WSGI_APPLICATION = "emsou_site.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache":
    # Fail open: with Redis down, pages are rendered from the database instead of failing; a stalled Redis
    # costs a request at most a quarter of a second.
    CACHES["default"].setdefault("OPTIONS", {}).update(
        IGNORE_EXCEPTIONS=True, SOCKET_CONNECT_TIMEOUT=0.25, SOCKET_TIMEOUT=0.25
    )
CACHES["default"]["KEY_PREFIX"] = env.str("CACHE_KEY_PREFIX", default="emsou")

# The page cache (core.cache): anonymous GETs of public pages, invalidated by any content change, never kept
# past the next scheduled change. Its key holds every cookie that changes what a public page shows.
# Off by default in development, where templates change without any content changing.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", default=not DEBUG)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long a browser or a proxy (nginx's microcache, a CDN) may keep a public page.
PAGE_PUBLIC_MAX_AGE = env.int("PAGE_PUBLIC_MAX_AGE", default=10)
CACHE_VARY_COOKIES = ["emsou_area", "emsou_display"]
# Apps outside the project whose models are content too (the project's own apps are always watched).
CACHE_CONTENT_APPS = ["reversion"]

AUTHENTICATION_BACKENDS = [
    # Refuses sign-in after repeated failures for a username from one address, before checking the password.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.site_views.lockout"
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
AXES_USERNAME_CALLABLE = "core.http.username_tried"
AXES_VERBOSE = False  # core.logs logs each lockout as one JSON line
AXES_SENSITIVE_PARAMETERS = ["password"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Editors' original uploads (with their metadata) and the renditions made from them: a folder outside
# MEDIA_ROOT that no web server serves. The public gets renditions only, through a view that checks.
ORIGINALS_ROOT = env.path("ORIGINALS_ROOT", default=BASE_DIR / "private-media")

# Uploads: "default" holds what the public may fetch (renditions), "originals" what it never may.
# Local folders unless S3_MEDIA_BUCKET names an S3-compatible store (see .env.example).
MEDIA_STORAGES, MEDIA_ORIGIN = media_storages(
    media_url=MEDIA_URL,
    originals_root=ORIGINALS_ROOT,
    bucket=env.str("S3_MEDIA_BUCKET", default=""),
    originals_bucket=env.str("S3_ORIGINALS_BUCKET", default=""),
    endpoint_url=env.str("S3_ENDPOINT_URL", default=""),
    region=env.str("S3_REGION", default=""),
    access_key=env.str("S3_ACCESS_KEY_ID", default=""),
    secret_key=env.str("S3_SECRET_ACCESS_KEY", default=""),
    public_acl=env.str("S3_MEDIA_ACL", default="public-read"),
)
# Django serves MEDIA_ROOT itself only for the loopback run and development; in production the web server
# (deploy/nginx) or the S3 store does.
SERVE_MEDIA = (DEBUG or LOOPBACK_HTTP) and MEDIA_ORIGIN is None
STORAGES = {
    **MEDIA_STORAGES,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: images are checked by the models' validators; these bound what a request may carry.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
MAX_REQUEST_BYTES = 8 * 1024 * 1024

# Security: safe by default, relaxed only by DEBUG, or LOOPBACK_HTTP, for http://127.0.0.1.
HTTPS = not (DEBUG or LOOPBACK_HTTP)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=HTTPS)
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.site_views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
# Nothing on this site uses these browser features; no page, and no page that frames it, may.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
        "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    ]
}  # fmt: skip

# The admin's address, e.g. ADMIN_PATH=office-7f3a/ : not where every scanner looks.
ADMIN_PATH = env.str("ADMIN_PATH", default="admin/").strip("/") + "/"

# Content-Security-Policy: everything from this host only; no inline script or style anywhere.
# Uploads served from an S3 store or its CDN (MEDIA_ORIGIN) are allowed as images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "script-src": [SELF],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

ADMINS = [("Site administrators", email) for email in env.list("ADMIN_EMAILS", default=[])]
SERVER_EMAIL = env.str("SERVER_EMAIL", default="root@localhost")
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)

# One JSON object a line on stdout: requests (core.logs), errors, lockouts. Expected failures that are not ours
# to fix (a bad Host header, a Redis outage the cache rides out) are one WARNING line each, without a traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.logs.JsonFormatter"}},
    "filters": {"one_line_warning": {"()": "core.logs.OneLineWarning"}, "throttled": {"()": "core.logs.Throttled"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # core.logs logs every request once; Django's own line for each 4xx would repeat it. 5xx stay, with traceback.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR"},
        "django.security.DisallowedHost": {"level": "WARNING", "filters": ["one_line_warning"]},
        "emsou.cache": {"level": "WARNING", "filters": ["throttled", "one_line_warning"]},
        "axes": {"level": "WARNING"},
    },
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "emsou.cache"

# A preview link shows an unpublished record to someone who is not signed in, for this many hours.
PREVIEW_LINK_HOURS = env.int("PREVIEW_LINK_HOURS", default=48)

SITE_NAME = "EMSOU"
SITE_FULL_NAME = "East Midlands Special Operations Unit"

# The visitor's chosen force area: a functional cookie, described on the privacy page. Pages that read it
# send `Vary: Cookie`, so no cache serves one visitor's area to another.
AREA_COOKIE = "emsou_area"
AREA_COOKIE_AGE = 365 * 24 * 60 * 60
# The visitor's text size and colours (`large-high`): a functional cookie like the area's, read on every page.
DISPLAY_COOKIE = "emsou_display"
DISPLAY_COOKIE_AGE = 365 * 24 * 60 * 60
# "Leave this site" on pages editors mark sensitive goes here: the neutral page GOV.UK's "Exit this page" uses,
# one that gives nobody looking at the screen a reason to ask, and that loads quickly anywhere.
LEAVE_SITE_URL = "https://www.bbc.co.uk/weather"
LEAVE_SITE_NAME = "BBC weather website"
# The results of the last `make audit`, which the accessibility statement reports.
ACCESSIBILITY_RESULTS = BASE_DIR / "audit" / "results.json"
# A sitemap longer than this becomes a sitemap index with sections of at most this many addresses.
SITEMAP_LIMIT = 1000
