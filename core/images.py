"""Editors' images: the checks an upload must pass, the private original it becomes, and the text that comes with it."""

import json
import secrets
import warnings
from pathlib import PurePath

from django import forms
from django.apps import apps as global_apps
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from PIL import ExifTags, Image, UnidentifiedImageError

from . import renditions
from .storage import private_storage

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
# Beyond what Pillow itself treats as a possible decompression bomb, no upload is opened at all.
BOMB_PIXELS = Image.MAX_IMAGE_PIXELS
# The formats accepted, with the file name endings each may have. Pillow calls a multi-picture JPEG "MPO".
FORMATS = {"JPEG": ("jpg", "jpeg"), "MPO": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}
# Drawing formats can carry script: refused whatever they contain.
VECTOR_EXTENSIONS = {"svg", "svgz", "pdf", "eps", "ps", "ai", "wmf", "emf", "xml", "html", "htm", "xhtml"}
# An upload kept across a form error stays usable this long; cleanup_media leaves younger files alone anyway.
KEPT_FOR_SECONDS = 6 * 60 * 60
ORIGINALS_FOLDER = "images"
SWAPPED_ORIENTATIONS = {5, 6, 7, 8}  # EXIF orientations that turn the picture a quarter turn


def original_name(instance, filename):
    """A random name for the private original: nothing of the editor's file name is kept or published."""
    extension = PurePath(filename).suffix.lower().replace(".jpeg", ".jpg")
    return f"{ORIGINALS_FOLDER}/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


def upload_help():
    return (
        f"Optional. A still JPEG, PNG or WebP picture of at most {filesizeformat(MAX_IMAGE_BYTES)} and "
        f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels; the whole form can send at most "
        f"{filesizeformat(settings.MAX_REQUEST_BYTES)}. Visitors get resized copies without the file's hidden "
        "details (such as where a photo was taken, or who took it); the file you upload is never published."
    )


def _refuse(message, code, **params):
    raise ValidationError(message, code=code, params=params)


