"""System checks: editors' original images must never sit where a web server publishes files."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register
from django.core.files.storage import FileSystemStorage

from .storage import private_storage


@register()
def originals_are_private(app_configs, **kwargs):
    storage = private_storage()
    if not isinstance(storage, FileSystemStorage):  # another backend (S3, say): its privacy is the bucket's
        return []
    private = Path(storage.location).resolve()
    errors = []
    for setting in ("MEDIA_ROOT", "STATIC_ROOT"):
        public = Path(getattr(settings, setting)).resolve()
        if private == public or public in private.parents:
            errors.append(
                Error(
                    f"ORIGINALS_ROOT ({private}) overlaps {setting} ({public}), which the web server publishes.",
                    hint="Set ORIGINALS_ROOT to a folder outside MEDIA_ROOT and STATIC_ROOT.",
                    id="core.E001",
                )
            )
    return errors
