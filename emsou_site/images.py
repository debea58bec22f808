"""Checks for images that editors upload, so a bad file gets a clear message, never a broken page."""

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.template.defaultfilters import filesizeformat

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]


def validate_image_size(file):
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            "This image is %(size)s; the largest allowed is %(limit)s. Please resize it and try again.",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_IMAGE_BYTES)},
            code="image_too_large",
        )
    width, height = getattr(file, "width", 0) or 0, getattr(file, "height", 0) or 0
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            "This image is %(width)s × %(height)s pixels, which is too many to show on the web. "
            "Please resize it and try again.",
            params={"width": width, "height": height},
            code="image_too_many_pixels",
        )


image_validators = [FileExtensionValidator(IMAGE_EXTENSIONS), validate_image_size]


class IllustratedModel(models.Model):
    """An optional image with the alt text that must come with it."""

    image = models.ImageField(
        upload_to="images/%Y/%m/",
        blank=True,
        validators=image_validators,
        width_field="image_width",
        height_field="image_height",
        help_text="Optional. JPEG, PNG or WebP, at most 5 MB.",
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        "image description",
        max_length=250,
        blank=True,
        help_text="Required with an image: what it shows, for people who cannot see it.",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": "Describe the image for people who cannot see it."})