def _looks_like_vector(head):
    """SVG, HTML, XML, PDF, PostScript or a Windows metafile, whatever the file is called."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.decode("utf-16", "ignore").encode()
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n\x00").lower()
    return (
        text.startswith((b"<", b"%pdf", b"%!ps"))
        or head.startswith((b"\xc5\xd0\xd3\xc6", b"\xd7\xcd\xc6\x9a"))
        or head[40:44] == b" EMF"
    )


def displayed_size(image):
    """Width and height as the picture is seen: a photo taken sideways is stored sideways, with a turn in EXIF."""
    try:
        orientation = image.getexif().get(ExifTags.Base.Orientation)
    except Exception:  # a broken EXIF block tells us nothing: show the pixels as they are stored
        orientation = None
    width, height = image.size
    return (height, width) if orientation in SWAPPED_ORIENTATIONS else (width, height)


def validate_image_size(file):
    if file.size > MAX_IMAGE_BYTES:
        _refuse(
            "This image is %(size)s; the largest allowed is %(limit)s. Please make it smaller and try again.",
            "image_too_large",
            size=filesizeformat(file.size),
            limit=filesizeformat(MAX_IMAGE_BYTES),
        )


def inspect_image(file):
    """Refuse anything but a sound, still JPEG, PNG or WebP within the limits, each with its own message.

    Returns the size as displayed. The file is read, never saved: a refused upload leaves nothing behind.
    """
    name = PurePath(file.name or "").name[:100]
    extension = PurePath(name).suffix.lower().lstrip(".")
    validate_image_size(file)
    file.seek(0)
    head = file.read(2048)
    file.seek(0)
    if extension in VECTOR_EXTENSIONS or _looks_like_vector(head):
        _refuse(
            "“%(name)s” is a drawing or document format (such as SVG or PDF), which can carry scripts, so it "
            "cannot be used. Export the picture as a JPEG, PNG or WebP and upload that.",
            "image_vector",
            name=name,
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(file)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        _refuse(
            "“%(name)s” says it holds more than %(bomb)s million pixels, far more than any photo. Files like this "
            "can be made to overwhelm a server (a “decompression bomb”), so it was not opened. If it really is a "
            "picture, resize it to at most %(limit)s megapixels and try again.",
            "image_bomb",
            name=name,
            bomb=BOMB_PIXELS // 1_000_000,
            limit=MAX_IMAGE_PIXELS // 1_000_000,
        )
    except UnidentifiedImageError:
        _refuse(
            "“%(name)s” is not a picture this site can read. Choose a JPEG, PNG or WebP image.",
            "image_unknown",
            name=name,
        )
    except Exception:  # Pillow meets a broken header in many ways; each one means the same to an editor
        _refuse_damaged(name)
    with image:
        if image.format not in FORMATS:
            _refuse(
                "“%(name)s” is a picture in %(format)s format. Only JPEG, PNG or WebP can be used: save it as one "
                "of those and try again.",
                "image_format",
                name=name,
                format=image.format,
            )
        if extension not in FORMATS[image.format]:
            label = {"MPO": "JPEG", "WEBP": "WebP"}.get(image.format, image.format)
            _refuse(
                "“%(name)s” is a %(format)s image, but its name says otherwise. Rename it to end in %(endings)s "
                "and try again.",
                "image_extension",
                name=name,
                format=label,
                endings=" or ".join(f".{ending}" for ending in FORMATS[image.format]),
            )
        if image.format != "MPO" and getattr(image, "is_animated", False):
            _refuse(
                "“%(name)s” is animated. Only still pictures can be used: save one frame as a JPEG, PNG or WebP "
                "and upload that.",
                "image_animated",
                name=name,
            )
        width, height = displayed_size(image)
        if width * height > MAX_IMAGE_PIXELS:
            _refuse(
                "This image is %(width)s × %(height)s pixels, which is too many to show on the web (the most is "
                "%(limit)s megapixels). Please resize it and try again.",
                "image_too_many_pixels",
                width=width,
                height=height,
                limit=MAX_IMAGE_PIXELS // 1_000_000,
            )
        try:
            file.seek(0)
            with Image.open(file) as checked:
                checked.verify()  # a PNG's structure and checksums, without decoding it
            file.seek(0)
            with Image.open(file) as decoded:
                decoded.draft("RGB", (width // 8 or 1, height // 8 or 1))  # a JPEG decodes small, but in full
                decoded.load()
        except Exception:  # truncated or corrupt data: the decoder's reason means nothing to an editor
            _refuse_damaged(name)
    file.seek(0)
    return width, height


def _refuse_damaged(name):
    _refuse(
        "“%(name)s” is damaged or incomplete (perhaps it did not finish downloading), so it cannot be read. Open "
        "it in an image editor, save it again and try again.",
        "image_damaged",
        name=name,
    )


class KeptImage:
    """An upload kept in private storage once it passes its checks; a page shown again names it by a signed token."""

    salt = "core.images.kept"

    def __init__(self, name, label):
        self.name, self.label = name, label

    @property
    def token(self):
        return signing.dumps({"name": self.name, "label": self.label}, salt=self.salt)

    @classmethod
    def keep(cls, upload):
        upload.seek(0)
        return cls(private_storage().save(original_name(None, upload.name), upload), PurePath(upload.name).name)

    @classmethod
    def from_token(cls, token):
        """The kept upload, or None when the token is forged, too old or its file has been cleaned up."""
        try:
            data = signing.loads(token, salt=cls.salt, max_age=KEPT_FOR_SECONDS)
        except signing.BadSignature:
            return None
        kept = cls(data["name"], data["label"])
        return kept if private_storage().exists(kept.name) else None


KEPT_EXPIRED = object()


class ImageInput(forms.ClearableFileInput):
    """The file input, with a preview of the current image, and of an upload kept from the page's last sending."""

    template_name = "core/widgets/image_input.html"
    kept = None
    model_label = None  # set by IllustratedForm, for the preview's permission check

    def kept_name(self, name):
        return f"{name}-kept"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        token = data.get(self.kept_name(name))
        if upload is None and token:
            self.kept = KeptImage.from_token(token)
            return self.kept or KEPT_EXPIRED
        return upload

    def is_initial(self, value):
        return isinstance(value, FieldFile) and bool(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value):
            label = self.model_label or value.instance._meta.label_lower
            context["widget"]["preview_url"] = renditions.preview_url(label, value.name)
        if self.kept:
            context["widget"]["kept"] = self.kept
            context["widget"]["kept_name"] = self.kept_name(name)
            context["widget"]["kept_preview_url"] = renditions.preview_url(self.model_label, self.kept.name)
        return context


class ImageUploadField(forms.FileField):
    """A form field that runs inspect_image; an upload kept from an earlier attempt arrives as its stored name."""

    widget = ImageInput
    default_error_messages = {
        "kept_expired": "The image you chose earlier is no longer kept (it was too long ago). Please choose it again.",
    }

    def to_python(self, data):
        if data is KEPT_EXPIRED:
            raise ValidationError(self.error_messages["kept_expired"], code="kept_expired")
        if isinstance(data, KeptImage):
            return data.name
        upload = super().to_python(data)
        if upload is not None:
            inspect_image(upload)
        return upload

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "accept": "image/jpeg,image/png,image/webp"}


