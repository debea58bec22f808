"""Settings for the test suite: the site's own settings, given a throwaway key."""

import os
import secrets
import tempfile

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ["DEBUG"] = "false"  # tests run with production settings, whatever a local .env says

from emsou_site.settings import *  # noqa: F403

STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
STATIC_ROOT = tempfile.mkdtemp(prefix="emsou-static-")
WHITENOISE_USE_FINDERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test client speaks plain http; production keeps the redirect (tested in test_settings.py).
SECURE_SSL_REDIRECT = False
