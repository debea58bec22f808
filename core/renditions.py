"""Copies of editors' images for the web: upright, sRGB, metadata-free, sized to the layout, made once and stored."""

import contextlib
import io
from dataclasses import dataclass

from django.core import signing
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils.crypto import salted_hmac
from PIL import Image, ImageCms, ImageOps

from .storage import private_storage

# Renditions are kept in private storage beside the originals: they are only ever served through the view
# that asks core.preview.can_see, so a draft's or a withdrawn record's copies have no public address at all.
# Change RECIPE whenever the output changes: new names, fresh copies; cleanup_media removes the old ones.
RECIPE = "v1"
FOLDER = "renditions"
# The figure is at most 46rem wide (site.css); phones show it the screen's width less 1rem each side.
WIDTHS = (400, 800, 1200)
SIZES = "(min-width: 50em) 46rem, (min-width: 48em) calc(100vw - 4rem), calc(100vw - 2rem)"
# Phones get at most the 800 px copy: past twice their width in CSS pixels, a sharper copy is only heavier.
PHONE_MEDIA, PHONE_SIZES, PHONE_MAX_WIDTH = "(max-width: 47.99em)", "calc(100vw - 2rem)", 800
SHARE_SIZE = (1200, 630)  # the size social media sites ask for
PREVIEW_WIDTH = 400
CONTENT_TYPES = {"webp": "image/webp", "jpg": "image/jpeg"}
WEBP_QUALITY, JPEG_QUALITY = 75, 80
SRGB = ImageCms.createProfile("sRGB")
PREVIEW_SALT = "core.renditions.preview"


@dataclass(frozen=True)
class Variant:
    name: str  # "800w", "share" or "preview"
    ext: str  # "webp" or "jpg"
    width: int
    height: int

    @property
    def filename(self):
        return f"{self.name}.{self.ext}"


def token(image_name):
    """The image's name in public addresses: keyed with SECRET_KEY, so it reveals nothing of the file or its name."""
    return salted_hmac("core.renditions.token", image_name).hexdigest()[:32]


def storage_name(image_name, variant):
    return f"{FOLDER}/{RECIPE}/{token(image_name)}/{variant.filename}"


def widths(image_width):
    """The layout's widths narrower than the image, and the image's own width up to the largest: never enlarged."""
    return sorted({*(width for width in WIDTHS if width < image_width), min(image_width, WIDTHS[-1])})


def variants(obj):
    """Every rendition the site shows of obj's image, by name and format."""
    found = []
    for width in widths(obj.image_width):
        height = max(1, round(obj.image_height * width / obj.image_width))
        found += [Variant(f"{width}w", "webp", width, height), Variant(f"{width}w", "jpg", width, height)]
    return [*found, Variant("share", "jpg", *SHARE_SIZE)]


def url(obj, variant):
    kwargs = {"label": obj._meta.label_lower, "pk": obj.pk, "token": token(obj.image.name)}
    return reverse("images:rendition", kwargs={**kwargs, "variant": variant.name, "ext": variant.ext})


def picture(obj):
    """What the figure template needs: srcsets for WebP (phones' own) and the JPEG fallback, size and text."""
    found = variants(obj)

    def srcset(ext, max_width=None):
        return ", ".join(
            f"{url(obj, v)} {v.width}w"
            for v in found
            if v.ext == ext and v.name != "share" and (max_width is None or v.width <= max_width)
        )

    sized = [v for v in found if v.name != "share"]
    largest = sized[-1]
    fallback = next((v for v in sized if v.ext == "jpg" and v.width >= PHONE_MAX_WIDTH), largest)
    return {
        "phone_srcset": srcset("webp", PHONE_MAX_WIDTH) if largest.width > PHONE_MAX_WIDTH else "",
        "phone_media": PHONE_MEDIA,
        "phone_sizes": PHONE_SIZES,
        "webp_srcset": srcset("webp"),
        "jpeg_srcset": srcset("jpg"),
        "sizes": SIZES,
        "src": url(obj, fallback),
        "width": largest.width,
        "height": largest.height,
        "alt": obj.image_text_alternative,
        "caption": obj.image_caption,
        "credit": obj.image_credit,
    }


