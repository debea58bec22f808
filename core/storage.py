"""Private storage for editors' original uploads: a folder the web server never serves, so files have no URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, cached_property, empty


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


class OriginalsStorage(LazyObject):
    """settings.STORAGES["originals"], looked up when first used and again after the setting changes (tests do), as
    Django's default_storage is: a field keeps the object it was given when its model was defined."""

    def _setup(self):
        self._wrapped = storages["originals"]


originals_storage = OriginalsStorage()


@receiver(setting_changed)
def _storages_changed(setting, **kwargs):
    if setting in {"STORAGES", "ORIGINALS_ROOT"}:
        originals_storage._wrapped = empty


def private_storage():
    """Originals and their renditions: private storage (settings.STORAGES["originals"]), never served directly."""
    return originals_storage


def stored_files(storage, folder):
    """Every file under folder ("" for all) in storage, through the storage API, so on any backend."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a folder not made yet (on S3, a prefix with nothing under it lists as empty)
        return []
    found = [f"{folder}/{name}".lstrip("/") for name in files]
    for sub in folders:
        found += stored_files(storage, f"{folder}/{sub}".lstrip("/"))
    return found
