"""Private storage for editors' original uploads: a folder the web server never serves, so files have no URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property


@deconstructible(path="core.storage.PrivateFileSystemStorage")
class PrivateFileSystemStorage(FileSystemStorage):
    """FileSystemStorage in settings.ORIGINALS_ROOT (outside MEDIA_ROOT), without a public address."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.ORIGINALS_ROOT)

    @cached_property
    def base_url(self):
        return None  # url() refuses: these files are only ever read by the site itself

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "ORIGINALS_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def private_storage():
    """Originals and their renditions: private storage (settings.STORAGES["originals"]), never served directly."""
    return storages["originals"]


def stored_files(storage, folder):
    """Every file under folder ("" for all) in storage, through the storage API, so on any backend."""
    if not storage.exists(folder):
        return []
    folders, files = storage.listdir(folder)
    found = [f"{folder}/{name}".lstrip("/") for name in files]
    for sub in folders:
        found += stored_files(storage, f"{folder}/{sub}".lstrip("/"))
    return found