def preview_picture(obj):
    """What the figure template needs in a preview of an unsaved form: the editor's copy of whatever image the
    form holds (a new upload is not the record's image yet, so it has no public renditions)."""
    return {
        "src": preview_url(obj._meta.label_lower, obj.image.name),
        "width": obj.image_width,
        "height": obj.image_height,
        "alt": obj.image_text_alternative,
        "caption": obj.image_caption,
        "credit": obj.image_credit,
    }


def share_url(obj):
    return url(obj, Variant("share", "jpg", *SHARE_SIZE))


def preview_url(label, image_name):
    """A signed address for editors' previews in the admin, of any original (a kept upload, an old version)."""
    signed = signing.dumps({"label": label, "name": image_name}, salt=PREVIEW_SALT, compress=True)
    return reverse("images:preview", kwargs={"signed": signed})


def read_preview_url(signed):
    """The (label, name) a preview address was made for, or None if it was not made here."""
    try:
        data = signing.loads(signed, salt=PREVIEW_SALT, max_age=24 * 60 * 60)
    except signing.BadSignature:
        return None
    return data["label"], data["name"]


def preview_variant():
    return Variant("preview", "webp", PREVIEW_WIDTH, 0)


def open_rendition(image_name, variant, wanted):
    """The stored rendition, made first (with any others of `wanted` still missing) from one decode of the original."""
    store = private_storage()
    name = storage_name(image_name, variant)
    if not store.exists(name):
        missing = [v for v in {variant, *wanted} if not store.exists(storage_name(image_name, v))]
        for made, data in render(image_name, missing):
            saved = store.save(storage_name(image_name, made), ContentFile(data))
            if saved != storage_name(image_name, made):
                store.delete(saved)  # another request made it at the same moment: keep one
    return store.open(name)


def render(image_name, wanted):
    """Yield (variant, bytes) for each wanted variant of the private original."""
    largest = max(SHARE_SIZE[0] if variant.name == "share" else variant.width for variant in wanted)
    with private_storage().open(image_name, "rb") as original:
        image = _prepared(original, largest)
    for variant in wanted:
        if variant.name == "share":
            copy = ImageOps.fit(_flattened(image), SHARE_SIZE, Image.Resampling.LANCZOS)
        else:
            width = min(variant.width, image.width)
            height = max(1, round(image.height * width / image.width))
            copy = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        yield variant, _encode(copy, variant.ext)


def _prepared(original, largest):
    """The picture upright and in sRGB, as RGB or RGBA pixels with no metadata attached."""
    image = Image.open(original, formats=["JPEG", "PNG", "WEBP"])
    image.draft(None, (largest, largest))  # a big JPEG decodes at a half, quarter or eighth: faster, less memory
    image.load()
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    if image.mode.startswith("I;16") or image.mode == "I":
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    elif image.mode not in ("RGB", "RGBA", "L", "CMYK"):
        image = image.convert(mode)
    # A broken or mismatched profile is passed over: the colours as stored are then the best guess.
    with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
        if icc:
            image = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(icc)), SRGB, outputMode=mode)
    clean = image.convert(mode) if image.mode != mode else image.copy()
    clean.info = {}
    return clean


def _flattened(image):
    """JPEG has no transparency: transparent parts become the page's white."""
    if image.mode != "RGBA":
        return image
    flat = Image.new("RGB", image.size, "white")
    flat.paste(image, mask=image.getchannel("A"))
    return flat


def _encode(image, ext):
    """Encoded with nothing but pixels: no EXIF, XMP, IPTC or colour profile is passed to the encoder."""
    buffer = io.BytesIO()
    if ext == "webp":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=5)
    else:
        _flattened(image).save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()
