"""Where uploads live: local folders by default, or S3-compatible buckets through django-storages."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL = "django.core.files.storage.FileSystemStorage"
PRIVATE_LOCAL = "core.storage.PrivateFileSystemStorage"  # no public address at all
S3 = "storages.backends.s3.S3Storage"


def media_storages(*, media_url, originals_root, bucket, originals_bucket, endpoint_url, region, access_key,
                   secret_key, public_acl):  # fmt: skip
    """The "default" (public renditions) and "originals" (private) storages, and the origin images load from.

    The public storage follows MEDIA_ROOT and MEDIA_URL; originals are never under MEDIA_ROOT, so a web server
    serving that folder cannot reach them. On S3, originals get a bucket of their own, private objects and
    short-lived signed addresses; the public bucket's objects are public-read (or left to a bucket policy when
    S3_MEDIA_ACL is empty), at unsigned addresses, on MEDIA_URL's host when it is a full address (a CDN).
    """
    if not bucket:
        storages = {
            "default": {"BACKEND": LOCAL},
            # Its folder is settings.ORIGINALS_ROOT (originals_root), read when used.
            "originals": {"BACKEND": PRIVATE_LOCAL},
        }
        return storages, None
    if not originals_bucket or originals_bucket == bucket:
        raise ImproperlyConfigured("S3_ORIGINALS_BUCKET must name a private bucket of its own, not S3_MEDIA_BUCKET.")
    common = {
        "endpoint_url": endpoint_url or None,
        "region_name": region or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "file_overwrite": False,
        "signature_version": "s3v4",
        # Self-hosted S3-compatible stores are addressed by path; AWS by bucket host name.
        "addressing_style": "path" if endpoint_url else None,
    }
    public = {**common, "bucket_name": bucket, "default_acl": public_acl or None, "querystring_auth": False}
    url = urlsplit(media_url)
    if url.scheme and url.netloc:
        public.update(custom_domain=url.netloc + url.path.rstrip("/"), url_protocol=f"{url.scheme}:")
        origin = f"{url.scheme}://{url.netloc}"
    elif endpoint_url:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(endpoint_url))
    else:
        origin = f"https://{bucket}.s3.amazonaws.com"
    originals = {
        **common,
        "bucket_name": originals_bucket,
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 300,
    }
    return {"default": {"BACKEND": S3, "OPTIONS": public}, "originals": {"BACKEND": S3, "OPTIONS": originals}}, origin
