"""Building blocks shared by the content apps, and the records that keep their history whole."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

REVIEW_AFTER = datetime.timedelta(days=365)
PREVIEW_SALT = "core.preview-link"


def a_year_from_today():
    return timezone.localdate() + REVIEW_AFTER


class SlugManager(models.Manager):
    """Looks records up by slug, so fixtures use natural keys and load twice without duplicates."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Reviewable(models.Model):
    """Content someone should check now and then: the admin moves the date a year on at each edit."""

    review_by = models.DateField(
        "review by",
        default=a_year_from_today,
        help_text="When someone should next check this is still right. Each save moves it to a year "
        "after the edit, unless you choose another date here. Overdue items are listed on the admin home page.",
    )

    class Meta:
        abstract = True


class Sensitive(models.Model):
    """Content about a subject a visitor may need to hide reading: its page offers "Leave this site"."""

    is_sensitive = models.BooleanField(
        "offer “Leave this site”",
        default=False,
        help_text="Tick for a subject a visitor may need to hide that they read about, such as domestic abuse, "
        "exploitation or modern slavery. The page then has a “Leave this site” button that swaps it at once for "
        "the BBC weather website, and says how to clear a browser’s history.",
    )

    class Meta:
        abstract = True


class DeletedLinks(models.Model):
    """Kept with the last revision of a deleted record: the links other records held to it.

    Deleting a unit drops the many-to-many rows that tie articles to it; recovering the unit from
    History puts them back from here, without touching anything else in those articles.
    """

    revision = models.ForeignKey("reversion.Revision", on_delete=models.CASCADE, related_name="deleted_links")
    links = models.JSONField(default=list)

    class Meta:
        verbose_name = "links of a deleted record"
        verbose_name_plural = "links of deleted records"

    def __str__(self):
        return f"Links kept with revision {self.revision_id}"


class SeedRecord(models.Model):
    """A record that `load_content` loaded from the seed fixtures, with its content as loaded.

    A later load compares the record with this copy: a difference means an editor changed it, so it is
    kept; a seed record that no longer exists was deleted by an editor, so it stays deleted.
    """

    model = models.CharField(max_length=100)
    natural_key = models.CharField(max_length=600)
    data = models.JSONField()
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "natural_key"], name="unique_seed_record")]

    def __str__(self):
        return f"{self.model} {self.natural_key}"


class RedirectManager(models.Manager):
    def record_move(self, obj, old_path):
        """obj's address changed from old_path: keep the old one working. Chains never form, because every
        redirect points at the record itself, wherever it is now."""
        new_path = obj.get_absolute_url()
        if old_path == new_path:
            return
        self.filter(old_path=new_path).delete()
        content_type = ContentType.objects.get_for_model(obj)
        self.update_or_create(old_path=old_path, defaults={"content_type": content_type, "object_id": obj.pk})


class Redirect(models.Model):
    """An old address of a record whose web address changed. It answers 301 to the record's current address
    while the record is public; once it is deleted or hidden, the old address is simply not found."""

    old_path = models.CharField(
        "old address", max_length=300, unique=True, help_text="The address that used to work, e.g. /news/old-title/."
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField("since", auto_now_add=True)

    objects = RedirectManager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "redirect"

    def __str__(self):
        return self.old_path

    def destination(self):
        """Where the old address leads now, or None when the record is gone or not public."""
        target = self.target
        if target is None or not type(target)._default_manager.published().filter(pk=target.pk).exists():
            return None
        return target.get_absolute_url()


class PreviewLink(models.Model):
    """A signed link that shows one unpublished record to someone who is not signed in, until it expires.
    Deleting the link revokes it at once."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name="made by"
    )
    created_at = models.DateTimeField("made", auto_now_add=True)
    expires_at = models.DateTimeField("expires")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "preview link"

    def __str__(self):
        return f"Preview of {self.target or 'a deleted record'} until {self.expires_at:%d %b %Y %H:%M}"

    def get_absolute_url(self):
        return reverse("preview", kwargs={"token": signing.dumps(self.pk, salt=PREVIEW_SALT)})
