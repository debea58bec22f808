"""Media storage: local folders by default, or S3-compatible buckets, tested against moto's S3 server."""

import subprocess
import sys

import pytest
import requests
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from emsou_site.storage import media_storages

from .conftest import s3_storages
from .servers import ROOT, STRONG_KEY


@pytest.fixture
def on_s3(settings, moto_endpoint):
    """Both aliases on moto's S3, through the site's own S3 configuration (emsou_site.storage)."""
    configured, client = s3_storages(moto_endpoint, "public-media-test", "private-originals-test")
    settings.STORAGES = {**settings.STORAGES, **configured}
    return client


def test_public_media_on_s3_is_readable_by_anyone(on_s3):
    name = storages["default"].save("renditions/a.webp", ContentFile(b"rendition bytes"))
    assert storages["default"].open(name).read() == b"rendition bytes"
    url = storages["default"].url(name)
    assert "Signature" not in url
    assert requests.get(url, timeout=10).content == b"rendition bytes"
    grants = on_s3.get_object_acl(Bucket="public-media-test", Key=name)["Grants"]
    assert any(g["Grantee"].get("URI", "").endswith("/AllUsers") and g["Permission"] == "READ" for g in grants)
    storages["default"].delete(name)
    assert not storages["default"].exists(name)


def test_originals_on_s3_are_private_and_reached_only_by_signed_short_lived_addresses(on_s3):
    name = storages["originals"].save("originals/photo.jpg", ContentFile(b"original with GPS"))
    assert storages["originals"].open(name).read() == b"original with GPS"
    grants = on_s3.get_object_acl(Bucket="private-originals-test", Key=name)["Grants"]
    assert not any("AllUsers" in g["Grantee"].get("URI", "") for g in grants)
    signed = storages["originals"].url(name)
    assert "X-Amz-Signature=" in signed
    assert "X-Amz-Expires=300" in signed
    unsigned = signed.split("?")[0]
    assert requests.get(unsigned, timeout=10).status_code == 403
    assert requests.get(signed, timeout=10).content == b"original with GPS"
    assert not storages["default"].exists(name)  # never in the public bucket


def test_files_are_never_overwritten(on_s3):
    first = storages["default"].save("renditions/same.webp", ContentFile(b"one"))
    second = storages["default"].save("renditions/same.webp", ContentFile(b"two"))
    assert first != second
    assert storages["default"].open(first).read() == b"one"


def test_local_storage_keeps_originals_outside_the_public_media_folder(settings, tmp_path):
    local, _origin = media_storages(
        media_url="/media/", originals_root=tmp_path / "originals", bucket="", originals_bucket="", endpoint_url="",
        region="", access_key="", secret_key="", public_acl="",
    )  # fmt: skip
    settings.STORAGES = {**settings.STORAGES, **local}
    public = storages["default"].save("renditions/a.webp", ContentFile(b"public"))
    original = storages["originals"].save("originals/a.jpg", ContentFile(b"private"))
    assert (settings.MEDIA_ROOT / public).read_bytes() == b"public"
    original_path = tmp_path / "originals" / original
    assert original_path.read_bytes() == b"private"
    assert settings.MEDIA_ROOT not in original_path.parents


def configured(**env):
    script = (
        "from django.conf import settings; from django.core.files.storage import storages; s = settings.STORAGES; "
        "print(s['default']['BACKEND'], s['originals']['BACKEND'], "
        "getattr(storages['originals'], 'base_location', None), "
        "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    base = {k: v for k, v in __import__("os").environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "emsou_site.settings",
            "DEBUG": "false",
            "SECRET_KEY": STRONG_KEY,
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_s3_is_configured_from_the_environment_and_its_images_are_allowed_by_the_csp():
    result = configured(
        S3_MEDIA_BUCKET="media", S3_ORIGINALS_BUCKET="originals", MEDIA_URL="https://media.example.org/"
    )
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith("storages.backends.s3.S3Storage storages.backends.s3.S3Storage")
    assert "https://media.example.org" in line


def test_originals_may_not_share_the_public_bucket():
    result = configured(S3_MEDIA_BUCKET="media", S3_ORIGINALS_BUCKET="media")
    assert result.returncode != 0
    assert "S3_ORIGINALS_BUCKET must name a private bucket of its own" in result.stderr


def test_local_folders_by_default_with_originals_outside_media():
    result = configured()
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    expected = f"FileSystemStorage core.storage.PrivateFileSystemStorage {settings.BASE_DIR / 'private-media'} "
    assert expected in line