class OriginalImageFieldFile(ImageFieldFile):
    @property
    def url(self):
        """An original is never public: its only address is the signed, staff-only preview (the admin's
        read-only view of a record links to it)."""
        self._require_file()
        return renditions.preview_url(self.instance._meta.label_lower, self.name)

    def _get_image_dimensions(self):
        """The size as displayed (after the EXIF turn), not as stored, so width and height are never swapped."""
        if not hasattr(self, "_dimensions_cache"):
            close, position = self.closed, None
            try:
                self.open()
                position = self.tell()
                self.seek(0)
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                    with Image.open(self) as image:
                        self._dimensions_cache = displayed_size(image)
            except Exception:  # not an image we can read: it has no size to show
                self._dimensions_cache = (None, None)
            finally:
                if close:
                    self.close()
                elif position is not None:
                    self.seek(position)
        return self._dimensions_cache


class OriginalImageField(models.ImageField):
    """An image whose upload is kept privately; the public only ever gets renditions of it."""

    attr_class = OriginalImageFieldFile

    def formfield(self, **kwargs):
        # The admin asks for its own file widget; this field's checks and widget go together.
        return super().formfield(
            **{**kwargs, "form_class": ImageUploadField, "widget": ImageInput, "help_text": upload_help()}
        )


class IllustratedModel(models.Model):
    """An optional image with the text that comes with it: a description unless it is decorative, caption, credit."""

    image = OriginalImageField(
        upload_to=original_name,
        storage=private_storage,
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text="Optional. Visitors get resized copies; the file you upload is never published.",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "image description",
        max_length=250,
        blank=True,
        help_text="Required with an image unless it is decorative: what it shows, for people who cannot see it.",
    )
    image_decorative = models.BooleanField(
        "decorative image",
        default=False,
        help_text="Tick only if the image adds nothing the words do not already say. Screen readers then skip it, "
        "and the description is not used.",
    )
    image_caption = models.CharField(
        "caption", max_length=300, blank=True, help_text="Optional. Shown under the image, for everyone to read."
    )
    image_credit = models.CharField(
        "credit",
        max_length=150,
        blank=True,
        help_text="Optional. Who took or owns the image, shown under it as “Image: …”, e.g. “Derbyshire Constabulary”.",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image and not self.image_decorative and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": "Describe the image for people who cannot see it, or mark it as decorative."}
            )

    @property
    def image_text_alternative(self):
        """What screen readers say for the image: nothing when it is decorative."""
        return "" if self.image_decorative else self.image_alt


IMAGE_FIELDS = ["image", "image_alt", "image_decorative", "image_caption", "image_credit"]


class IllustratedForm(forms.ModelForm):
    """Keeps a sound upload as soon as it passes its checks, so that if anything else on the page is wrong (this
    form, or an inline such as a unit's links) the editor need not choose it again; a saved record uses that file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "image" in self.fields:  # not when the form is read-only for this user
            self.fields["image"].widget.model_label = self._meta.model._meta.label_lower

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            kept = self.fields["image"].widget.kept = KeptImage.keep(upload)
            cleaned_data["image"] = kept.name
        return cleaned_data


def illustrated_models():
    return [model for model in global_apps.get_models() if issubclass(model, IllustratedModel)]


def image_names_in_versions(versions):
    """The image names a set of reversion Versions could restore."""
    names = set()
    for version in versions.iterator():
        if version.format == "json":  # reversion's default; other formats are read through the model
            names.update(record["fields"].get("image") or "" for record in json.loads(version.serialized_data))
        else:
            names.add(version.field_dict.get("image") or "")
    names.discard("")
    return names


def move_public_originals(apps, label):
    """For migrations: images uploaded when originals were public move to private storage under a random name.

    The record and every History version naming the old file are updated, the size is measured upright, and
    the public file is deleted: nothing keeps serving a file with its metadata and its editor's file name.
    """
    model = apps.get_model(label)
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label=model._meta.app_label, model=model._meta.model_name)
        .first()
    )
    versions = apps.get_model("reversion", "Version").objects.filter(content_type=content_type, format="json")
    names = set(model._default_manager.exclude(image="").values_list("image", flat=True))
    names |= image_names_in_versions(versions)
    public, private = storages["default"], private_storage()
    moved = {}
    for name in sorted(names):
        if public.exists(name) and not private.exists(name):
            with public.open(name) as file:
                moved[name] = private.save(original_name(None, name), file)
    for old, new in moved.items():
        with private.open(new) as file, Image.open(file) as image:
            width, height = displayed_size(image)
        model._default_manager.filter(image=old).update(image=new, image_width=width, image_height=height)
    for version in versions.iterator():
        records = json.loads(version.serialized_data)
        renamed = [record for record in records if record["fields"].get("image") in moved]
        for record in renamed:
            record["fields"]["image"] = moved[record["fields"]["image"]]
        if renamed:
            version.serialized_data = json.dumps(records)
            version.save(update_fields=["serialized_data"])
    for old in moved:
        public.delete(old)
    return moved
